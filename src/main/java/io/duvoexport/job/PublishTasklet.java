package io.duvoexport.job;

import io.duvoexport.api.ClientStats;
import io.duvoexport.export.BatchProgress;
import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.FetchUnit;
import io.duvoexport.export.StagingArea;
import io.duvoexport.export.RunParquetSchema;
import io.duvoexport.export.RunParquetWriter;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.Manifest;
import io.duvoexport.publish.ManifestWriter;
import io.duvoexport.publish.PartitionPublisher;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Publishes what the fetch step staged: checks the rejects, merges each partition, swaps the
 * partitions in, writes the rejects, the manifest and the {@code _SUCCESS} marker, then runs
 * the reports over the result and publishes them with the catalog and the HTML report.
 *
 * <p>Until the reports are computed, a failure puts the partitions, the manifest, the rejects and
 * the marker back as they were, so that a failed export leaves everything published as it
 * found it. Idempotent over one staging area, so a restart during publication simply does it
 * again.
 */
final class PublishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final Storage storage;
    private final Supplier<ClientStats> clientStats;
    private final double maxRejectRatio;
    private final DriftMonitor drift;
    private final NightlyReports reports;
    private final int mergeConcurrency;

    PublishTasklet(Storage storage, Supplier<ClientStats> clientStats, double maxRejectRatio,
            DriftMonitor drift, NightlyReports reports, int mergeConcurrency) {
        this.storage = storage;
        this.mergeConcurrency = mergeConcurrency;
        this.clientStats = clientStats;
        this.maxRejectRatio = maxRejectRatio;
        this.drift = drift;
        this.reports = reports;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
            throws IOException {
        long started = System.nanoTime();
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ExportPlan plan = PlanCodec.load(storage, job.getJobInstanceId());
        Path staging = new Path(plan.stagingDir());
        if (!storage.fs().exists(staging)) {
            throw new IllegalStateException("staging area " + staging + " is missing: "
                    + "re-running the same command exports again from the start");
        }

        PartitionPublisher publisher = new PartitionPublisher(storage,
                RunParquetWriter.Settings.DEFAULT, mergeConcurrency);
        PartitionPublisher.Prepared prepared = publisher.prepare(staging);
        ManifestWriter manifests = new ManifestWriter(storage);
        long rejects = manifests.countStagedRejects(staging);
        checkRejects(prepared.totalRows(), rejects);
        Manifest previous = ManifestWriter.exists(storage) ? ManifestWriter.read(storage) : null;
        Path backup = new Path(staging, "previous");
        manifests.keepAside(backup);
        boolean wasComplete = manifests.clearSuccess();
        PartitionPublisher.Swap swap;
        try {
            swap = publisher.commit(prepared, plan.window()::contains, backup);
        } catch (IOException | RuntimeException e) {
            if (wasComplete) {
                manifests.markSuccess(staging);
            }
            throw e;
        }

        // the reports run over what was just published; if one fails, all of it is undone
        NightlyReports.Computed computed;
        long published;
        try {
            manifests.publishRejects(staging);
            Manifest.Reconciliation reconciliation =
                    reconcile(plan, prepared.totalRows() + rejects);
            manifests.write(manifest(job, plan, prepared, rejects, previous, reconciliation),
                    staging);
            published = System.nanoTime();
            computed = reports.compute();
        } catch (IOException | RuntimeException e) {
            swap.rollBack(e);
            putBack(manifests, backup, wasComplete, e);
            throw e;
        }
        computed.publish(job.getJobParameters().getLocalDate(ExportCommand.DATE));
        contribution.incrementWriteCount(prepared.totalRows());
        ClientStats stats = clientStats.get();
        log.info("API: {} requests, {} retries {}, {} throttled (429)", stats.requests(),
                stats.retries(), stats.retriesByReason(), stats.throttledResponses());
        log.info("published {} partitions, {} runs, {} rejects under {} in {} ms; the reports "
                        + "in {} ms", prepared.rows().size(), prepared.totalRows(), rejects,
                storage.runsDir(), (published - started) / 1_000_000,
                (System.nanoTime() - published) / 1_000_000);
        return RepeatStatus.FINISHED;
    }

    private static void putBack(ManifestWriter manifests, Path backup, boolean wasComplete,
            Exception cause) {
        try {
            manifests.putBack(backup, wasComplete);
        } catch (IOException | RuntimeException failure) {
            cause.addSuppressed(failure);
        }
    }

    private void checkRejects(long rows, long rejects) {
        long seen = rows + rejects;
        if (rejects > 0 && rejects > maxRejectRatio * seen) {
            throw new DataCheckException(String.format(
                    "%d of %d runs broke the API contract (more than duvo.max-reject-ratio=%s); "
                            + "nothing was published: see the rejects under %s and raise the "
                            + "threshold only if they are expected",
                    rejects, seen, maxRejectRatio, storage.workDir()));
        }
        if (rejects > 0) {
            log.warn("{} runs broke the API contract and were quarantined in {}", rejects,
                    ManifestWriter.REJECTS);
        }
    }

    /** Compares the runs exported with what the API counted at the end of paging. */
    private Manifest.Reconciliation reconcile(ExportPlan plan, long exported) throws IOException {
        StagingArea staging = new StagingArea(storage, new Path(plan.stagingDir()));
        Map<String, Long> lastTotals = new LinkedHashMap<>(plan.totals());
        for (FetchUnit unit : plan.units()) { // in offset order: the last unit read the latest total
            Optional<BatchProgress> progress = staging.latestProgress(unit.name());
            String listing = unit.status() == null ? "all" : unit.status();
            progress.filter(p -> p.lastTotal() >= 0)
                    .ifPresent(p -> lastTotals.put(listing, p.lastTotal()));
        }
        long apiTotal = lastTotals.values().stream().mapToLong(Long::longValue).sum();
        Long gap = plan.window().isEverything() ? Math.max(0, apiTotal - exported) : null;
        if (gap != null && gap > 0) {
            log.warn("the API counted {} runs at the end of paging and {} were exported: {} "
                    + "unexplained (see reconciliation in the manifest)", apiTotal, exported, gap);
        }
        return new Manifest.Reconciliation(apiTotal, exported, gap, drift.boundaryMoves(),
                drift.pagesReread(), drift.unresolved());
    }

    private Manifest manifest(JobExecution job, ExportPlan plan,
            PartitionPublisher.Prepared prepared, long rejects, Manifest previous,
            Manifest.Reconciliation reconciliation) {
        SortedSet<LocalDate> open = new TreeSet<>(prepared.open());
        if (previous != null && previous.openPartitions() != null) {
            previous.openPartitions().stream().filter(d -> !plan.window().contains(d))
                    .forEach(open::add);
        }
        return new Manifest(
                RunParquetSchema.VERSION,
                job.getJobInstanceId(),
                job.getId(),
                plan.mode(),
                plan.window().from(),
                plan.window().to(),
                job.getJobParameters().getString(ExportCommand.TEAM),
                plan.statusFromPayload() ? "payload" : "per-status",
                plan.exportedAt(),
                Instant.now(),
                plan.exportedAt(),
                plan.totals(),
                prepared.totalRows(),
                prepared.rows(),
                open,
                rejects,
                reconciliation,
                clientStats.get().requests(),
                clientStats.get().retriesByReason());
    }
}
