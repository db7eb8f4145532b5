package io.duvoexport.api;

import java.util.Objects;

/**
 * The bearer key. Kept in its own type so that it never reaches a log line, an exception
 * message or a serialized form by accident: {@link #toString()} is redacted.
 */
public final class ApiKey {

    private final String value;

    public ApiKey(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        this.value = value.strip();
    }

    /** The value for the {@code Authorization} header, and nothing else. */
    String authorizationHeader() {
        return "Bearer " + value;
    }

    /** The raw key; callers must not log or persist it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
