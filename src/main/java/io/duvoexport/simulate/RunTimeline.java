package io.duvoexport.simulate;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The status and event instants of one run while it is being made or changed, in epoch
 * microseconds with {@link #NONE} for "has not happened". Keeps the instants consistent with the
 * status: runs that have not started have no {@code started}, only finished runs have
 * {@code completed}, and {@code updated} is never before {@code created}. Mutable, not
 * thread-safe.
 */
final class RunTimeline {

    static final long NONE = Long.MIN_VALUE;

    private static final long SECOND = 1_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    RunStatus status;
    final long created;
    long started = NONE;
    long completed = NONE;
    long postponed = NONE;
    long updated;

    private RunTimeline(RunStatus status, long created) {
        this.status = status;
        this.created = created;
        this.updated = created;
    }

    /** A fresh timeline for a run created at {@code created} and seen at {@code now}. */
    static RunTimeline draw(RunStatus status, long created, long now, SplittableRandom rng) {
        RunTimeline timeline = new RunTimeline(status, created);
        switch (status) {
            case NOT_STARTED, PENDING -> timeline.awaitStart(now, rng);
            case STARTING, RUNNING, WAITING, NEEDS_ATTENTION -> timeline.progress(now, rng);
            default -> timeline.finish(now, rng);
        }
        return timeline;
    }

    /** The timeline of an existing run. */
    static RunTimeline of(SimulatedRun run) {
        RunTimeline timeline = new RunTimeline(run.status(), micros(run.createdAt()));
        timeline.started = micros(run.startedAt());
        timeline.completed = micros(run.completedAt());
        timeline.postponed = micros(run.postponedTo());
        long updated = micros(run.updatedAt());
        timeline.updated = updated == NONE ? timeline.created : updated;
        return timeline;
    }

    /** Starts the run at some point of {@code (from, to]}, still in flight. */
    void startBetween(long from, long to, SplittableRandom rng) {
        started = pointIn(Math.max(from, updated), to, rng);
        status = RunStatus.RUNNING;
        updated = started;
    }

    /** Ends the run at some point of {@code (from, to]} with a finished status. */
    void finishBetween(long from, long to, RunStatus finished, SplittableRandom rng) {
        long begin = Math.max(from, updated);
        if (started == NONE) {
            started = pointIn(begin, begin + (to - begin) / 2, rng);
        }
        completed = pointIn(Math.max(begin, started), to, rng);
        status = finished;
        updated = completed;
    }

    /** Records a later change (an evaluation, say) at {@code at}, keeping updated monotonic. */
    void touch(long at) {
        updated = Math.max(updated, at);
    }

    /** Copies status and instants into {@code run}, at micro or milli precision. */
    void writeTo(SimulatedRun.Builder run, boolean microPrecision) {
        run.status(status)
                .startedAt(instant(started, microPrecision))
                .completedAt(instant(completed, microPrecision))
                .postponedTo(instant(postponed, microPrecision))
                .updatedAt(instant(updated, microPrecision));
    }

    /** Epoch microseconds of {@code instant}, or {@link #NONE} for null. */
    static long micros(Instant instant) {
        if (instant == null) {
            return NONE;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), SECOND),
                instant.getNano() / 1_000);
    }

    /** The instant of {@code micros}, floored to milliseconds unless {@code microPrecision}. */
    static Instant instant(long micros, boolean microPrecision) {
        if (micros == NONE) {
            return null;
        }
        long kept = microPrecision ? micros : micros - Math.floorMod(micros, 1_000L);
        long seconds = Math.floorDiv(kept, SECOND);
        return Instant.ofEpochSecond(seconds, Math.floorMod(kept, SECOND) * 1_000);
    }

    private void awaitStart(long now, SplittableRandom rng) {
        double postponeChance = status == RunStatus.NOT_STARTED ? 0.4 : 0.25;
        if (rng.nextDouble() < postponeChance) {
            postponed = created + between(10 * MINUTE, 3 * DAY, rng);
        }
        updated = capped(created + between(0, 2 * SECOND, rng), now);
    }

    private void progress(long now, SplittableRandom rng) {
        started = capped(created + startDelay(rng), now);
        updated = status == RunStatus.STARTING ? started : pointIn(started, now, rng);
        if (status == RunStatus.WAITING && rng.nextDouble() < 0.6) {
            postponed = now + between(5 * MINUTE, 2 * DAY, rng);
        }
    }

    private void finish(long now, SplittableRandom rng) {
        long begin = created;
        long postponeTo = created + between(MINUTE, 6 * HOUR, rng);
        if (rng.nextDouble() < 0.04 && postponeTo < now) {
            postponed = postponeTo;
            begin = postponeTo;
        }
        boolean stoppedEarly = status == RunStatus.STOPPED && rng.nextDouble() < 0.25;
        if (!stoppedEarly) {
            started = within(begin, startDelay(rng), now, rng);
            begin = started;
        }
        completed = within(begin, duration(rng), now, rng);
        updated = capped(completed + between(0, 1_500_000, rng), now);
    }

    /** {@code from + wanted}, or a random point before {@code now} when that would pass it. */
    private static long within(long from, long wanted, long now, SplittableRandom rng) {
        return from + wanted <= now ? from + wanted : pointIn(from, Math.max(from, now), rng);
    }

    private static long pointIn(long from, long to, SplittableRandom rng) {
        return to <= from ? from : from + (long) ((to - from) * rng.nextDouble());
    }

    private static long capped(long value, long now) {
        return Math.min(value, now);
    }

    private static long between(long low, long high, SplittableRandom rng) {
        return low + (long) ((high - low) * rng.nextDouble());
    }

    /** Queueing before a run starts: exponential, mean four seconds. */
    private static long startDelay(SplittableRandom rng) {
        return (long) (-Math.log(1 - rng.nextDouble()) * 4 * SECOND);
    }

    /** Run length: log-normal around a minute and a half, capped at six hours. */
    private static long duration(SplittableRandom rng) {
        double seconds = Math.exp(Math.log(90) + 1.2 * gaussian(rng));
        return Math.min((long) (seconds * SECOND), 6 * HOUR);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
