package io.duvoexport.api;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The API's {@code x-ratelimit-*} headers of one response; absent headers are empty.
 *
 * @param limit requests allowed per window
 * @param remaining requests left in the current window
 * @param resetAt when the window resets, or null
 */
public record RateLimit(OptionalLong limit, OptionalLong remaining, Instant resetAt) {

    public static final RateLimit UNKNOWN =
            new RateLimit(OptionalLong.empty(), OptionalLong.empty(), null);

    static RateLimit from(HttpHeaders headers) {
        OptionalLong reset = parseLong(headers, "x-ratelimit-reset");
        return new RateLimit(
                parseLong(headers, "x-ratelimit-limit"),
                parseLong(headers, "x-ratelimit-remaining"),
                reset.isPresent() ? Instant.ofEpochSecond(reset.getAsLong()) : null);
    }

    private static OptionalLong parseLong(HttpHeaders headers, String name) {
        return headers.firstValue(name)
                .map(String::strip)
                .filter(v -> v.matches("-?\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }
}
