package io.duvoexport.simulate;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per presented credential in fixed windows aligned to multiples of the window
 * length since the Unix epoch. Thread-safe.
 */
final class FixedWindowRateLimiter {

    /** Past this many tracked credentials, those of finished windows are forgotten. */
    private static final int MAX_TRACKED = 10_000;

    private final RateLimit limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FixedWindowRateLimiter(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Whether requests are limited at all; without a limit no headers are sent. */
    boolean enabled() {
        return limit.enabled();
    }

    /** Counts one request of {@code credential} if the budget allows it, and reports the state. */
    Verdict acquire(String credential) {
        long nowMillis = clock.millis();
        long windowMillis = limit.window().toMillis();
        long index = Math.floorDiv(nowMillis, windowMillis);
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(window -> window.index < index);
        }
        Window window = windows.computeIfAbsent(credential, key -> new Window());
        int used = window.take(index, limit.requests());
        long endMillis = (index + 1) * windowMillis;
        long resetSeconds = Math.floorDiv(endMillis + 999, 1_000L);
        long retryAfter = Math.max(1, Math.floorDiv(endMillis - nowMillis + 999, 1_000L));
        boolean allowed = used <= limit.requests();
        return new Verdict(allowed, limit.requests(), Math.max(0, limit.requests() - used),
                resetSeconds, retryAfter);
    }

    /**
     * The outcome for one request.
     *
     * @param remaining requests left in the window after this one
     * @param resetEpochSeconds Unix time at which the window ends, rounded up
     * @param retryAfterSeconds whole seconds until the window ends, at least 1
     */
    record Verdict(boolean allowed, int limit, int remaining, long resetEpochSeconds,
            long retryAfterSeconds) {}

    /** Requests of one credential in its current window. */
    private static final class Window {
        private long index = Long.MIN_VALUE;
        private int used;

        /** Counts a request unless the budget is spent; returns the count including it. */
        synchronized int take(long currentIndex, int budget) {
            if (currentIndex != index) {
                index = currentIndex;
                used = 0;
            }
            if (used >= budget) {
                return budget + 1;
            }
            return ++used;
        }
    }
}
