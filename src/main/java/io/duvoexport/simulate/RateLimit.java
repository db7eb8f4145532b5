package io.duvoexport.simulate;

import java.time.Duration;
import java.util.Objects;

/**
 * A fixed-window request budget per API key: at most {@code requests} requests in each window of
 * length {@code window}, windows aligned to multiples of the length since the Unix epoch. Zero
 * requests means no limit (and no rate-limit headers).
 */
public record RateLimit(int requests, Duration window) {

    /** The vendor's documented limit: 300 requests per minute per key. */
    public static final RateLimit VENDOR_DEFAULT = perMinute(300);

    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (requests < 0) {
            throw new IllegalArgumentException("rate limit requests must be >= 0, was " + requests);
        }
        if (requests > 0 && window.toMillis() < 1) {
            throw new IllegalArgumentException("rate limit window must be >= 1 ms, was " + window);
        }
    }

    /** {@code requests} per window of the given length, e.g. {@code of(50, 2 seconds)}. */
    public static RateLimit of(int requests, Duration window) {
        return new RateLimit(requests, window);
    }

    /** {@code requests} per minute. */
    public static RateLimit perMinute(int requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    /** No limit at all. */
    public static RateLimit off() {
        return new RateLimit(0, Duration.ZERO);
    }

    /** Whether requests are limited. */
    public boolean enabled() {
        return requests > 0;
    }

    @Override
    public String toString() {
        return enabled() ? requests + " per " + window.toMillis() + " ms" : "off";
    }
}
