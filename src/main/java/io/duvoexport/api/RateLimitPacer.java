package io.duvoexport.api;

import java.time.Instant;

/**
 * Paces requests to the API's rate limit, as its {@code x-ratelimit-*} headers describe it, and to
 * an optional ceiling of our own. Thread-safe: one instance is shared by every worker.
 *
 * <p><b>Headers.</b> The API counts requests per key in fixed windows: {@code limit} per window,
 * {@code remaining} after this request, the window ending at {@code reset} (Unix seconds). The
 * pacer counts what it sent in the current window and lets requests go at once while the window
 * has budget, then holds every worker until the window has reset, plus a small margin against
 * clock differences. Another client using the same key shows up as {@code remaining} lower than
 * our own count explains, and is taken off the budget.
 *
 * <p><b>Ceiling.</b> With {@code maxRequestsPerMinute} above zero, request starts are also spaced
 * at least {@code 60 s / maxRequestsPerMinute} apart.
 *
 * <p><b>429.</b> A throttled answer ends the window's budget and doubles the margin (from then
 * on the margin never shrinks below that); without rate-limit headers it doubles an interval
 * between requests that then shrinks again by 2% with each answer that is not a 429. Windows
 * that pass without a 429 shrink the margin by 10%, down to that floor.
 */
public final class RateLimitPacer implements RequestPacer {

    /** Time as the pacer sees it; replaceable in tests. */
    public interface Clock {
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long epochMillis() {
                return System.currentTimeMillis();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };

        /** A monotonic time in nanoseconds. */
        long nanoTime();

        /** Wall time, to compare with the API's reset instants. */
        long epochMillis();

        void sleep(long nanos) throws InterruptedException;
    }

    static final long INITIAL_MARGIN = 20_000_000L;
    static final long MIN_MARGIN = 5_000_000L;
    static final long MAX_MARGIN = 5_000_000_000L;
    static final long MAX_ADAPTIVE_INTERVAL = 10_000_000_000L;
    private static final long MAX_SLEEP = 100_000_000L;
    private static final long UNKNOWN = -1;

    private final Clock clock;
    private final long ceilingInterval;

    // guarded by this
    private long nextStart;
    private long limit = UNKNOWN;
    private long windowReset = UNKNOWN; // the API's reset of the current window, Unix seconds
    private long windowEnd; // when the pacer considers the current window over, clock nanos
    private boolean windowEndKnown;
    private long sent; // requests sent in the current window
    private long othersUsed; // requests of other clients seen in the current window
    private long margin = INITIAL_MARGIN;
    private long marginFloor = MIN_MARGIN;
    private long adaptiveInterval;
    private long throttled;

    /**
     * @param maxRequestsPerMinute a ceiling of our own, 0 for none
     * @throws IllegalArgumentException when the ceiling is negative
     */
    public RateLimitPacer(int maxRequestsPerMinute, Clock clock) {
        if (maxRequestsPerMinute < 0) {
            throw new IllegalArgumentException("duvo.http.max-requests-per-minute must be 0 (no "
                    + "ceiling) or more, was " + maxRequestsPerMinute);
        }
        this.clock = clock;
        this.ceilingInterval =
                maxRequestsPerMinute == 0 ? 0 : 60_000_000_000L / maxRequestsPerMinute;
    }

    public RateLimitPacer(int maxRequestsPerMinute) {
        this(maxRequestsPerMinute, Clock.SYSTEM);
    }

    @Override
    public void acquire() throws InterruptedException {
        while (true) {
            long wait = tryAcquire();
            if (wait <= 0) {
                return;
            }
            clock.sleep(Math.min(wait, MAX_SLEEP));
        }
    }

    /** Takes a request's place and returns 0, or returns how long to wait before asking again. */
    synchronized long tryAcquire() {
        long now = clock.nanoTime();
        if (windowEndKnown && now - windowEnd >= 0) {
            startWindow();
        }
        long wait = 0;
        if (limit != UNKNOWN && sent + othersUsed >= limit) {
            wait = windowEndKnown ? windowEnd - now : MAX_SLEEP / 10;
        }
        wait = Math.max(wait, nextStart - now);
        if (wait > 0) {
            return wait;
        }
        sent++;
        nextStart = now + Math.max(ceilingInterval, adaptiveInterval);
        return 0;
    }

    @Override
    public synchronized void observe(RateLimit rateLimit, boolean throttled) {
        boolean headers = rateLimit != null && rateLimit.limit().isPresent()
                && rateLimit.remaining().isPresent() && rateLimit.resetAt() != null;
        if (throttled) {
            this.throttled++;
            margin = Math.min(MAX_MARGIN, Math.max(2 * margin, 100_000_000L));
            marginFloor = margin;
            if (!headers) {
                adaptiveInterval = Math.min(MAX_ADAPTIVE_INTERVAL,
                        Math.max(2 * adaptiveInterval, 10_000_000L));
                nextStart = Math.max(nextStart, clock.nanoTime() + adaptiveInterval);
            }
        } else if (adaptiveInterval > 0) {
            adaptiveInterval = adaptiveInterval * 49 / 50;
        }
        if (!headers) {
            return;
        }
        learn(rateLimit.limit().getAsLong(), rateLimit.remaining().getAsLong(),
                rateLimit.resetAt(), throttled);
    }

    private void learn(long newLimit, long remaining, Instant resetAt, boolean throttled) {
        long reset = resetAt.getEpochSecond();
        limit = Math.max(1, newLimit);
        if (windowReset != UNKNOWN) {
            boolean earlier = reset < windowReset || (reset == windowReset && !windowEndKnown);
            if (earlier && !(throttled && reset == windowReset)) {
                return; // an answer from a window the pacer has left behind
            }
            // a 429 from the window the pacer believed over: its clock runs ahead; wait again
            if (reset > windowReset && windowEndKnown) {
                // the API moved on before the pacer did: what it counted so far is ours
                startWindow();
                sent = limit - remaining;
            } else if (reset > windowReset) {
                sent = Math.max(sent, limit - remaining);
            }
        }
        windowReset = reset;
        windowEnd = clock.nanoTime() + (reset * 1_000 - clock.epochMillis()) * 1_000_000 + margin;
        windowEndKnown = true;
        // requests counted beyond everything we sent are another client's
        othersUsed = Math.max(othersUsed, limit - remaining - sent);
        if (throttled) {
            sent = Math.max(sent, limit - othersUsed);
        }
    }

    /** The window has reset: a full budget, its end unknown until an answer tells. */
    private void startWindow() {
        if (windowEndKnown) {
            margin = Math.max(marginFloor, margin * 9 / 10);
        }
        sent = 0;
        othersUsed = 0;
        windowEndKnown = false;
    }

    /** Answers with status 429 seen so far. */
    public synchronized long throttledResponses() {
        return throttled;
    }

    /** The current margin after a window's reset, in nanoseconds. */
    synchronized long margin() {
        return margin;
    }
}
