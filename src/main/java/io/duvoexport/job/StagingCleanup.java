package io.duvoexport.job;

import io.duvoexport.export.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Removes an export's staging area once the export has completed; a failed one keeps it. */
final class StagingCleanup implements JobExecutionListener {

    private final Storage storage;

    StagingCleanup(Storage storage) {
        this.storage = storage;
    }

    @Override
    public void afterJob(JobExecution job) {
        if (job.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        try {
            storage.fs().delete(PlanTasklet.stagingDir(storage, job.getJobInstanceId()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staging area", e);
        }
    }
}
