package io.duvoexport.config;

import io.duvoexport.api.IssueSeverity;
import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Turns the {@code duvo.filter.*} settings into a typed {@link RunFilter}. */
public final class RunFilterFactory {

    private RunFilterFactory() {}

    /** @throws ConfigurationException naming the first invalid setting */
    public static RunFilter from(ExportProperties.Filter f) {
        try {
            return new RunFilter(
                    f.status() == null ? null : RunStatus.fromWireName(f.status()),
                    blankToNull(f.agentId()),
                    blankToNull(f.userId()),
                    blankToNull(f.caseQueueId()),
                    blankToNull(f.source()),
                    blankToNull(f.search()),
                    f.hasIssues(),
                    severity(f.issueSeverity()),
                    since(f.since()),
                    blankToNull(f.digestId()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid duvo.filter setting: " + e.getMessage());
        }
    }

    private static IssueSeverity severity(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IssueSeverity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "issue-severity must be critical, medium or low, was '" + value + "'");
        }
    }

    private static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "since must be an RFC 3339 date-time such as 2026-11-01T00:00:00Z, was '"
                            + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
