package io.duvoexport.simulate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts answered requests by status code and keeps the most recent ones. Thread-safe.
 */
final class RequestJournal {

    /** Requests kept for {@link #recent()}; older ones are only counted. */
    static final int KEPT = 10_000;

    private final Map<Integer, Long> byStatus = new HashMap<>();
    private final Deque<ServedRequest> recent = new ArrayDeque<>();
    private long total;

    synchronized void record(ServedRequest request) {
        total++;
        byStatus.merge(request.status(), 1L, Long::sum);
        recent.addLast(request);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    synchronized RequestCounts counts() {
        return new RequestCounts(total, byStatus);
    }

    /** The last {@link #KEPT} requests, oldest first. */
    synchronized List<ServedRequest> recent() {
        return List.copyOf(recent);
    }

    synchronized void reset() {
        total = 0;
        byStatus.clear();
        recent.clear();
    }
}
