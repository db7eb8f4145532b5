package io.duvoexport.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable snapshot of a team's runs in creation order ({@code created_at}, then id), the
 * order pages are cut from. Thread-safe: requests read a snapshot while mutations build the next.
 */
final class RunTable {

    /** Ascending page order; descending pages use the exact reverse. */
    static final Comparator<SimulatedRun> CREATION_ORDER =
            Comparator.comparing(SimulatedRun::createdAt).thenComparing(SimulatedRun::id);

    private final SimulatedRun[] ascending;

    /** Takes ownership of {@code ascending}, which must already be in {@link #CREATION_ORDER}. */
    RunTable(SimulatedRun[] ascending) {
        this.ascending = ascending;
    }

    /** Every run, ascending; an unmodifiable view. */
    List<SimulatedRun> runs() {
        return Collections.unmodifiableList(Arrays.asList(ascending));
    }

    int size() {
        return ascending.length;
    }

    /** The page {@code query} asks for, and how many runs match it in all. */
    RunPage page(RunQuery query) {
        return query.isUnfiltered() ? slice(query) : scan(query);
    }

    private RunPage slice(RunQuery query) {
        int size = ascending.length;
        List<SimulatedRun> rows = new ArrayList<>(query.limit());
        for (long k = query.offset(); k < size && rows.size() < query.limit(); k++) {
            rows.add(ascending[query.descending() ? size - 1 - (int) k : (int) k]);
        }
        return new RunPage(rows, size);
    }

    private RunPage scan(RunQuery query) {
        int size = ascending.length;
        List<SimulatedRun> rows = new ArrayList<>(query.limit());
        long total = 0;
        for (int k = 0; k < size; k++) {
            SimulatedRun run = ascending[query.descending() ? size - 1 - k : k];
            if (query.matches(run)) {
                if (total >= query.offset() && rows.size() < query.limit()) {
                    rows.add(run);
                }
                total++;
            }
        }
        return new RunPage(rows, total);
    }

    /** One page of rows and the number of runs matching the query across all pages. */
    record RunPage(List<SimulatedRun> rows, long total) {}
}
