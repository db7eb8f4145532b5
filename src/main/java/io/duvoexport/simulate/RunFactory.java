package io.duvoexport.simulate;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Makes synthetic runs of one team: who ran them, from where, in which queue, and a status with
 * instants and an evaluation that fit the run's age. Thread-safe as long as each caller brings
 * its own random generator and run numbers.
 */
final class RunFactory {

    /** 2^52 - 1, the vendor's example count: needs 64 bits, and is exact in a double. */
    static final long HUGE_COUNT = 4_503_599_627_370_495L;

    private static final WeightedChoice<RunStatus> FINISHED = WeightedChoice.of(
            RunStatus.COMPLETED, 86, RunStatus.FAILED, 8, RunStatus.INTERRUPTED, 3,
            RunStatus.STOPPED, 3);
    private static final WeightedChoice<RunStatus> RECENT_IN_FLIGHT = WeightedChoice.of(
            RunStatus.NOT_STARTED, 12, RunStatus.PENDING, 14, RunStatus.STARTING, 6,
            RunStatus.RUNNING, 30, RunStatus.WAITING, 18, RunStatus.NEEDS_ATTENTION, 20);
    private static final WeightedChoice<RunStatus> STUCK = WeightedChoice.of(
            RunStatus.WAITING, 40, RunStatus.NEEDS_ATTENTION, 60);

    private static final double HOUR_MICROS = 3.6e9;
    private static final long MINUTE_MICROS = 60_000_000L;

    private final SyntheticTeam team;
    /** Equal evaluations share one instance: there are a few thousand distinct ones at most. */
    private final Map<SimulatedEvaluation, SimulatedEvaluation> evaluations =
            new ConcurrentHashMap<>();

    RunFactory(SyntheticTeam team) {
        this.team = team;
    }

    SyntheticTeam team() {
        return team;
    }

    /**
     * A run created at {@code createdAt} as seen at {@code now} (a later {@code createdAt}
     * counts as just created). Timestamps keep microseconds when {@code createdAt} has them, and
     * are otherwise whole milliseconds.
     */
    SimulatedRun create(String id, Instant createdAt, Instant now, RunNumbers numbers,
            SplittableRandom rng) {
        SyntheticAgent agent = team.pickAgent(rng);
        String source = agent.kind().pickSource(rng);
        SimulatedRun.Builder run = SimulatedRun.builder()
                .id(id)
                .createdAt(createdAt)
                .runNumber(numbers.next(agent.id()))
                .agentId(agent.id())
                .agentName(agent.nameAt(createdAt))
                .buildId(agent.buildAt(createdAt))
                .source(source)
                .userId(team.pickUser(source, rng))
                .title(title(rng))
                .digestId(digest(agent, rng));
        placeInQueue(run, agent.queue(), rng);

        long created = RunTimeline.micros(createdAt);
        long seenAt = Math.max(created, RunTimeline.micros(now));
        RunStatus status = pickStatus(seenAt - created, rng);
        RunTimeline timeline = RunTimeline.draw(status, created, seenAt, rng);
        run.evaluation(evaluateOnCreation(timeline, seenAt, rng));
        run.submittedPromptCount(promptCount(timeline, rng));
        timeline.writeTo(run, hasMicros(createdAt));
        return run.build();
    }

    /**
     * A finished evaluation made at {@code evaluatedAt}: usually scored, sometimes unavailable.
     * Evaluations made before severity data existed carry no severity counts.
     */
    SimulatedEvaluation evaluation(RunStatus status, long evaluatedAt, SplittableRandom rng) {
        if (rng.nextDouble() < 0.04) {
            return SimulatedEvaluation.unavailable();
        }
        long total = 3 + rng.nextInt(10);
        double failChance = status == RunStatus.FAILED ? 0.65 : 0.3;
        long failing = rng.nextDouble() < failChance
                ? 1 + Math.min(total - 1, geometric(0.45, rng))
                : 0;
        boolean withSeverity = evaluatedAt >= RunTimeline.micros(team.severityIntroducedAt());
        SeverityCounts severity = withSeverity ? splitBySeverity(failing, rng) : null;
        if (withSeverity && rng.nextDouble() < 1.0 / 2_500) {
            severity = new SeverityCounts(severity.critical(), severity.medium() + HUGE_COUNT,
                    severity.low());
            failing += HUGE_COUNT;
            total += HUGE_COUNT;
        }
        String comment = rng.nextDouble() < 0.4 ? RunTexts.finalComment(rng) : null;
        SimulatedEvaluation scored = new SimulatedEvaluation(EvaluationStatus.READY,
                total - failing, total, comment, severity);
        return evaluations.computeIfAbsent(scored, Function.identity());
    }

