package io.duvoexport.job;

import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunStatus;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.SortOrder;
import io.duvoexport.config.ConfigurationException;
import io.duvoexport.config.ExportProperties.StatusStrategy;
import io.duvoexport.export.BatchProgress;
import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.ExportWindow;
import io.duvoexport.export.FetchUnit;
import io.duvoexport.export.PageStager;
import io.duvoexport.export.Storage;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Decides an export from the first page of each listing, stages those pages (so no request is
 * spent twice), and splits the rest of each listing into {@link FetchUnit}s.
 *
 * <p>With status in the payload there is one listing, all runs. Without it there is one listing
 * per status value; each run is in exactly one, so their totals add up to the unfiltered total.
 */
final class ExportPlanner {

    private static final Logger log = LoggerFactory.getLogger(ExportPlanner.class);

    /** A total beyond this many units is not believed: the last unit reads on until the end. */
    private static final int MAX_BOUNDED_UNITS = 10_000;

    private final RunsClient client;
    private final Storage storage;
    private final RunFilter filter;
    private final StatusStrategy strategy;
    private final int pageSize;
    private final int stride;
    private final int pagesPerUnit;
    private final int concurrency;
    private ExportWindow window = ExportWindow.EVERYTHING;

    /**
     * @param overlap runs each page shares with the previous one; pages, and the units made of
     *     them, start {@code pageSize - overlap} runs apart
     * @param pagesPerUnit the most pages in one unit
     * @param concurrency units fetched at the same time: a listing of at least this many units
     *     is cut into a multiple of it, units of equal size, so that no worker is left with a
     *     tail alone
     */
    ExportPlanner(RunsClient client, Storage storage, RunFilter filter, StatusStrategy strategy,
            int pageSize, int overlap, int pagesPerUnit, int concurrency) {
        this.client = client;
        this.storage = storage;
        this.filter = filter;
        this.strategy = strategy;
        this.pageSize = pageSize;
        this.stride = pageSize - overlap;
        this.pagesPerUnit = pagesPerUnit;
        this.concurrency = Math.max(1, concurrency);
    }

    /**
     * @param mode the effective mode, recorded in the plan
     * @param window the creation dates to refresh: a full export pages every listing oldest
     *     first; a windowed one pages newest first and stops once past the window's start
     */
    ExportPlan plan(String mode, ExportWindow window, Path stagingDir)
            throws IOException, InterruptedException {
        this.window = window;
        Instant exportedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PageStager stager =
                new PageStager(storage, stagingDir, client.teamId(), exportedAt, window);
        Map<String, Long> totals = new LinkedHashMap<>();
        List<FetchUnit> units = new ArrayList<>();

        boolean fromPayload;
        if (filter.status() != null) {
            fromPayload = true;
            planListing(filter.status(), stager, totals, units);
        } else if (strategy == StatusStrategy.PAYLOAD) {
            fromPayload = true;
            RunsPage first = client.fetch(firstPage(null));
            if (!first.runs().isEmpty() && !carriesStatus(first)) {
                throw new ConfigurationException("duvo.status-strategy is payload, but the API's "
                        + "rows carry no status: set it to auto or per-status");
            }
            acceptFirstPage(null, first, stager, totals, units);
        } else if (strategy == StatusStrategy.PER_STATUS) {
            fromPayload = false;
            planEveryStatus(stager, totals, units);
        } else {
            RunsPage probe = client.fetch(firstPage(null));
            fromPayload = probe.runs().isEmpty() || carriesStatus(probe);
            log.info("status strategy auto: rows {} status, so status comes from {}",
                    fromPayload ? "carry" : "do not carry",
                    fromPayload ? "the payload" : "paging once per status");
            if (fromPayload) {
                acceptFirstPage(null, probe, stager, totals, units);
            } else {
                planEveryStatus(stager, totals, units);
            }
        }
        ExportPlan plan = new ExportPlan(mode, window, exportedAt, fromPayload, totals, units,
                stagingDir.toString());
        log.info("planned {} export of {}: API total {} runs in {} listings, {} units after "
                        + "the first page of each", mode, window, plan.apiTotal(), totals.size(),
                units.size());
        return plan;
    }

