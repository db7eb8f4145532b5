package io.duvoexport.job;

import io.duvoexport.api.RunsClient;
import io.duvoexport.export.RequestLedger;
import io.duvoexport.export.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Keeps the count of requests across the executions of one export: when an execution starts, it
 * carries over what earlier ones recorded; after committed chunks (at most once a second) and
 * when it fails, it records what this one has sent ({@link RequestLedger}). The manifest's
 * {@code requests} is then the whole export's, a resumed one included.
 */
final class RequestCountListener implements JobExecutionListener, ChunkListener<Object, Object> {

    private final Storage storage;
    private final Supplier<RunsClient> client;
    private static final long RECORD_INTERVAL_NANOS = 1_000_000_000L;

    private volatile Running current;
    private final AtomicLong lastRecorded =
            new AtomicLong(System.nanoTime() - RECORD_INTERVAL_NANOS);

    RequestCountListener(Storage storage, Supplier<RunsClient> client) {
        this.storage = storage;
        this.client = client;
    }

    private record Running(long executionId, RequestLedger ledger) {}

    @Override
    public void beforeJob(JobExecution job) {
        RequestLedger ledger = new RequestLedger(storage,
                PlanTasklet.stagingDir(storage, job.getJobInstanceId()));
        current = new Running(job.getId(), ledger);
        try {
            client.get().stats().carryOver(ledger.others(job.getId()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request counts of earlier runs", e);
        }
    }

    @Override
    public void afterChunk(ChunkContext context) {
        recordAtMostEverySecond();
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        recordAtMostEverySecond();
    }

    /** Chunks commit hundreds of times a second at full speed: one small file write a second. */
    private void recordAtMostEverySecond() {
        long now = System.nanoTime();
        long last = lastRecorded.get();
        if (now - last >= RECORD_INTERVAL_NANOS && lastRecorded.compareAndSet(last, now)) {
            record();
        }
    }

    /** Records a failed execution's count for the one resuming it; a completed one's is moot. */
    @Override
    public void afterJob(JobExecution job) {
        if (job.getStatus() != BatchStatus.COMPLETED) {
            record();
        }
        current = null;
    }

    private void record() {
        Running now = current;
        if (now == null) {
            return;
        }
        try {
            now.ledger().record(now.executionId(), client.get().stats().requestsSent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the requests sent", e);
        }
    }
}
