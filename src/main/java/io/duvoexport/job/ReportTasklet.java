package io.duvoexport.job;

import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.Storage;
import io.duvoexport.report.AnalyticsCatalog;
import io.duvoexport.report.DashboardPublisher;
import io.duvoexport.report.ReportRun;
import io.duvoexport.report.ReportRunner;
import java.nio.file.Path;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs every report of {@code sql/} over the published dataset, then rebuilds the DuckDB
 * catalog and the HTML report from their results.
 */
final class ReportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

    private final Storage storage;
    private final ExportProperties.Report settings;

    ReportTasklet(Storage storage, ExportProperties.Report settings) {
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

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (!storage.isLocal()) {
            log.warn("reports skipped: they need a local output root, and {} is not one",
                    storage.root());
            return RepeatStatus.FINISHED;
        }
        LocalDate date = chunkContext.getStepContext().getStepExecution().getJobExecution()
                .getJobParameters().getLocalDate(ExportCommand.DATE);
        ReportRunner runner = runner(storage, settings);
        ReportRun run = runner.run(date);
        AnalyticsCatalog.rebuild(runner);
        DashboardPublisher.publish(runner);
        contribution.incrementWriteCount(run.reports().size());
        return RepeatStatus.FINISHED;
    }
}