    /** Prompts submitted by a run with this timeline: none before it starts. */
    static Long promptCount(RunTimeline timeline, SplittableRandom rng) {
        if (timeline.started == RunTimeline.NONE) {
            return 0L;
        }
        double draw = rng.nextDouble();
        if (draw < 1.0 / 4_000) {
            return HUGE_COUNT;
        }
        return draw < 0.05 ? 10L + rng.nextInt(50) : 1 + geometric(0.35, rng);
    }

    /** A finished status with the usual mix: mostly completed. */
    static RunStatus finishedStatus(SplittableRandom rng) {
        return FINISHED.pick(rng);
    }

    /** Whether {@code instant} has digits below the millisecond. */
    static boolean hasMicros(Instant instant) {
        return instant.getNano() % 1_000_000 != 0;
    }

    /**
     * In-flight runs are mostly from the last day or two, and runs of the last few minutes have
     * rarely had time to finish; a few old ones are stuck.
     */
    private static RunStatus pickStatus(long ageMicros, SplittableRandom rng) {
        double ageHours = ageMicros / HOUR_MICROS;
        boolean recent = ageHours < 48;
        double justCreated = Math.exp(-ageHours * 20);
        double inFlight = recent
                ? Math.max(justCreated, 0.03 + 0.55 * Math.exp(-ageHours / 6))
                : 0.002;
        if (rng.nextDouble() >= inFlight) {
            return FINISHED.pick(rng);
        }
        return recent ? RECENT_IN_FLIGHT.pick(rng) : STUCK.pick(rng);
    }

    private SimulatedEvaluation evaluateOnCreation(RunTimeline timeline, long now,
            SplittableRandom rng) {
        if (rng.nextDouble() >= evaluationChance(timeline.status)) {
            return null;
        }
        long reference = timeline.completed != RunTimeline.NONE
                ? timeline.completed
                : timeline.updated;
        // scoring takes 20 s plus an exponential wait, ten minutes on average
        long lag = MINUTE_MICROS / 3
                + (long) (-Math.log(1 - rng.nextDouble()) * 10 * MINUTE_MICROS);
        boolean stuck = rng.nextDouble() < 0.004;
        if (stuck || reference + lag > now) {
            timeline.touch(Math.min(reference + MINUTE_MICROS / 3, now));
            return SimulatedEvaluation.inProgress();
        }
        long evaluatedAt = reference + lag;
        timeline.touch(evaluatedAt);
        return evaluation(timeline.status, evaluatedAt, rng);
    }

    /** How likely a run that ended in {@code status} gets evaluated at all. */
    static double evaluationChance(RunStatus status) {
        return switch (status) {
            case COMPLETED -> 0.78;
            case FAILED -> 0.5;
            case INTERRUPTED -> 0.15;
            case STOPPED -> 0.1;
            case NEEDS_ATTENTION -> 0.05;
            default -> 0;
        };
    }

    private static void placeInQueue(SimulatedRun.Builder run, CaseQueue queue,
            SplittableRandom rng) {
        if (queue != null && rng.nextDouble() < 0.9) {
            run.caseQueue(queue.id(), queue.name(), RandomUuid.next(rng), RunTexts.caseTitle(rng));
        }
    }

    private static String digest(SyntheticAgent agent, SplittableRandom rng) {
        return agent.digestId() != null && rng.nextDouble() < 0.6 ? agent.digestId() : null;
    }

    private static String title(SplittableRandom rng) {
        double draw = rng.nextDouble();
        if (draw < 0.002) {
            return null;
        }
        return draw < 0.004 ? "" : RunTexts.runTitle(rng);
    }

    private static SeverityCounts splitBySeverity(long failing, SplittableRandom rng) {
        long critical = 0;
        long medium = 0;
        long low = 0;
        for (long i = 0; i < failing; i++) {
            double draw = rng.nextDouble();
            if (draw < 0.15) {
                critical++;
            } else if (draw < 0.6) {
                medium++;
            } else {
                low++;
            }
        }
        return new SeverityCounts(critical, medium, low);
    }

    /** Failures before the first success, each try succeeding with probability {@code p}. */
    private static long geometric(double p, SplittableRandom rng) {
        return (long) Math.floor(Math.log(1 - rng.nextDouble()) / Math.log(1 - p));
    }
}
