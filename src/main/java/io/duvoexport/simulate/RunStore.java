package io.duvoexport.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The live runs of the simulated team. Readers take the current {@link RunTable} without locking;
 * each change builds a new table and publishes it in one step, so a request always pages one
 * consistent snapshot. Changes are serialized.
 */
final class RunStore {
    private volatile RunTable table;

    /** Starts from runs already in {@link RunTable#CREATION_ORDER}. */
    RunStore(SimulatedRun[] ascending) {
        this.table = new RunTable(ascending);
    }

    /** The current snapshot. */
    RunTable table() {
        return table;
    }

    /**
     * Replaces every run by {@code change.apply(run)} (null deletes it), adds {@code added}, and
     * publishes the result.
     *
     * @throws IllegalArgumentException if a change alters a run's id or creation instant, or an
     *     added run reuses an id; nothing is published then
     */
    synchronized void rewrite(UnaryOperator<SimulatedRun> change, List<SimulatedRun> added) {
        Set<String> addedIds = new HashSet<>();
        for (SimulatedRun run : added) {
            require(addedIds.add(run.id()), "run " + run.id() + " is added twice");
        }
        List<SimulatedRun> next = new ArrayList<>(table.size() + added.size());
        for (SimulatedRun run : table.runs()) {
            require(!addedIds.contains(run.id()), "run " + run.id() + " already exists");
            SimulatedRun changed = change.apply(run);
            if (changed != null) {
                require(changed.id().equals(run.id()),
                        "the id of run " + run.id() + " never changes");
                require(changed.createdAt().equals(run.createdAt()),
                        "the createdAt of run " + run.id() + " never changes");
                next.add(changed);
            }
        }
        next.addAll(added);
        if (!added.isEmpty()) {
            next.sort(RunTable.CREATION_ORDER);
        }
        table = new RunTable(next.toArray(SimulatedRun[]::new));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
