package io.duvoexport.job;

import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunStatus;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.SortOrder;
import io.duvoexport.export.BatchProgress;
import io.duvoexport.export.FetchUnit;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import tools.jackson.databind.JsonNode;

/**
 * Reads the pages of one {@link FetchUnit}, in the export's order.
 *
 * <p>The unit ends before its end offset, where the next unit's first page is; at the first page
 * shorter than the page
 * size, since an empty or short page means nothing follows whatever {@code total} said; or at a
 * full page that ends exactly at a {@code total} that held steady, so that no request is spent
 * to find the end. An open-ended unit that keeps receiving the same page (an API ignoring
 * {@code offset}) fails rather than loop forever.
 *
 * <p>Live data: consecutive pages overlap by {@code overlap} runs, so each page should begin with
 * the runs that ended the previous one. When it holds none of the previous page's runs, runs
 * ahead of the offset were deleted and the boundary moved: the reader steps back a page at a time
 * until it finds one of them again, and hands the re-read pages on too (duplicates are removed at
 * publication).
 *
 * <p>Latency: once a page shows that another follows, the request for it goes out while the
 * page is handed on and staged, so each reader keeps one request in flight and the time spent
 * staging hides behind the API's latency. No page is requested that would not have been anyway.
 *
 * <p>Restart: the offset of the next unread page is saved at every commit, and each staged batch
 * records it too, so a restarted unit resumes after the last staged batch. A page requested ahead
 * and not yet handed on is not part of the progress: a restart requests it again.
 */
class UnitPageReader implements ItemStreamReader<RunsPage> {

