package io.duvoexport.simulate;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The initial runs of a simulated team: creation instants spread over the span with weekly and
 * daily rhythm and a growing trend, about 1% of them sharing an instant with another run (batch
 * submissions), then one synthetic run per instant, made in creation order.
 */
final class RunGenerator {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private RunGenerator() {}

    /**
     * {@code count} runs created within the {@code days} before {@code now}, sorted by creation
     * instant and then id. A pure function of its arguments and the generator's state.
     */
    static SimulatedRun[] generate(int count, int days, Instant now, RunFactory factory,
            RunNumbers numbers, SplittableRandom rng) {
        long end = RunTimeline.micros(now);
        long start = end - days * SECONDS_PER_DAY * MICROS_PER_SECOND;
        long[] created = creationInstants(count, start, end, rng);
        String[] ids = idsInOrder(created, rng);
        SimulatedRun[] runs = new SimulatedRun[count];
        for (int i = 0; i < count; i++) {
            Instant createdAt = RunTimeline.instant(created[i], true);
            runs[i] = factory.create(ids[i], createdAt, now, numbers, rng);
        }
        return runs;
    }

    /** Sorted epoch micros; about 30% keep microseconds, the rest are whole milliseconds. */
    private static long[] creationInstants(int count, long start, long end, SplittableRandom rng) {
        long[] created = new long[count];
        int filled = 0;
        while (filled < count) {
            if (filled > 0 && rng.nextDouble() < 0.01) {
                created[filled] = created[filled - 1];
                filled++;
                continue;
            }
            long candidate = start + (long) ((end - start) * rng.nextDouble()) + 1;
            if (rng.nextDouble() < intensity(candidate, start, end)) {
                boolean micros = rng.nextDouble() < 0.3;
                long millis = candidate - Math.floorMod(candidate, 1_000L);
                created[filled++] = micros ? candidate : millis;
            }
        }
        Arrays.sort(created);
        return created;
    }

    /** Relative busyness in (0, 1]: weekdays, office hours (UTC) and later dates are busier. */
    static double intensity(long micros, long start, long end) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L);
        int hour = (int) (Math.floorMod(seconds, SECONDS_PER_DAY) / 3_600);
        double weekly = dayOfWeek >= 5 ? 0.35 : 1.0;
        double daily = hour >= 7 && hour < 19 ? 1.0 : 0.3;
        double trend = 0.6 + 0.4 * (micros - start) / (double) (end - start);
        return weekly * daily * Math.min(1.0, trend);
    }

    /** Random ids, ordered within each group of equal creation instants. */
    private static String[] idsInOrder(long[] created, SplittableRandom rng) {
        String[] ids = new String[created.length];
        int groupStart = 0;
        for (int i = 0; i < created.length; i++) {
            ids[i] = RandomUuid.next(rng);
            boolean groupEnds = i + 1 == created.length || created[i + 1] != created[i];
            if (groupEnds) {
                Arrays.sort(ids, groupStart, i + 1);
                groupStart = i + 1;
            }
        }
        return ids;
    }
}
