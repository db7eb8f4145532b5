package io.duvoexport.job;

import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.Manifest;
import io.duvoexport.publish.ManifestWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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
 * <p>An export's identity is its night, mode, team, range and output root. Its job instances are
 * numbered by {@value #RERUN}: 0 for the first, one more for each {@code --force} after a
 * completed one. Re-running the same command, forced or not, resumes the newest instance when it
 * did not complete; after it completed, an unforced command does nothing and a forced one starts
 * the next instance.
 */
@Component
public class ExportCommand {

    static final String DATE = "date";
    static final String MODE = "mode";
    static final String TEAM = "team";
    static final String FROM = "from";
    static final String TO = "to";
    static final String OUTPUT = "output";
    static final String RERUN = "rerun";

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
        JobParameters identity = identity(request);
        recoverDeadExecutions(identity.getString(OUTPUT));
        JobExecution execution;
        try {
            execution = jobOperator.start(exportJob, instanceToRun(identity, request.force()));
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
     * Marks as failed the executions of this output that a killed process left STARTED. This
     * process holds the output's lock, so no live process can own them; once failed they restart
     * normally. Executions of other outputs sharing the repository are left alone: they may be
     * running.
     */
    private void recoverDeadExecutions(String output) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(exportJob.getName())) {
            if (!output.equals(running.getJobParameters().getString(OUTPUT))) {
                continue;
            }
            log.warn("recovering execution {} of {} left {} by a process that is gone",
                    running.getId(), running.getJobParameters().getLocalDate(DATE),
                    running.getStatus());
            jobOperator.recover(running);
        }
    }

    /**
     * The parameters of the instance to start or restart: the newest instance of this identity
     * unless it completed and the export is forced, or it cannot be resumed; then the next one.
     * An unforced command given a completed instance gets it, and the start reports it done.
     */
    private JobParameters instanceToRun(JobParameters identity, boolean force) {
        Newest newest = newest(identity);
        if (newest == null) {
            return withRerun(identity, 0);
        }
        int rerun = newest.rerun();
        JobInstance instance = newest.instance();
        JobExecution last = newest.lastExecution();
        if (last.getStatus() == BatchStatus.COMPLETED) {
            return withRerun(identity, force ? rerun + 1 : rerun);
        }
        if (!resumable(instance, last)) {
            log.warn("job instance {} ended {} and cannot be resumed (abandoned, or its staging "
                    + "area under {} is gone): exporting again from the start",
                    instance.getInstanceId(), last.getStatus(), storage.workDir());
            return withRerun(identity, rerun + 1);
        }
        log.info("resuming job instance {}, whose last execution {} ended {}",
                instance.getInstanceId(), last.getId(), last.getStatus());
        return withRerun(identity, rerun);
    }

    /** The newest instance of an identity, its number and its last execution. */
    private record Newest(int rerun, JobInstance instance, JobExecution lastExecution) {}

    /**
     * The newest instance of this identity that ran, null when there is none. An instance that
     * a process killed before its first execution left empty holds no work: it goes.
     */
    private Newest newest(JobParameters identity) {
        Newest newest = null;
        for (int rerun = 0; ; rerun++) {
            JobInstance instance = jobRepository.getJobInstance(exportJob.getName(),
                    withRerun(identity, rerun));
            if (instance == null) {
                return newest;
            }
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last == null) {
                log.warn("removing job instance {}: a process that is gone created it and ran "
                        + "nothing", instance.getInstanceId());
                jobRepository.deleteJobInstance(instance);
                return newest;
            }
            newest = new Newest(rerun, instance, last);
        }
    }

    /** Whether a restart can pick up the instance's work: its plan, once made, is still staged. */
    private boolean resumable(JobInstance instance, JobExecution last) {
        if (last.getStatus() == BatchStatus.ABANDONED || last.getStatus() == BatchStatus.UNKNOWN) {
            return false;
        }
        StepExecution plan = jobRepository.getLastStepExecution(instance, "plan");
        if (plan == null || plan.getStatus() != BatchStatus.COMPLETED) {
            return true; // the plan step runs again and stages afresh
        }
        try {
            return storage.fs().exists(PlanTasklet.stagingDir(storage, instance.getInstanceId()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the staging area under "
                    + storage.workDir(), e);
        }
    }

    private JobParameters identity(Request request) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addLocalDate(DATE, request.date())
                .addString(MODE, request.mode().wireName())
                .addString(TEAM, properties.teamId())
                .addString(OUTPUT, outputIdentity(storage));
        if (request.mode() == ExportMode.RANGE) {
            builder.addLocalDate(FROM, request.from()).addLocalDate(TO, request.to());
        }
        return builder.toJobParameters();
    }

    private static JobParameters withRerun(JobParameters identity, int rerun) {
        return new JobParametersBuilder(identity).addLong(RERUN, (long) rerun).toJobParameters();
    }

    /**
     * The output root as recorded in the job repository: its qualified URI without any user
     * information, so that {@code ./out} and its absolute path are one output and no credential
     * embedded in a URI reaches the repository.
     */
    static String outputIdentity(Storage storage) {
        URI root = storage.root().toUri();
        try {
            return new URI(root.getScheme(), null, root.getHost(), root.getPort(), root.getPath(),
                    null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("output root " + root + " is not a URI", e);
        }
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
