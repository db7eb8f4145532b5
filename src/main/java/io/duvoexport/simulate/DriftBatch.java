package io.duvoexport.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One batch of {@link Fault#DRIFT} at the simulated instant {@code at}: a few runs anywhere in
 * the history are deleted, as many change (an in-flight run finishes, a finished one is
 * evaluated anew), and as many are created at {@code at}, the newest of all. Changed runs get
 * {@code updated_at} = {@code at}. Single use, not thread-safe.
 */
final class DriftBatch {

    private static final long SECOND_MICROS = 1_000_000L;

    private final RunFactory factory;
    private final Instant at;
    private final SplittableRandom rng;
    private final Set<String> deleted = new LinkedHashSet<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final List<DriftMutation> rewritten = new ArrayList<>();
    private final List<DriftMutation> insertions = new ArrayList<>();
    private final long request;

    /**
     * @param current the runs before the batch
     * @param size runs deleted, changed and inserted, each; fewer deleted and changed when the
     *     team has fewer than twice as many runs
     * @param request number of the request the batch comes before
     */
    DriftBatch(RunFactory factory, Instant at, List<SimulatedRun> current, int size,
            SplittableRandom rng, long request) {
        this.factory = factory;
        this.at = at;
        this.rng = rng;
        this.request = request;
        pick(current, Math.min(size, current.size() / 2));
    }

    /** The runs created by the batch, at {@code at}. */
    List<SimulatedRun> inserted(int count, RunNumbers numbers) {
        List<SimulatedRun> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SimulatedRun run = factory.create(RandomUuid.next(rng), at, at, numbers, rng);
            runs.add(run);
            insertions.add(mutation(DriftMutation.Change.INSERTED, run));
        }
        return runs;
    }

    /** The run after the batch: itself, a changed copy, or null once deleted. */
    SimulatedRun apply(SimulatedRun run) {
        if (deleted.contains(run.id())) {
            rewritten.add(mutation(DriftMutation.Change.DELETED, run));
            return null;
        }
        if (!changed.contains(run.id())) {
            return run;
        }
        rewritten.add(mutation(DriftMutation.Change.CHANGED, run));
        return change(run);
    }

    /** Everything the batch did, deletions and changes in creation order, then insertions. */
    List<DriftMutation> mutations() {
        List<DriftMutation> all = new ArrayList<>(rewritten);
        all.addAll(insertions);
        return all;
    }

    /** Chooses distinct runs to delete and to change; half the changes go to in-flight runs. */
    private void pick(List<SimulatedRun> current, int count) {
        List<SimulatedRun> inFlight = current.stream()
                .filter(run -> !run.status().isFinished())
                .toList();
        while (deleted.size() < count) {
            deleted.add(current.get(rng.nextInt(current.size())).id());
        }
        while (changed.size() < count) {
            List<SimulatedRun> from = !inFlight.isEmpty() && rng.nextBoolean() ? inFlight : current;
            String id = from.get(rng.nextInt(from.size())).id();
            if (!deleted.contains(id)) {
                changed.add(id);
            }
        }
    }

    private SimulatedRun change(SimulatedRun run) {
        long now = RunTimeline.micros(at);
        RunTimeline timeline = RunTimeline.of(run);
        SimulatedRun.Builder next = run.toBuilder();
        if (run.status().isFinished()) {
            next.evaluation(factory.evaluation(run.status(), now, rng));
        } else {
            timeline.finishBetween(now - SECOND_MICROS, now, RunFactory.finishedStatus(rng), rng);
            if (Long.valueOf(0).equals(run.submittedPromptCount())) {
                next.submittedPromptCount(RunFactory.promptCount(timeline, rng));
            }
        }
        timeline.touch(now);
        timeline.writeTo(next, RunFactory.hasMicros(run.createdAt()));
        return next.build();
    }

    private DriftMutation mutation(DriftMutation.Change change, SimulatedRun run) {
        return new DriftMutation(request, at, change, run.id(), run.createdAt());
    }
}
