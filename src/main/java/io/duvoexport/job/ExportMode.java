package io.duvoexport.job;

import java.util.Locale;

/** What one export refreshes. */
public enum ExportMode {
    /** Every run: the whole dataset is rebuilt. */
    FULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportMode parse(String value) {
        for (ExportMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be full, was '" + value + "'");
    }
}
