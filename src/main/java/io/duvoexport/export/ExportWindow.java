package io.duvoexport.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The creation dates an export refreshes, both ends inclusive; a null end is unbounded. A full
 * export's window is unbounded at both ends: it owns every partition.
 *
 * @param from first creation date refreshed, or null
 * @param to last creation date refreshed, or null
 */
public record ExportWindow(LocalDate from, LocalDate to) {

    public static final ExportWindow EVERYTHING = new ExportWindow(null, null);

    public ExportWindow {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("window ends (" + to + ") before it starts (" + from
                    + ")");
        }
    }

    @JsonIgnore
    public boolean isEverything() {
        return from == null && to == null;
    }

    public boolean contains(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    /** The first instant of the window, or null when it is unbounded below. */
    @JsonIgnore
    public Instant start() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public String toString() {
        return isEverything() ? "every date" : (from == null ? "..." : from) + " to "
                + (to == null ? "now" : to);
    }
}
