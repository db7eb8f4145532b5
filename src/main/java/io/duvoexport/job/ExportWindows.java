package io.duvoexport.job;

import io.duvoexport.export.ExportWindow;
import io.duvoexport.publish.Manifest;
import java.time.LocalDate;

/** Decides the window of creation dates an export refreshes. */
final class ExportWindows {

    /** The mode an export actually runs in, and its window. */
    record Resolved(ExportMode mode, ExportWindow window) {}

    private ExportWindows() {}

    /**
     * @param date the export's night
     * @param from first date of a range export
     * @param to last date of a range export
     * @param previous the manifest of the last export, or null when the dataset is new
     * @param lookbackDays an incremental window starts this many days before {@code date}
     * @param maxLookbackDays it reaches back to the oldest partition still holding a run in a
     *     non-terminal status, but never more than this many days
     */
    static Resolved resolve(ExportMode mode, LocalDate date, LocalDate from, LocalDate to,
            Manifest previous, int lookbackDays, int maxLookbackDays) {
        return switch (mode) {
            case FULL -> new Resolved(ExportMode.FULL, ExportWindow.EVERYTHING);
            case RANGE -> new Resolved(ExportMode.RANGE, new ExportWindow(from, to));
            case INCREMENTAL -> previous == null
                    ? new Resolved(ExportMode.FULL, ExportWindow.EVERYTHING)
                    : new Resolved(ExportMode.INCREMENTAL, new ExportWindow(
                            incrementalStart(date, previous, lookbackDays, maxLookbackDays), null));
        };
    }

    private static LocalDate incrementalStart(LocalDate date, Manifest previous, int lookbackDays,
            int maxLookbackDays) {
        LocalDate start = date.minusDays(lookbackDays);
        LocalDate limit = date.minusDays(Math.max(lookbackDays, maxLookbackDays));
        if (previous.openPartitions() != null && !previous.openPartitions().isEmpty()) {
            LocalDate oldestOpen = previous.openPartitions().first();
            if (oldestOpen.isBefore(start)) {
                start = oldestOpen.isBefore(limit) ? limit : oldestOpen;
            }
        }
        return start;
    }
}
