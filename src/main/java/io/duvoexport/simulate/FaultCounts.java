package io.duvoexport.simulate;

import java.util.Map;

/**
 * Requests each fault was injected into since start (or the last reset): a request counts once
 * per fault that changed it, e.g. a page with five bad rows counts once for
 * {@link Fault#BAD_ROWS}.
 *
 * @param byFault immutable; faults never injected are absent
 */
public record FaultCounts(Map<Fault, Long> byFault) {

    public FaultCounts {
        byFault = Map.copyOf(byFault);
    }

    /** Requests {@code fault} was injected into; 0 if none. */
    public long count(Fault fault) {
        return byFault.getOrDefault(fault, 0L);
    }

    /** Injections of every fault together. */
    public long total() {
        return byFault.values().stream().mapToLong(Long::longValue).sum();
    }
}
