package io.duvoexport.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The ten statuses the {@code status} filter accepts; every run is in exactly one of them. */
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

    /** The value as it appears on the wire, e.g. {@code needs_attention}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has ended; only finished runs carry {@code completed_at}. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == INTERRUPTED || this == STOPPED;
    }

    /** The status with this wire name, or empty for anything else (matching is exact). */
    public static Optional<RunStatus> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }

    /** Every wire name, comma separated, in declaration order: for error messages. */
    static String wireNames() {
        return Arrays.stream(values()).map(RunStatus::wireName).collect(Collectors.joining(", "));
    }
}
