package io.duvoexport.job;

import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunStatus;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.SortOrder;
import io.duvoexport.export.FetchUnit;
import io.duvoexport.export.BatchProgress;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import tools.jackson.databind.JsonNode;

/**
 * Reads the pages of one {@link FetchUnit}, in the export's order.
 *
 * <p>The unit ends at its end offset; at the first page shorter than the page size, since an
 * empty or short page means nothing follows whatever {@code total} said; or once the next offset
 * reaches the {@code total} of the latest page, so that no request is spent to find the end. An
 * open-ended unit that keeps receiving the same page (an API ignoring {@code offset}) fails
 * rather than loop forever.
 *
 * <p>Restart: the offset of the next unread page is saved at every commit, so a restarted unit
 * resumes after the last staged batch and fetches nothing twice.
 */
class UnitPageReader implements ItemStreamReader<RunsPage> {

    static final String UNIT_NAME = "unit.name";
    static final String UNIT_STATUS = "unit.status";
    static final String UNIT_FROM = "unit.from";
    static final String UNIT_TO = "unit.to";
    private static final String NEXT_OFFSET = "unit.next-offset";
    private static final String DONE = "unit.done";

    private final RunsClient client;
    private final RunFilter filter;
    private final int pageSize;
    private final SortOrder sortOrder;
    private final Instant stopBefore;
    private final StagedProgress staged;

    private FetchUnit unit;
    private long nextOffset;
    private boolean done;
    private List<String> previousIds = List.of();

    /**
     * @param sortOrder the listing's order: oldest first for a full export, newest first for a
     *     window
     * @param stopBefore with newest-first order, the unit ends after the first page reaching
     *     a run created before this instant; null to read to the end
     */
    UnitPageReader(RunsClient client, RunFilter filter, int pageSize, SortOrder sortOrder,
            Instant stopBefore, StagedProgress staged) {
        this.client = client;
        this.filter = filter;
        this.pageSize = pageSize;
        this.sortOrder = sortOrder;
        this.stopBefore = stopBefore;
        this.staged = staged;
    }

    /** Reads the progress a unit's last staged batch recorded. */
    @FunctionalInterface
    interface StagedProgress {
        StagedProgress NONE = unit -> Optional.empty();

        Optional<BatchProgress> of(String unitName) throws IOException;
    }

    /** Where the unit stands after the pages read so far. */
    BatchProgress progress() {
        return new BatchProgress(nextOffset, done);
    }

    /** True when the page holds a run created before {@code instant} (null: never). */
    static boolean reachedBefore(RunsPage page, Instant instant) {
        if (instant == null) {
            return false;
        }
        for (int i = page.runs().size() - 1; i >= 0; i--) {
            JsonNode createdAt = page.runs().get(i).get("created_at");
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

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        unit = unitOf(context);
        nextOffset = context.getLong(NEXT_OFFSET, unit.fromOffset());
        done = context.containsKey(DONE) && Boolean.parseBoolean(context.getString(DONE));
        // staged batches are complete whether or not their commit reached the job repository
        try {
            staged.of(unit.name()).filter(p -> p.nextOffset() > nextOffset).ifPresent(p -> {
                nextOffset = p.nextOffset();
                done = p.done();
            });
        } catch (IOException e) {
            throw new ItemStreamException("cannot read the staged progress of " + unit.name(), e);
        }
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        context.putLong(NEXT_OFFSET, nextOffset);
        context.putString(DONE, Boolean.toString(done));
    }

    @Override
    public RunsPage read() throws InterruptedException {
        if (done || (!unit.isOpenEnded() && nextOffset >= unit.toOffset())) {
            return null;
        }
        RunFilter listing =
                unit.status() == null ? filter : filter.withStatus(RunStatus.fromWireName(unit.status()));
        RunsPage page = client.fetch(new RunsQuery(listing, sortOrder, nextOffset, pageSize));
        nextOffset += pageSize;
        done = page.isLast() || nextOffset >= page.total() || reachedBefore(page, stopBefore);
        if (unit.isOpenEnded()) {
            refuseRepeatedPage(page);
        }
        return page.runs().isEmpty() ? null : page;
    }

    private void refuseRepeatedPage(RunsPage page) {
        List<String> ids = page.runs().stream().map(r -> Objects.toString(r.get("id"))).toList();
        if (!ids.isEmpty() && ids.equals(previousIds)) {
            throw new IllegalStateException("the API returned the same page at offsets "
                    + (page.query().offset() - pageSize) + " and " + page.query().offset()
                    + ": it seems to ignore offset, so paging would never end");
        }
        previousIds = ids;
    }
}
