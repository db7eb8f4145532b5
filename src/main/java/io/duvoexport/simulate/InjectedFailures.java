package io.duvoexport.simulate;

/** Failures queued by tests: the next N requests are answered with a given status. Thread-safe. */
final class InjectedFailures {
    private int remaining;
    private int status;

    /** Replaces whatever was queued. */
    synchronized void failNext(int count, int statusCode) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be 4xx or 5xx, was " + statusCode);
        }
        remaining = count;
        status = statusCode;
    }

    /** The status to fail this request with, or 0 to answer it normally. */
    synchronized int take() {
        if (remaining == 0) {
            return 0;
        }
        remaining--;
        return status;
    }
}
