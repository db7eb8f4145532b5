package io.duvoexport.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link ReportRunner#run(LocalDate)} published.
 *
 * @param runDate the date the dated copies were filed under
 * @param reports the reports, in the order they ran (by name)
 * @param prunedHistory the dated history folders deleted for being older than the retention
 */
public record ReportRun(
        LocalDate runDate, List<PublishedReport> reports, List<Path> prunedHistory) {

    public ReportRun {
        reports = List.copyOf(reports);
        prunedHistory = List.copyOf(prunedHistory);
    }

    /** The report of that name, if this run published it. */
    public Optional<PublishedReport> report(String name) {
        return reports.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
