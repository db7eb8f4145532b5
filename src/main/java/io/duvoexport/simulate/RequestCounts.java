package io.duvoexport.simulate;

import java.util.Map;

/**
 * Requests answered since start (or the last reset), in total and by HTTP status code.
 *
 * @param byStatus immutable; codes never answered are absent
 */
public record RequestCounts(long total, Map<Integer, Long> byStatus) {

    public RequestCounts {
        byStatus = Map.copyOf(byStatus);
    }

    /** Requests answered with {@code statusCode}; 0 if none. */
    public long count(int statusCode) {
        return byStatus.getOrDefault(statusCode, 0L);
    }
}
