package io.duvoexport.api;

import java.util.Locale;

/** Values of the {@code issue_severity} filter. */
public enum IssueSeverity {
    CRITICAL,
    MEDIUM,
    LOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
