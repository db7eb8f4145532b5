package io.duvoexport.job;

import java.util.Locale;

/** What one export refreshes. */
public enum ExportMode {
    /** Every run: the whole dataset is rebuilt. */
    FULL,
    /**
     * The nightly default: the creation dates of the last {@code lookback-days}, reaching back
     * further to the oldest partition still holding a run in a non-terminal status.
     */
    INCREMENTAL,
    /** An explicit range of creation dates ({@code --from}, {@code --to}): a backfill. */
    RANGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportMode parse(String value) {
        for (ExportMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "mode must be full, incremental or range, was '" + value + "'");
    }
}
