package io.duvoexport.api;

import java.util.Arrays;
import java.util.Locale;

/** The ten values the API's {@code status} filter accepts, with their wire names. */
public enum RunStatus {
    NOT_STARTED,
    PENDING,
    STARTING,
    RUNNING,
    WAITING,
    COMPLETED,
    FAILED,
    INTERRUPTED,
    STOPPED,
    NEEDS_ATTENTION;

    /** The value as the API spells it, e.g. {@code needs_attention}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code value} is not one
     */
    public static RunStatus fromWireName(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown run status '" + value + "', expected one of " + wireNames()));
    }

    static String wireNames() {
        return Arrays.stream(values()).map(RunStatus::wireName).toList().toString();
    }
}
