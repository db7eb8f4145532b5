package io.duvoexport.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The faults a simulator injects: a {@link Trigger} per {@link Fault}, and the few values that
 * shape them. Every fault is off unless given a trigger. Immutable; build with
 * {@link #builder()}, or start from {@link #of} and {@link #with}.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.builder()
 *         .inject(Fault.SERVICE_UNAVAILABLE, Trigger.chance(0.05))
 *         .inject(Fault.CONNECTION_RESET, Trigger.requests(10, 11))
 *         .inject(Fault.BAD_ROWS, Trigger.always())
 *         .badRowChance(0.02)
 *         .seed(7)
 *         .build();
 * }</pre>
 *
 * @param triggers the trigger of each fault that may fire; faults absent never fire
 * @param seed seed of the chance draws and of the bad-row choice, mixed with the data seed
 * @param slowResponseDelay how long {@link Fault#SLOW_RESPONSE} holds an answer back, and how
 *     long {@link Fault#STALLED_BODY} stops a body part way
 * @param retryAfter the wait {@link Fault#RATE_LIMITED} and {@link Fault#RATE_LIMITED_DATE}
 *     announce, whole seconds >= 1
 * @param badRowChance share of runs {@link Fault#BAD_ROWS} breaks, in [0, 1]
 * @param badRowKinds the defects {@link Fault#BAD_ROWS} uses, not empty
 * @param totalError most that {@link Fault#WRONG_TOTAL} is off by, >= 1
 * @param duplicatedRows rows a {@link Fault#DUPLICATE_ROWS} page repeats, >= 1
 * @param driftBatch runs deleted, changed and inserted by each {@link Fault#DRIFT}, >= 1 each
 */
public record FaultPlan(
        Map<Fault, Trigger> triggers,
        long seed,
        Duration slowResponseDelay,
        Duration retryAfter,
        double badRowChance,
        Set<BadRow> badRowKinds,
        int totalError,
        int duplicatedRows,
        int driftBatch) {

    private static final FaultPlan NONE = builder().build();

    public FaultPlan {
        triggers = withoutNever(triggers);
        require(!Objects.requireNonNull(badRowKinds, "badRowKinds").isEmpty(),
                "badRowKinds must name at least one kind");
        badRowKinds = Collections.unmodifiableSet(EnumSet.copyOf(badRowKinds));
        Objects.requireNonNull(slowResponseDelay, "slowResponseDelay");
        Objects.requireNonNull(retryAfter, "retryAfter");
        require(!slowResponseDelay.isNegative(),
                "slowResponseDelay must be >= 0, was " + slowResponseDelay);
        require(retryAfter.toMillis() % 1_000 == 0 && retryAfter.getSeconds() >= 1,
                "retryAfter must be whole seconds >= 1, was " + retryAfter);
        require(badRowChance >= 0 && badRowChance <= 1,
                "badRowChance must be between 0 and 1, was " + badRowChance);
        require(totalError >= 1, "totalError must be >= 1, was " + totalError);
        require(duplicatedRows >= 1, "duplicatedRows must be >= 1, was " + duplicatedRows);
        require(driftBatch >= 1, "driftBatch must be >= 1, was " + driftBatch);
    }

    /** No faults at all: the simulator answers as the API does on a good day. */
    public static FaultPlan none() {
        return NONE;
    }

    /** Only {@code fault}, fired by {@code trigger}, with default values. */
    public static FaultPlan of(Fault fault, Trigger trigger) {
        return builder().inject(fault, trigger).build();
    }

    /** A builder holding no faults and every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This plan with {@code fault} fired by {@code trigger}; {@code never()} switches it off. */
    public FaultPlan with(Fault fault, Trigger trigger) {
        return toBuilder().inject(fault, trigger).build();
    }

    /** The trigger of {@code fault}; {@link Trigger#never()} when it is off. */
    public Trigger trigger(Fault fault) {
        return triggers.getOrDefault(fault, Trigger.never());
    }

    /** Whether {@code fault} can fire at all. */
    public boolean injects(Fault fault) {
        return triggers.containsKey(fault);
    }

    /** Whether no fault can fire. */
    public boolean isEmpty() {
        return triggers.isEmpty();
    }

    /** e.g. {@code connection-reset=requests:3-4 wrong-total=chance:0.5 (total error 3)}. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        triggers.forEach((fault, trigger) -> parts.add(fault.flagName() + "=" + trigger));
        List<String> values = new ArrayList<>();
        if (injects(Fault.SLOW_RESPONSE) || injects(Fault.STALLED_BODY)) {
            values.add("slow " + slowResponseDelay.toMillis() + " ms");
        }
        if (injects(Fault.RATE_LIMITED) || injects(Fault.RATE_LIMITED_DATE)) {
            values.add("retry after " + retryAfter.getSeconds() + " s");
        }
        if (injects(Fault.BAD_ROWS)) {
            values.add("bad rows " + badRowChance + " of " + badRowKinds);
        }
        if (injects(Fault.WRONG_TOTAL)) {
            values.add("total error " + totalError);
        }
        if (injects(Fault.DUPLICATE_ROWS)) {
            values.add("duplicated rows " + duplicatedRows);
        }
        if (injects(Fault.DRIFT)) {
            values.add("drift batch " + driftBatch);
        }
        String shape = values.isEmpty() ? "" : " (" + String.join(", ", values) + ")";
        return String.join(" ", parts) + shape + ", fault seed " + seed;
    }

    private static Map<Fault, Trigger> withoutNever(Map<Fault, Trigger> triggers) {
        Map<Fault, Trigger> kept = new EnumMap<>(Fault.class);
        Objects.requireNonNull(triggers, "triggers").forEach((fault, trigger) -> {
            if (!Objects.requireNonNull(trigger, "trigger of " + fault).isNever()) {
                kept.put(Objects.requireNonNull(fault, "fault"), trigger);
            }
        });
        return Collections.unmodifiableMap(kept);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builder of {@link FaultPlan}; not thread-safe. */
    public static final class Builder {
        private final Map<Fault, Trigger> triggers = new EnumMap<>(Fault.class);
        private long seed;
        private Duration slowResponseDelay = Duration.ofSeconds(5);
        private Duration retryAfter = Duration.ofSeconds(1);
        private double badRowChance = 0.01;
        private Set<BadRow> badRowKinds = EnumSet.allOf(BadRow.class);
        private int totalError = 3;
        private int duplicatedRows = 1;
        private int driftBatch = 2;

        private Builder() {}

        private Builder(FaultPlan plan) {
            triggers.putAll(plan.triggers);
            seed = plan.seed;
            slowResponseDelay = plan.slowResponseDelay;
            retryAfter = plan.retryAfter;
            badRowChance = plan.badRowChance;
            badRowKinds = plan.badRowKinds;
            totalError = plan.totalError;
            duplicatedRows = plan.duplicatedRows;
            driftBatch = plan.driftBatch;
        }

        /** Fires {@code fault} on the requests {@code trigger} selects; replaces its trigger. */
        public Builder inject(Fault fault, Trigger trigger) {
            triggers.put(Objects.requireNonNull(fault, "fault"),
                    Objects.requireNonNull(trigger, "trigger"));
            return this;
        }

        /** Seed of the draws, mixed with the data seed; default 0. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** How long a slow answer is held back, or a stalled body stops; default 5 s. */
        public Builder slowResponseDelay(Duration value) {
            slowResponseDelay = value;
            return this;
        }

        /** The wait an injected 429 announces, whole seconds; default 1 s. */
        public Builder retryAfter(Duration value) {
            retryAfter = value;
            return this;
        }

        /** Share of runs rendered bad; default 0.01. */
        public Builder badRowChance(double value) {
            badRowChance = value;
            return this;
        }

        /** The defects bad rows get; default all of {@link BadRow}. */
        public Builder badRowKinds(Set<BadRow> value) {
            badRowKinds = value;
            return this;
        }

        /** Most that a wrong total is off by; default 3. */
        public Builder totalError(int value) {
            totalError = value;
            return this;
        }

        /** Rows a duplicating page repeats; default 1. */
        public Builder duplicatedRows(int value) {
            duplicatedRows = value;
            return this;
        }

        /** Runs deleted, changed and inserted by each drift; default 2 of each. */
        public Builder driftBatch(int value) {
            driftBatch = value;
            return this;
        }

        /** The plan; throws {@link IllegalArgumentException} naming the first bad value. */
        public FaultPlan build() {
            return new FaultPlan(triggers, seed, slowResponseDelay, retryAfter, badRowChance,
                    badRowKinds, totalError, duplicatedRows, driftBatch);
        }
    }
}
