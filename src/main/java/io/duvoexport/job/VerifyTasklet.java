package io.duvoexport.job;

import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunStatus;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.SortOrder;
import io.duvoexport.export.BatchProgress;
import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.FetchUnit;
import io.duvoexport.export.PageStager;
import io.duvoexport.export.StagingArea;
import io.duvoexport.export.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Checks that the units of each listing join up: pages overlap, so a unit's first run should be
 * on the last page its predecessor read. Where it is not, runs moved between the two
 * reads (the API's data is live), and the pages around the joint are read again and staged, until
 * a run of the predecessor's last page and the unit's first run are both found. A joint that
 * cannot be closed is counted in the drift report.
 */
final class VerifyTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(VerifyTasklet.class);
    private static final int MAX_PAGES = 8;

    private final Storage storage;
    private final Supplier<RunsClient> client;
    private final RunFilter filter;
    private final UnitPageReader.Paging paging;
    private final DriftMonitor drift;
    private SortOrder order = SortOrder.ASC;

    VerifyTasklet(Storage storage, Supplier<RunsClient> client, RunFilter filter,
            UnitPageReader.Paging paging, DriftMonitor drift) {
        this.storage = storage;
        this.client = client;
        this.filter = filter;
        this.paging = paging;
        this.drift = drift;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
            throws IOException, InterruptedException {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ExportPlan plan = PlanCodec.load(storage, job.getJobInstanceId());
        if (paging.overlap() == 0) {
            return RepeatStatus.FINISHED;
        }
        order = ExportPlanner.sortOrder(plan.window());
        Path stagingDir = new Path(plan.stagingDir());
        StagingArea staging = new StagingArea(storage, stagingDir);
        PageStager stager = new PageStager(storage, stagingDir, client.get().teamId(),
                plan.exportedAt(), plan.window());
        int joints = 0;
        for (Map.Entry<String, List<FetchUnit>> listing : byListing(plan.units()).entrySet()) {
            Optional<BatchProgress> previous =
                    staging.latestProgress(ExportPlanner.headName(listing.getKey()));
            for (FetchUnit unit : listing.getValue()) {
                Optional<BatchProgress> current = staging.latestProgress(unit.name());
                if (previous.isPresent() && current.isPresent() && !joined(previous.get(), current.get())) {
                    drift.boundaryMoved();
                    repair(unit, previous.get(), current.get(), stager);
                    joints++;
                }
                previous = current;
            }
        }
        if (joints > 0) {
            log.warn("{} unit joints moved while paging and were read again", joints);
        }
        return RepeatStatus.FINISHED;
    }

    private static boolean joined(BatchProgress previous, BatchProgress current) {
        return current.headId() == null || previous.tailIds().contains(current.headId());
    }

    /**
     * Reads back from the unit's start until a run of the predecessor's last page, then on to
     * the unit's first run.
     */
    private void repair(FetchUnit unit, BatchProgress previous, BatchProgress current,
            PageStager stager) throws IOException, InterruptedException {
        RunFilter listing = unit.status() == null
                ? filter : filter.withStatus(RunStatus.fromWireName(unit.status()));
        long start = unit.fromOffset();
        List<RunsPage> pages = new ArrayList<>();
        long offset = start;
        boolean foundLast = false;
        for (int i = 0; i < MAX_PAGES && !foundLast; i++) {
            RunsPage page = fetch(listing, offset);
            pages.add(page);
            // any run of the predecessor's last page will do: its very last may have been deleted
            foundLast = UnitPageReader.sharesARun(UnitPageReader.ids(page), previous.tailIds());
            if (offset == 0) {
                break;
            }
            offset = Math.max(0, offset - paging.stride());
        }
        boolean foundFirst = pages.stream().anyMatch(p -> UnitPageReader.ids(p).contains(current.headId()));
        offset = start;
        for (int i = 0; i < MAX_PAGES && !foundFirst; i++) {
            offset += paging.stride();
            RunsPage page = fetch(listing, offset);
            pages.add(page);
            foundFirst = UnitPageReader.ids(page).contains(current.headId()) || page.isLast();
        }
        pages.sort(Comparator.comparingLong(p -> p.query().offset()));
        stager.stage("repair-" + unit.name() + "-" + UnitPageReader.offsetLabel(start), pages,
                unit.status(), null);
        if (!foundLast || !foundFirst) {
            drift.unresolved("the start of " + unit.name());
        }
    }

    private RunsPage fetch(RunFilter listing, long offset) throws InterruptedException {
        drift.pageReread();
        return client.get().fetch(new RunsQuery(listing, order, offset, paging.pageSize()));
    }

    private static Map<String, List<FetchUnit>> byListing(List<FetchUnit> units) {
        Map<String, List<FetchUnit>> result = new LinkedHashMap<>();
        for (FetchUnit unit : units) {
            String listing = unit.status() == null ? "all" : unit.status();
            result.computeIfAbsent(listing, l -> new ArrayList<>()).add(unit);
        }
        result.values().forEach(l -> l.sort(Comparator.comparingLong(FetchUnit::fromOffset)));
        return result;
    }
}
