package io.duvoexport.simulate;

import java.util.HashMap;
import java.util.Map;

/** Hands out {@code run_number}s: a counter per agent, starting at 1. Not thread-safe. */
final class RunNumbers {
    private final Map<String, Long> lastByAgent = new HashMap<>();

    /** The next number of {@code agentId}. */
    long next(String agentId) {
        return lastByAgent.merge(agentId, 1L, Long::sum);
    }
}
