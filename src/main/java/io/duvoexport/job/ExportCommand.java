package io.duvoexport.job;

import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.Manifest;
import io.duvoexport.publish.ManifestWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Runs one export: builds the job parameters (never a secret), starts or restarts the job, and
 * turns its outcome into an exit code and a line for the operator.
 *
 * <p>The job instance is keyed by business date, mode and team: re-running the same command after
 * a failure resumes that instance; re-running after success does nothing unless forced.
 */
@Component
public class ExportCommand {

    static final String DATE = "date";
    static final String MODE = "mode";
    static final String TEAM = "team";
    static final String FROM = "from";
    static final String TO = "to";
    static final String FORCED_AT = "forced-at";

    private static final Logger log = LoggerFactory.getLogger(ExportCommand.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job exportJob;
    private final ExportProperties properties;
    private final Storage storage;

    ExportCommand(JobOperator jobOperator, JobRepository jobRepository, Job exportJob,
            ExportProperties properties, Storage storage) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.exportJob = exportJob;
        this.properties = properties;
        this.storage = storage;
    }

    /**
     * What to export.
     *
     * @param from first creation date of a range export, else null
     * @param to last creation date of a range export, else null
     */
    public record Request(ExportMode mode, LocalDate date, LocalDate from, LocalDate to,
            boolean force) {

        public Request(ExportMode mode, LocalDate date, boolean force) {
            this(mode, date, null, null, force);
        }
    }

    public ExitCode run(Request request, PrintStream out) throws Exception {
        if (properties.teamId() == null || properties.teamId().isBlank()) {
            throw new io.duvoexport.config.ConfigurationException("DUVO_TEAM_ID is not set");
        }
        JobParameters parameters = parameters(request);
        recoverDeadExecutions();
        removeInstanceWithoutExecution(parameters);
        JobExecution execution;
        try {
            execution = jobOperator.start(exportJob, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            out.printf("the %s export of team %s for %s already completed: nothing to do "
                    + "(add --force to export again)%n", request.mode().wireName(),
                    properties.teamId(), request.date());
            return ExitCode.OK;
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            printSummary(out);
            return ExitCode.OK;
        }
        FailureClassifier.Outcome outcome = FailureClassifier.classify(failures(execution));
        log.error("export failed (exit {}): {}", outcome.code().code(), outcome.message());
        throw new ExportFailedException(outcome);
    }

    /**
     * Marks as failed the executions a killed process left STARTED. This process holds the
     * output's lock, so no live process can own them; once failed they restart normally.
     */
    private void recoverDeadExecutions() {
        for (JobExecution running : jobRepository.findRunningJobExecutions(exportJob.getName())) {
            log.warn("recovering execution {} of {} left {} by a process that is gone",
                    running.getId(), running.getJobParameters().getLocalDate(DATE),
                    running.getStatus());
            jobOperator.recover(running);
        }
    }

    /**
     * A process killed between creating a job instance and its first execution leaves an
     * instance that Spring Batch can neither start nor restart; it holds no work, so it goes.
     */
    private void removeInstanceWithoutExecution(JobParameters parameters) {
        JobInstance instance = jobRepository.getJobInstance(exportJob.getName(), parameters);
        if (instance != null && jobRepository.getLastJobExecution(instance) == null) {
            log.warn("removing job instance {}: a process that is gone created it and ran nothing",
                    instance.getInstanceId());
            jobRepository.deleteJobInstance(instance);
        }
    }

    private JobParameters parameters(Request request) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addLocalDate(DATE, request.date())
                .addString(MODE, request.mode().wireName())
                .addString(TEAM, properties.teamId());
        if (request.mode() == ExportMode.RANGE) {
            builder.addLocalDate(FROM, request.from()).addLocalDate(TO, request.to());
        }
        if (request.force()) {
            builder.addLong(FORCED_AT, System.currentTimeMillis());
        }
        return builder.toJobParameters();
    }

    private static List<Throwable> failures(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>();
        for (StepExecution step : execution.getStepExecutions()) {
            failures.addAll(step.getFailureExceptions());
        }
        failures.addAll(execution.getFailureExceptions());
        return failures;
    }

    private void printSummary(PrintStream out) throws IOException {
        Manifest manifest = ManifestWriter.read(storage);
        out.printf("exported %,d runs of team %s into %d partitions%n", manifest.rowsPublished(),
                manifest.teamId(), manifest.partitions().size());
        out.printf("  dataset:  %s%n", storage.display(storage.runsDir()));
        out.printf("  manifest: %s%n", storage.display(ManifestWriter.MANIFEST));
        if (manifest.rejects() > 0) {
            out.printf("  rejects:  %,d runs in %s%n", manifest.rejects(),
                    storage.display(ManifestWriter.REJECTS));
        }
        if (storage.isLocal()) {
            out.printf("  reports:  %s%n", storage.display("reports"));
        }
    }

    /** The export ended in failure; carries the exit code and the operator's line. */
    public static final class ExportFailedException extends RuntimeException {
        private final FailureClassifier.Outcome outcome;

        ExportFailedException(FailureClassifier.Outcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }

        public FailureClassifier.Outcome outcome() {
            return outcome;
        }
    }
}
