package io.duvoexport.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which runs the reports look at: those created from {@code from} through {@code to} (UTC days
 * of {@code created_date}, both included) of one agent. Each part is optional; {@link #NONE}
 * selects every run.
 *
 * <p>The values never become SQL text: the runner binds them as parameters of a prepared
 * statement, so any value, quotes included, filters by its exact text.
 *
 * @param from first creation date included, or null for no lower bound
 * @param to last creation date included, or null for no upper bound
 * @param agentId the agent whose runs are kept (exact match), or null for every agent
 */
public record ReportFilter(LocalDate from, LocalDate to, String agentId) {

    /** Every run. */
    public static final ReportFilter NONE = new ReportFilter(null, null, null);

    /** @throws IllegalArgumentException when {@code from} is after {@code to} */
    public ReportFilter {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException(
                    "--from must not be after --to, were " + from + " and " + to);
        }
    }

    /** Whether it selects every run. */
    public boolean isEmpty() {
        return from == null && to == null && agentId == null;
    }

    /** For people: {@code created_date 2026-11-01..2026-11-30, agent_id "..."}, or {@code none}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (from != null || to != null) {
            parts.add("created_date " + (from == null ? "" : from) + ".."
                    + (to == null ? "" : to));
        }
        if (agentId != null) {
            parts.add("agent_id \"" + agentId + "\"");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
