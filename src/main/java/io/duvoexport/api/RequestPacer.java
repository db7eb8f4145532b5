package io.duvoexport.api;

/**
 * Spaces requests so that the API's rate limit is not exceeded. Shared by every worker of an
 * export; implementations are thread-safe.
 */
public interface RequestPacer {

    /** A pacer that never waits. */
    RequestPacer UNPACED = new RequestPacer() {
        @Override
        public void acquire() {}

        @Override
        public void observe(RateLimit rateLimit, boolean throttled) {}
    };

    /** Blocks until one more request may be sent. */
    void acquire() throws InterruptedException;

    /** Learns from a response's headers; {@code throttled} is true for a 429. */
    void observe(RateLimit rateLimit, boolean throttled);
}
