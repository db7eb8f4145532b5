package io.duvoexport.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One step of simulated time from {@code from} to {@code to}: in-flight runs start or finish,
 * evaluations appear, finish or get re-scored, a few runs are deleted and new ones are created.
 * Every change happens within the step, so {@code updated_at} only moves forward. Single use, not
 * thread-safe.
 */
final class TimeAdvance {

    private static final double MINUTE_MICROS = 60e6;
    private static final double DAY_MICROS = 86_400e6;

    private final RunFactory factory;
    private final long from;
    private final long to;
    private final double minutes;
    private final SplittableRandom rng;
    private final Set<String> doomed;
    private int finished;
    private int started;
    private int evaluated;
    private int deleted;
    private int created;

    /** A step over {@code current}, the runs before it. */
    TimeAdvance(RunFactory factory, Instant from, Instant to, List<SimulatedRun> current,
            SplittableRandom rng) {
        this.factory = factory;
        this.from = RunTimeline.micros(from);
        this.to = RunTimeline.micros(to);
        this.minutes = (this.to - this.from) / MINUTE_MICROS;
        this.rng = rng;
        this.doomed = pickDeletions(current);
    }

    /**
     * Runs created during the step, at the team's usual pace of {@code runsPerDay}, each with
     * the status it has at the end of the step.
     */
    List<SimulatedRun> newRuns(double runsPerDay, RunNumbers numbers) {
        int count = (int) Math.floor(runsPerDay * (to - from) / DAY_MICROS + rng.nextDouble());
        List<SimulatedRun> runs = new ArrayList<>(count);
        Instant end = RunTimeline.instant(to, true);
        for (int i = 0; i < count; i++) {
            long at = from + 1 + (long) ((to - from - 1) * rng.nextDouble());
            Instant createdAt = RunTimeline.instant(at, rng.nextDouble() < 0.3);
            runs.add(factory.create(RandomUuid.next(rng), createdAt, end, numbers, rng));
        }
        created += count;
        return runs;
    }

    /** The run at the end of the step: itself, a changed copy, or null once deleted. */
    SimulatedRun evolve(SimulatedRun run) {
        if (doomed.contains(run.id())) {
            deleted++;
            return null;
        }
        RunTimeline timeline = RunTimeline.of(run);
        boolean progressed = !run.status().isFinished() && progress(timeline);
        SimulatedEvaluation evaluation = run.evaluation();
        if (timeline.status.isFinished()) {
            evaluation = reevaluate(timeline, evaluation);
        }
        if (!progressed && evaluation == run.evaluation()) {
            return run;
        }
        if (evaluation != run.evaluation()) {
            evaluated++;
        }
        SimulatedRun.Builder next = run.toBuilder().evaluation(evaluation);
        if (Long.valueOf(0).equals(run.submittedPromptCount())) {
            next.submittedPromptCount(RunFactory.promptCount(timeline, rng));
        }
        timeline.writeTo(next, RunFactory.hasMicros(run.createdAt()));
        return next.build();
    }

    AdvanceSummary summary() {
        return new AdvanceSummary(RunTimeline.instant(from, true), RunTimeline.instant(to, true),
                finished, started, evaluated, deleted, created);
    }

    /** A few runs, in proportion to the team's size and the step's length: at least one. */
    private Set<String> pickDeletions(List<SimulatedRun> current) {
        Set<String> ids = new HashSet<>();
        if (current.isEmpty() || to <= from) {
            return ids;
        }
        double days = (to - from) / DAY_MICROS;
        long wanted = Math.round(current.size() * 0.002 * days);
        long count = Math.max(1, Math.min(wanted, current.size() / 100));
        while (ids.size() < count) {
            ids.add(current.get(rng.nextInt(current.size())).id());
        }
        return ids;
    }

    /** Finishes or starts an in-flight run, or leaves it; returns whether it changed. */
    private boolean progress(RunTimeline timeline) {
        if (rng.nextDouble() < happens(meanMinutesToFinish(timeline.status))) {
            timeline.finishBetween(from, to, RunFactory.finishedStatus(rng), rng);
            finished++;
            return true;
        }
        if (timeline.started == RunTimeline.NONE && rng.nextDouble() < happens(15)) {
            timeline.startBetween(from, to, rng);
            started++;
            return true;
        }
        return false;
    }

    /**
     * The evaluation after the step. Runs that just finished are evaluated as often as new runs
     * are; unevaluated runs of the last day catch up slowly (one in ten over six hours); scoring
     * in progress takes ten minutes on average; a scored run is re-scored about once in
     * 300 days. Chances grow with the step's length, so many short steps act like one long one.
     */
    private SimulatedEvaluation reevaluate(RunTimeline timeline, SimulatedEvaluation current) {
        if (current == null) {
            boolean justFinished = timeline.completed > from;
            boolean recent = timeline.completed > to - (long) DAY_MICROS;
            double chance = justFinished
                    ? RunFactory.evaluationChance(timeline.status)
                    : recent ? happens(3_400) : 0;
            return rng.nextDouble() < chance ? evaluate(timeline, justFinished) : null;
        }
        boolean scores = current.status() == EvaluationStatus.IN_PROGRESS
                ? rng.nextDouble() < happens(10)
                : current.status() == EvaluationStatus.READY
                        && rng.nextDouble() < happens(300 * 24 * 60);
        return scores ? evaluate(timeline, false) : current;
    }

    /** The chance that something taking {@code meanMinutes} on average happens in this step. */
    private double happens(double meanMinutes) {
        return 1 - Math.exp(-minutes / meanMinutes);
    }

    /** A new evaluation made within the step; a quarter of fresh ones are still scoring. */
    private SimulatedEvaluation evaluate(RunTimeline timeline, boolean fresh) {
        long begin = Math.max(from, timeline.updated);
        long at = begin + (long) ((to - begin) * rng.nextDouble());
        timeline.touch(at);
        if (fresh && rng.nextDouble() < 0.25) {
            return SimulatedEvaluation.inProgress();
        }
        return factory.evaluation(timeline.status, at, rng);
    }

    private static double meanMinutesToFinish(RunStatus status) {
        return switch (status) {
            case NOT_STARTED -> 90;
            case PENDING -> 30;
            case STARTING -> 3;
            case WAITING -> 240;
            case NEEDS_ATTENTION -> 720;
            default -> 30;
        };
    }
}
