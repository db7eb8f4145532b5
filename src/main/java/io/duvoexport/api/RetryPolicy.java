package io.duvoexport.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before repeating a request that met a transient fault.
 *
 * <p>Backoff is exponential from {@code initialBackoff}, capped at {@code maxBackoff}, and
 * jittered to between half and all of its value so that concurrent workers do not retry in step.
 * A server's {@code retry-after} replaces the computed backoff but never goes below
 * {@code retryAfterFloor}, so that {@code retry-after: 0} cannot burn every attempt at once.
 *
 * @param maxAttempts attempts per request, the first included
 * @param deadline the most time one request may take, retries included
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration retryAfterFloor,
        Duration deadline) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(
            8, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofMinutes(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "max-attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The wait before attempt {@code attempt + 1}, given the server's hint (may be null). */
    Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(retryAfterFloor) < 0 ? retryAfterFloor : retryAfter;
        }
        long ceiling = Math.min(
                maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        return Duration.ofMillis(jittered);
    }
}
