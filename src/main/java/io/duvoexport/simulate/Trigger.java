package io.duvoexport.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * Which requests a fault fires on: those numbered {@code first..last}, every {@code period}-th of
 * them, each with probability {@code chance}. Requests are numbered from 1 from the moment the
 * {@link FaultPlan} takes effect (at start, or when set on a running simulator), counting every
 * request that reaches the server. Chance is drawn from the plan's seed and the request number,
 * so the same seed and the same request sequence give the same faults.
 *
 * <pre>{@code
 * Trigger.always()                          // every request
 * Trigger.chance(0.05)                      // one request in twenty, seeded
 * Trigger.requests(3, 4)                    // the 3rd and 4th requests
 * Trigger.next(2)                           // the next two requests
 * Trigger.after(100)                        // every request after the 100th
 * Trigger.every(10)                         // the 10th, 20th, 30th ... requests
 * Trigger.requests(10, 50).withChance(0.3)  // some of the 10th to 50th
 * }</pre>
 *
 * <p>The text form, for {@link #parse} and the command line, is {@code always}, {@code never},
 * or parts joined by commas: {@code request:N}, {@code requests:N-M}, {@code next:K},
 * {@code after:N}, {@code every:N}, {@code chance:P}; e.g. {@code after:100,chance:0.1}.
 *
 * @param first number of the first request that may be hit, >= 1
 * @param last number of the last request that may be hit, inclusive
 * @param period only every {@code period}-th request of the range may be hit, >= 1
 * @param chance probability that a request that may be hit is hit, in [0, 1]
 */
public record Trigger(long first, long last, long period, double chance) {

    private static final Trigger NEVER = new Trigger(1, Long.MAX_VALUE, 1, 0);
    private static final Trigger ALWAYS = new Trigger(1, Long.MAX_VALUE, 1, 1);

    public Trigger {
        require(first >= 1, "first request must be >= 1, was " + first);
        require(last >= first, "last request must be >= first (" + first + "), was " + last);
        require(period >= 1, "period must be >= 1, was " + period);
        require(chance >= 0 && chance <= 1, "chance must be between 0 and 1, was " + chance);
    }

    /** No request. */
    public static Trigger never() {
        return NEVER;
    }

    /** Every request. */
    public static Trigger always() {
        return ALWAYS;
    }

    /** Each request with probability {@code p}. */
    public static Trigger chance(double p) {
        return ALWAYS.withChance(p);
    }

    /** The {@code n}-th request only. */
    public static Trigger request(long n) {
        return requests(n, n);
    }

    /** The {@code first}-th to the {@code last}-th requests, inclusive. */
    public static Trigger requests(long first, long last) {
        return new Trigger(first, last, 1, 1);
    }

    /** The next {@code count} requests: {@code requests(1, count)}. */
    public static Trigger next(long count) {
        return requests(1, count);
    }

    /** Every request after the {@code n}-th, for good. */
    public static Trigger after(long n) {
        return new Trigger(n + 1, Long.MAX_VALUE, 1, 1);
    }

    /** The {@code n}-th, {@code 2n}-th, {@code 3n}-th ... requests. */
    public static Trigger every(long n) {
        return ALWAYS.withPeriod(n);
    }

    /** This trigger, hitting each request it selects with probability {@code p}. */
    public Trigger withChance(double p) {
        return new Trigger(first, last, period, p);
    }

    /** This trigger, selecting only every {@code n}-th request of its range. */
    public Trigger withPeriod(long n) {
        return new Trigger(first, last, n, chance);
    }

    /** Whether no request can be hit. */
    public boolean isNever() {
        return chance == 0;
    }

    /** Whether request {@code n} is hit, given {@code draw}, uniform in [0, 1). */
    boolean fires(long n, double draw) {
        return n >= first && n <= last && (n - first + 1) % period == 0 && draw < chance;
    }

    /**
     * The trigger a text form describes (see the class comment).
     *
     * @throws IllegalArgumentException naming the part at fault
     */
    public static Trigger parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("always")) {
            return ALWAYS;
        }
        if (trimmed.equals("never")) {
            return NEVER;
        }
        Trigger trigger = ALWAYS;
        for (String part : trimmed.split(",")) {
            trigger = trigger.and(part.trim());
        }
        return trigger;
    }

    @Override
    public String toString() {
        if (isNever()) {
            return "never";
        }
        List<String> parts = new ArrayList<>(3);
        if (first == last) {
            parts.add("request:" + first);
        } else if (last == Long.MAX_VALUE && first > 1) {
            parts.add("after:" + (first - 1));
        } else if (last != Long.MAX_VALUE) {
            parts.add("requests:" + first + "-" + last);
        }
        if (period > 1) {
            parts.add("every:" + period);
        }
        if (chance < 1) {
            parts.add("chance:" + chance);
        }
        return parts.isEmpty() ? "always" : String.join(",", parts);
    }

    private Trigger and(String part) {
        int colon = part.indexOf(':');
        if (colon < 0) {
            throw malformed(part);
        }
        String value = part.substring(colon + 1).trim();
        return switch (part.substring(0, colon).trim()) {
            case "request" -> range(number(part, value), number(part, value));
            case "requests" -> range(value, part);
            case "next" -> range(1, number(part, value));
            case "after" -> range(number(part, value) + 1, Long.MAX_VALUE);
            case "every" -> withPeriod(number(part, value));
            case "chance" -> withChance(probability(part, value));
            default -> throw malformed(part);
        };
    }

    private Trigger range(String value, String part) {
        int dash = value.indexOf('-');
        if (dash < 0) {
            throw malformed(part);
        }
        return range(number(part, value.substring(0, dash)),
                number(part, value.substring(dash + 1)));
    }

    private Trigger range(long from, long to) {
        return new Trigger(from, to, period, chance);
    }

    private static long number(String part, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw malformed(part);
        }
    }

    private static double probability(String part, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw malformed(part);
        }
    }

    private static IllegalArgumentException malformed(String part) {
        return new IllegalArgumentException("cannot read trigger part \"" + part + "\"; use always,"
                + " never, request:N, requests:N-M, next:K, after:N, every:N or chance:P");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
