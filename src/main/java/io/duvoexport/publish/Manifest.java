package io.duvoexport.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What the last successful export published, written as {@code manifest.json} at the output
 * root beside the {@code _SUCCESS} marker. Never holds a secret.
 *
 * @param schemaVersion the dataset's schema version
 * @param jobInstanceId the Spring Batch job instance
 * @param jobExecutionId the execution that finished the export
 * @param mode {@code full} or {@code incremental}
 * @param windowStart first creation date refreshed, or null for a full export
 * @param windowEnd last creation date refreshed, or null for a full export
 * @param teamId the team exported
 * @param statusSource {@code payload} or {@code per-status}
 * @param startedAt when the export's first execution started
 * @param finishedAt when publication finished
 * @param exportedAt the timestamp stamped on the rows
 * @param apiTotals the API's totals per listing when the export was planned
 * @param rowsPublished rows written to the refreshed partitions
 * @param partitions rows per refreshed partition
 * @param openPartitions every partition of the dataset that holds a run in a non-terminal status
 *     (anything but completed, failed, interrupted and stopped): the next incremental export
 *     reaches back to the oldest of them
 * @param rejects runs quarantined in {@code rejects.jsonl}
 * @param reconciliation how the rows exported compare with the API's count, and what paging over
 *     live data ran into
 * @param requests HTTP requests sent by the process that finished the export
 * @param retries retries among them, by reason
 */
public record Manifest(
        int schemaVersion,
        long jobInstanceId,
        long jobExecutionId,
        String mode,
        LocalDate windowStart,
        LocalDate windowEnd,
        String teamId,
        String statusSource,
        Instant startedAt,
        Instant finishedAt,
        Instant exportedAt,
        Map<String, Long> apiTotals,
        long rowsPublished,
        SortedMap<LocalDate, Long> partitions,
        SortedSet<LocalDate> openPartitions,
        long rejects,
        Reconciliation reconciliation,
        long requests,
        Map<String, Long> retries) {

    /**
     * @param apiTotalAtEnd the API's total on the last page read of each listing, summed
     * @param runsExported distinct runs exported (published rows plus rejects)
     * @param unexplainedGap for a full export, runs the API counted at the end that are not in
     *     the export; null for a windowed export, whose rows the API's totals do not describe
     * @param boundaryMoves page boundaries found moved by runs deleted or inserted while paging
     * @param pagesReread pages read again to close them
     * @param unresolvedJoints moved boundaries that could not be closed: runs may be missing there
     */
    public record Reconciliation(
            long apiTotalAtEnd,
            long runsExported,
            Long unexplainedGap,
            long boundaryMoves,
            long pagesReread,
            long unresolvedJoints) {}
}
