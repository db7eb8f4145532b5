package io.duvoexport.simulate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Holds the current {@link FaultPlan}, numbers requests, and keeps count of the faults injected.
 * Every draw is a function of the data seed, the plan's seed, the fault, and the request's
 * number within the plan (or the run's id, for bad rows), so that replaying a request sequence
 * replays its faults. Thread-safe.
 */
final class FaultInjector {

    /** Injections kept for {@link #recent()}; older ones are only counted. */
    static final int KEPT = 10_000;

    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final long dataSeed;
    private final Map<Fault, Long> counts = new EnumMap<>(Fault.class);
    private final Deque<InjectedFault> recent = new ArrayDeque<>();
    private FaultPlan plan;
    private long planStart;
    private long received;

    FaultInjector(long dataSeed, FaultPlan plan) {
        this.dataSeed = dataSeed;
        this.plan = plan;
    }

    /** Replaces the plan; the next request is request 1 of its triggers. */
    synchronized void install(FaultPlan next) {
        plan = next;
        planStart = received;
    }

    synchronized FaultPlan plan() {
        return plan;
    }

    /** Requests received since start. */
    synchronized long received() {
        return received;
    }

    /** Numbers a request that has just arrived and fixes the plan it is served under. */
    synchronized RequestFaults arrive() {
        received++;
        return new RequestFaults(this, plan, received, received - planStart);
    }

    synchronized void record(InjectedFault injected) {
        counts.merge(injected.fault(), 1L, Long::sum);
        recent.addLast(injected);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    synchronized FaultCounts counts() {
        return new FaultCounts(counts);
    }

    /** The last {@link #KEPT} injections, oldest first. */
    synchronized List<InjectedFault> recent() {
        return List.copyOf(recent);
    }

    synchronized void reset() {
        counts.clear();
        recent.clear();
    }

    /**
     * Runs that bad rows break under the current plan, in the order given; empty when off.
     * Unmodifiable.
     */
    Map<String, BadRow> badRows(List<SimulatedRun> runs) {
        FaultPlan current = plan();
        Map<String, BadRow> bad = new LinkedHashMap<>();
        if (!current.injects(Fault.BAD_ROWS)) {
            return Map.of();
        }
        for (SimulatedRun run : runs) {
            BadRow defect = badRow(current, run);
            if (defect != null) {
                bad.put(run.id(), defect);
            }
        }
        return Collections.unmodifiableMap(bad);
    }

    /**
     * The defect {@code plan} gives {@code run}, or null. Which runs are bad depends on the id
     * alone; the defect is the first of the plan's kinds, from a point fixed by the id, that
     * fits the run, so it changes only if the run gains or loses what a defect needs.
     */
    BadRow badRow(FaultPlan plan, SimulatedRun run) {
        long key = mix(mix(mix(dataSeed, plan.seed()), Fault.BAD_ROWS.ordinal()), hash(run.id()));
        if (unit(key) >= plan.badRowChance()) {
            return null;
        }
        List<BadRow> kinds = new ArrayList<>(plan.badRowKinds());
        int start = (int) Math.floorMod(mix(key, 1), (long) kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            BadRow kind = kinds.get((start + i) % kinds.size());
            if (kind.appliesTo(run)) {
                return kind;
            }
        }
        return null;
    }

    /** Uniform in [0, 1): whether {@code fault} hits request {@code n} of {@code plan}. */
    double draw(FaultPlan plan, Fault fault, long n) {
        return unit(key(plan, fault, n));
    }

    /** A generator for the details of {@code fault} on request {@code n} of {@code plan}. */
    SplittableRandom random(FaultPlan plan, Fault fault, long n) {
        return new SplittableRandom(mix(key(plan, fault, n), 2));
    }

    private long key(FaultPlan plan, Fault fault, long n) {
        return mix(mix(mix(dataSeed, plan.seed()), fault.ordinal()), n);
    }

    private static long mix(long state, long value) {
        long z = (state ^ value) + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private static long hash(String text) {
        long h = 1_125_899_906_842_597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