    static final String UNIT_NAME = "unit.name";
    static final String UNIT_STATUS = "unit.status";
    static final String UNIT_FROM = "unit.from";
    static final String UNIT_TO = "unit.to";
    private static final String NEXT_OFFSET = "unit.next-offset";
    private static final String DONE = "unit.done";
    private static final int MAX_STEPS_BACK = 5;
    private static final ExecutorService AHEAD = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fetch-ahead");
        thread.setDaemon(true);
        return thread;
    });

    /** How the pages of an export are requested. */
    record Paging(int pageSize, int overlap, SortOrder sortOrder, Instant stopBefore) {

        Paging {
            if (overlap < 0 || overlap >= pageSize) {
                throw new IllegalArgumentException("duvo.fetch.boundary-overlap must be between 0 "
                        + "and page-size - 1, was " + overlap);
            }
        }

        /** The distance between the offsets of consecutive pages. */
        int stride() {
            return pageSize - overlap;
        }
    }

    /** Reads the progress a unit's last staged batch recorded. */
    @FunctionalInterface
    interface StagedProgress {
        StagedProgress NONE = unit -> Optional.empty();

        Optional<BatchProgress> of(String unitName) throws IOException;
    }

    private final RunsClient client;
    private final RunFilter filter;
    private final Paging paging;
    private final StagedProgress staged;
    private final DriftMonitor drift;

    private FetchUnit unit;
    private RunFilter listing;
    private long nextOffset;
    private boolean done;
    private String headId;
    private List<String> tailIds = List.of();
    private long lastTotal = -1;
    private final Deque<RunsPage> pending = new ArrayDeque<>();
    // while re-read pages wait in pending, a restart must fetch them again from here
    private BatchProgress beforePending;
    private Future<RunsPage> ahead;
    private long aheadOffset = -1;

    UnitPageReader(RunsClient client, RunFilter filter, Paging paging, StagedProgress staged,
            DriftMonitor drift) {
        this.client = client;
        this.filter = filter;
        this.paging = paging;
        this.staged = staged;
        this.drift = drift;
    }

    /** Writes a unit into a partition's execution context. */
    static ExecutionContext describe(FetchUnit unit) {
        ExecutionContext context = new ExecutionContext();
        context.putString(UNIT_NAME, unit.name());
        context.putString(UNIT_STATUS, unit.status() == null ? "" : unit.status());
        context.putLong(UNIT_FROM, unit.fromOffset());
        context.putLong(UNIT_TO, unit.toOffset());
        return context;
    }

    static FetchUnit unitOf(ExecutionContext context) {
        String status = context.getString(UNIT_STATUS);
        return new FetchUnit(context.getString(UNIT_NAME), status.isEmpty() ? null : status,
                context.getLong(UNIT_FROM), context.getLong(UNIT_TO));
    }

    /** Offsets in file names are zero-padded so that names sort in offset order. */
    static String offsetLabel(long offset) {
        return String.format("%012d", offset);
    }

    /** True when the page holds a run created before {@code instant} (null: never). */
    static boolean reachedBefore(RunsPage page, Instant instant) {
        if (instant == null) {
            return false;
        }
        for (int i = page.size() - 1; i >= 0; i--) {
            JsonNode createdAt = page.run(i).get("created_at");
            if (createdAt != null && createdAt.isString()) {
                try {
                    return OffsetDateTime.parse(createdAt.asString()).toInstant().isBefore(instant);
                } catch (DateTimeParseException e) {
                    // a malformed row is the flattener's to reject; judge by the one before
                }
            }
        }
        return false;
    }

    static List<String> ids(RunsPage page) {
        return page.ids();
    }

    /** Where the unit stands after the pages handed on so far. */
    BatchProgress progress() {
        return pending.isEmpty() || beforePending == null
                ? new BatchProgress(nextOffset, done, headId, tailIds, lastTotal)
                : beforePending;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        unit = unitOf(context);
        listing = unit.status() == null
                ? filter : filter.withStatus(RunStatus.fromWireName(unit.status()));
        nextOffset = context.getLong(NEXT_OFFSET, unit.fromOffset());
        done = context.containsKey(DONE) && Boolean.parseBoolean(context.getString(DONE));
        // staged batches are complete whether or not their commit reached the job repository
        try {
            staged.of(unit.name()).filter(p -> p.nextOffset() >= nextOffset).ifPresent(p -> {
                nextOffset = p.nextOffset();
                done = p.done();
                headId = p.headId();
                tailIds = p.tailIds();
                lastTotal = p.lastTotal();
            });
        } catch (IOException e) {
            throw new ItemStreamException("cannot read the staged progress of " + unit.name(), e);
        }
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        BatchProgress progress = progress();
        context.putLong(NEXT_OFFSET, progress.nextOffset());
        context.putString(DONE, Boolean.toString(progress.done()));
    }

    @Override
    public RunsPage read() throws InterruptedException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        if (done) {
            return null;
        }
        long offset = nextOffset;
        beforePending = new BatchProgress(offset, false, headId, tailIds, lastTotal);
        RunsPage page = fetchOrTakeAhead(offset);
        List<String> ids = ids(page);
        nextOffset = offset + paging.stride();
        done = page.isLast() || endsByTotal(page, offset)
                || (!unit.isOpenEnded() && nextOffset >= unit.toOffset())
                || reachedBefore(page, paging.stopBefore());
        if (unit.isOpenEnded()) {
            refuseRepeatedPage(page, ids);
        }
        if (lastTotal >= 0 && page.total() != lastTotal) {
            drift.totalChanged(unit.status() == null ? "all" : unit.status(), lastTotal, page.total());
        }
        if (headId == null && !ids.isEmpty()) {
            headId = ids.get(0);
        }
        if (!tailIds.isEmpty() && paging.overlap() > 0 && !ids.isEmpty()
                && !sharesARun(ids, tailIds)) {
            drift.boundaryMoved();
            stepBack(offset, tailIds);
        }
        tailIds = ids;
        lastTotal = page.total();
        if (!done) {
            requestAhead(nextOffset);
        }
        if (page.size() == 0) {
            return pending.poll();
        }
        pending.add(page);
        return pending.poll();
    }

    /**
     * A full page that reaches exactly the {@code total} its unit has seen all along is the
     * last: no request is spent to find an empty one. A total that moves or disagrees with the
     * rows received is not believed; paging then goes on to a short page.
     */
    private boolean endsByTotal(RunsPage page, long offset) {
        return lastTotal == page.total() && offset + paging.pageSize() == page.total();
    }

    /**
     * No run of the previous page is on this one: runs ahead of the offset were deleted, so the
     * rows between slid back behind it (the overlap absorbs as many deletions as it is long, the
     * previous page's last run among them). Re-reads the pages before the offset until one holds
     * a run of the previous page again, so that the re-read pages and this one cover every run
     * since; queues them before the current page.
     */
    private void stepBack(long offset, List<String> previous) throws InterruptedException {
        Deque<RunsPage> reread = new ArrayDeque<>();
        long back = offset;
        for (int step = 0; step < MAX_STEPS_BACK && back > 0; step++) {
            back = Math.max(0, back - paging.stride());
            RunsPage page = fetch(back);
            drift.pageReread();
            reread.addFirst(page);
            if (sharesARun(ids(page), previous)) {
                pending.addAll(reread);
                return;
            }
        }
        pending.addAll(reread);
        drift.unresolved(unit.name() + " offset " + offset);
    }

    /**
     * Whether the two pages' runs have one in common. {@code others} is looked through from its
     * end: the previous page's last runs are the ones a following page should begin with.
     */
    static boolean sharesARun(List<String> ids, List<String> others) {
        for (int i = others.size() - 1; i >= 0; i--) {
            if (ids.contains(others.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
        }
    }

    private void requestAhead(long offset) {
        aheadOffset = offset;
        ahead = AHEAD.submit(() -> fetch(offset));
    }

    /** The page requested ahead when it is the one wanted, else a request made now. */
    private RunsPage fetchOrTakeAhead(long offset) throws InterruptedException {
        Future<RunsPage> wanted = ahead;
        ahead = null;
        if (wanted == null || aheadOffset != offset) {
            if (wanted != null) {
                wanted.cancel(true);
            }
            return fetch(offset);
        }
        try {
            return wanted.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("page at offset " + offset + " failed", cause);
        } catch (InterruptedException e) {
            wanted.cancel(true);
            throw e;
        } catch (CancellationException e) {
            return fetch(offset);
        }
    }

    private RunsPage fetch(long offset) throws InterruptedException {
        return client.fetch(new RunsQuery(listing, paging.sortOrder(), offset, paging.pageSize()));
    }

    private void refuseRepeatedPage(RunsPage page, List<String> ids) {
        if (!ids.isEmpty() && ids.equals(tailIds) && paging.overlap() < ids.size()) {
            throw new IllegalStateException("the API returned the same page at offsets "
                    + (page.query().offset() - paging.stride()) + " and " + page.query().offset()
                    + ": it seems to ignore offset, so paging would never end");
        }
    }
}
