package io.duvoexport.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what the client did, for the log summary and the manifest. Thread-safe. */
public final class ClientStats {

    private final LongAdder requests = new LongAdder();
    private final LongAdder earlierRequests = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final Map<String, LongAdder> retriesByReason = new ConcurrentHashMap<>();

    void requestSent() {
        requests.increment();
    }

    void throttled() {
        throttled.increment();
    }

    void retried(String reason) {
        retriesByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /**
     * HTTP requests of the export, retries included: those this client sent, plus those of
     * earlier executions of the same export carried over with {@link #carryOver}.
     */
    public long requests() {
        return requests.sum() + earlierRequests.sum();
    }

    /** HTTP requests this client sent, retries included. */
    public long requestsSent() {
        return requests.sum();
    }

    /** Adds requests sent by earlier executions (processes) of the same export. */
    public void carryOver(long earlier) {
        earlierRequests.add(earlier);
    }

    /** Responses with status 429. */
    public long throttledResponses() {
        return throttled.sum();
    }

    public long retries() {
        return retriesByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Retries per reason, e.g. {@code {"HTTP 503": 2, "timeout": 1}}, sorted by reason. */
    public Map<String, Long> retriesByReason() {
        Map<String, Long> copy = new TreeMap<>();
        retriesByReason.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }
}
