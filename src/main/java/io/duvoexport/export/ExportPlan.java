package io.duvoexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one export will do, decided once from the first page(s) and kept in the job's
 * execution context, so that a restart carries on with the same plan instead of deciding again
 * against data that has moved.
 *
 * @param mode the mode the export runs in: {@code full}, {@code incremental} or {@code range}
 * @param window the creation dates the export refreshes
 * @param exportedAt the export's timestamp, stamped on every row
 * @param statusFromPayload true when rows carry their status; false when it is derived by paging
 *     once per status
 * @param totals the API's {@code total} of each listing at planning time ("all" or a status)
 * @param units the fetching still to do after the first page of each listing
 * @param stagingDir where this export stages its work, under the output root's work area
 */
public record ExportPlan(
        String mode,
        ExportWindow window,
        Instant exportedAt,
        boolean statusFromPayload,
        Map<String, Long> totals,
        List<FetchUnit> units,
        String stagingDir) {

    /** The sum of the listings' totals: what the API counted when the export began. */
    public long apiTotal() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }
}
