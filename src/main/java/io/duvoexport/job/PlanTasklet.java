package io.duvoexport.job;

import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.ParquetWarmUp;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.Manifest;
import io.duvoexport.publish.ManifestWriter;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Prepares the export's staging area (one per job instance, so a restart finds it), clears the
 * leftovers of abandoned exports, and stores the plan in the job's execution context.
 */
final class PlanTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PlanTasklet.class);

    private final Storage storage;
    private final Supplier<ExportPlanner> planner;
    private final ExportProperties.Incremental incremental;

    PlanTasklet(Storage storage, Supplier<ExportPlanner> planner,
            ExportProperties.Incremental incremental) {
        this.storage = storage;
        this.planner = planner;
        this.incremental = incremental;
    }

    static Path stagingDir(Storage storage, long jobInstanceId) {
        return new Path(storage.workDir(), "instance-" + jobInstanceId);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
            throws IOException, InterruptedException {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        // publication's code loads while paging waits on the API
        ParquetWarmUp.startInBackground();
        Path staging = stagingDir(storage, job.getJobInstanceId());
        removeOtherStagingAreas(staging);
        storage.fs().delete(staging, true);
        storage.fs().mkdirs(staging);
        ExportWindows.Resolved resolved = resolveWindow(job.getJobParameters());
        ExportPlan plan = planner.get().plan(resolved.mode().wireName(), resolved.window(), staging);
        PlanCodec.save(storage, staging, plan);
        return RepeatStatus.FINISHED;
    }

    private ExportWindows.Resolved resolveWindow(JobParameters parameters) throws IOException {
        ExportMode mode = ExportMode.parse(parameters.getString(ExportCommand.MODE));
        Manifest previous = ManifestWriter.exists(storage) ? ManifestWriter.read(storage) : null;
        ExportWindows.Resolved resolved = ExportWindows.resolve(mode,
                parameters.getLocalDate(ExportCommand.DATE),
                parameters.getLocalDate(ExportCommand.FROM),
                parameters.getLocalDate(ExportCommand.TO),
                previous, incremental.lookbackDays(), incremental.maxLookbackDays());
        if (resolved.mode() != mode) {
            log.info("no published dataset yet under {}: the {} export runs as a full one",
                    storage.root(), mode.wireName());
        }
        return resolved;
    }

    private void removeOtherStagingAreas(Path keep) throws IOException {
        if (!storage.fs().exists(storage.workDir())) {
            return;
        }
        for (FileStatus status : storage.fs().listStatus(storage.workDir())) {
            if (!status.getPath().getName().equals(keep.getName())) {
                log.info("removing the staging area of an abandoned export: {}", status.getPath());
                storage.fs().delete(status.getPath(), true);
            }
        }
    }
}