    private void planEveryStatus(PageStager stager, Map<String, Long> totals, List<FetchUnit> units)
            throws IOException, InterruptedException {
        for (RunStatus status : RunStatus.values()) {
            planListing(status, stager, totals, units);
        }
    }

    private void planListing(RunStatus status, PageStager stager, Map<String, Long> totals,
            List<FetchUnit> units) throws IOException, InterruptedException {
        acceptFirstPage(status, client.fetch(firstPage(status)), stager, totals, units);
    }

    private void acceptFirstPage(RunStatus status, RunsPage page, PageStager stager,
            Map<String, Long> totals, List<FetchUnit> units) throws IOException {
        String listing = listingName(status);
        String statusName = status == null ? null : status.wireName();
        List<String> ids = UnitPageReader.ids(page);
        BatchProgress progress = new BatchProgress(pageSize, true,
                ids.isEmpty() ? null : ids.get(0), ids, page.total());
        stager.stage(headName(listing) + "-" + UnitPageReader.offsetLabel(0), List.of(page),
                statusName, progress);
        totals.put(listing, page.total());
        if (page.isLast() || page.total() == page.runs().size()) {
            return;
        }
        if (!window.isEverything()) {
            // newest first: how far back the window reaches is unknown until paged there
            if (!UnitPageReader.reachedBefore(page, window.start())) {
                units.add(new FetchUnit(unitName(listing, 1), statusName, stride, FetchUnit.OPEN));
            }
            return;
        }
        // units tile the pages: each starts where the page after its predecessor's last would
        long unitSpan = (long) balancedPagesPerUnit(page.total(), pageSize, stride, pagesPerUnit,
                concurrency) * stride;
        long offset = stride;
        int index = 1;
        while (offset + unitSpan + pageSize - stride < page.total() && index < MAX_BOUNDED_UNITS) {
            units.add(new FetchUnit(unitName(listing, index++), statusName, offset, offset + unitSpan));
            offset += unitSpan;
        }
        // the last unit reads until a short page, whatever total said
        units.add(new FetchUnit(unitName(listing, index), statusName, offset, FetchUnit.OPEN));
    }

    /**
     * Pages per unit for a listing of {@code total} runs, the pages after its first: at most
     * {@code pagesPerUnit}, at least one unit per worker when there are pages enough, and as
     * even as a unit count that is a multiple of the concurrency allows.
     */
    static int balancedPagesPerUnit(long total, int pageSize, int stride, int pagesPerUnit,
            int concurrency) {
        long pages = Math.max(1, (total - pageSize + stride - 1) / stride); // after the first
        long units = Math.max((pages + pagesPerUnit - 1) / pagesPerUnit,
                Math.min(pages, concurrency));
        units = Math.min(pages, (units + concurrency - 1) / concurrency * concurrency);
        return (int) Math.max(1, Math.min(pagesPerUnit, (pages + units - 1) / units));
    }

    private RunsQuery firstPage(RunStatus status) {
        RunFilter listing = status == null ? filter : filter.withStatus(status);
        return new RunsQuery(listing, sortOrder(window), 0, pageSize);
    }

    /** Oldest first for a full export; newest first for a window, to stop at its start. */
    static SortOrder sortOrder(ExportWindow window) {
        return window.isEverything() ? SortOrder.ASC : SortOrder.DESC;
    }

    private static boolean carriesStatus(RunsPage page) {
        for (JsonNode run : page.runs()) {
            JsonNode status = run.get("status");
            if (status != null && !status.isNull()) {
                return true;
            }
        }
        return false;
    }

    static String listingName(RunStatus status) {
        return status == null ? "all" : status.wireName();
    }

    /** The first page of a listing is staged by the plan, as unit 0. */
    static String headName(String listing) {
        return unitName(listing, 0);
    }

    static String unitName(String listing, int index) {
        return String.format("%s-%05d", listing, index);
    }
}
