package io.duvoexport.job;

import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.Storage;
import io.duvoexport.report.AnalyticsCatalog;
import io.duvoexport.report.DashboardPublisher;
import io.duvoexport.report.ReportRunner;
import java.nio.file.Path;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports of an export: every report of {@code sql/} over the published dataset, then the
 * DuckDB catalog and the HTML report from their results.
 *
 * <p>In two steps, so that a report that fails can still undo the publication: {@link #compute}
 * runs the SQL once the new partitions and manifest are in place, publishing nothing;
 * {@link Computed#publish} makes the results the latest ones.
 */
final class NightlyReports {

    private static final Logger log = LoggerFactory.getLogger(NightlyReports.class);

    /** Reports computed and not yet published. */
    @FunctionalInterface
    interface Computed {
        Computed NOTHING = date -> {};

        /** Publishes the reports (dated copies under {@code date}), the catalog, the HTML. */
        void publish(LocalDate date);
    }

    private final Storage storage;
    private final ExportProperties.Report settings;

    NightlyReports(Storage storage, ExportProperties.Report settings) {
        this.storage = storage;
        this.settings = settings;
    }

    static ReportRunner runner(Storage storage, ExportProperties.Report settings) {
        ReportRunner runner = ReportRunner.forOutputRoot(storage.localRoot())
                .withHistoryDays(settings.historyDays());
        if (settings.sqlDir() != null && !settings.sqlDir().isBlank()) {
            runner = runner.withSqlDirectory(Path.of(settings.sqlDir()));
        }
        return runner;
    }

    /**
     * Runs every report over the dataset as published now.
     *
     * @throws io.duvoexport.report.ReportException naming the report that failed
     */
    Computed compute() {
        if (!storage.isLocal()) {
            log.warn("reports skipped: they need a local output root, and {} is not one",
                    storage.root());
            return Computed.NOTHING;
        }
        ReportRunner runner = runner(storage, settings);
        ReportRunner.Staged staged = runner.stage();
        return date -> {
            runner.publish(staged, date);
            AnalyticsCatalog.rebuild(runner);
            DashboardPublisher.publish(runner);
        };
    }
}
