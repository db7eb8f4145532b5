package io.duvoexport.report;

import static io.duvoexport.report.RunRowBuilder.run;

import io.duvoexport.export.RunRow;
import java.util.List;

/**
 * One team's runs over three days, shaped to exercise every rule of the reports: a renamed
 * agent, an agent with no run that ended, unknown and missing statuses, runs without an agent,
 * evaluations of every kind, and a name that needs CSV quoting.
 */
final class SampleTeam {

    static final String INVOICES = "agent-invoices";
    static final String TRIAGE = "agent-triage";
    static final String REFUNDS = "agent-refunds";
    static final String QUOTES = "agent-quotes";
    static final String QUOTES_NAME = "Quotes \"Q1\", north\nregion – Zürich";

    private SampleTeam() {}

    static List<RunRow> runs() {
        return List.of(
                // renamed from "Invoice bot" to "Invoice agent"; its newest run has no name
                invoice("r01", "Invoice bot", "completed", "2024-01-10T08:00:00Z")
                        .eval("ready", 8L, 10L).severity(1L, 1L, 0L).build(),
                invoice("r02", "Invoice bot", "failed", "2024-01-10T09:00:00Z")
                        .eval("ready", 10L, 10L).severity(0L, 0L, 0L).build(),
                invoice("r03", "Invoice agent", "completed", "2024-01-11T10:00:00Z")
                        .eval("ready", 3L, 4L).build(),
                invoice("r04", "Invoice agent", "interrupted", "2024-01-11T11:00:00Z")
                        .eval("unavailable", null, null).build(),
                invoice("r05", null, "stopped", "2024-01-12T12:00:00Z")
                        .eval("in_progress", null, null).build(),
                invoice("r06", "Invoice agent", "needs_attention", "2024-01-12T07:00:00Z")
                        .eval("ready", 0L, 0L).build(),
                invoice("r07", "Invoice agent", "running", "2024-01-12T08:00:00Z").build(),
                invoice("r08", "Invoice agent", "waiting", "2024-01-12T09:00:00Z").build(),
                invoice("r09", "Invoice agent", "paused", "2024-01-12T10:00:00Z")
                        .eval("queued", null, 5L).build(),
                invoice("r10", "Invoice agent", null, "2024-01-12T11:00:00Z").build(),

                // nothing ended yet: no failure rate; never evaluated: no pass rate
                agentRun("t01", TRIAGE, "Triage", "not_started", "2024-01-10T10:00:00Z").build(),
                agentRun("t02", TRIAGE, "Triage", "pending", "2024-01-11T10:00:00Z").build(),
                agentRun("t03", TRIAGE, "Triage", "starting", "2024-01-12T10:00:00Z").build(),
                agentRun("t04", TRIAGE, "Triage", "needs_attention", "2024-01-12T11:00:00Z")
                        .build(),

                agentRun("f01", REFUNDS, "Refunds", "failed", "2024-01-10T11:00:00Z")
                        .eval("ready", 5L, 5L).severity(0L, 0L, 0L).build(),
                agentRun("f02", REFUNDS, "Refunds", "failed", "2024-01-11T11:00:00Z")
                        .eval("ready", 2L, 6L).severity(2L, 0L, 1L).build(),
                agentRun("f03", REFUNDS, "Refunds", "completed", "2024-01-11T12:00:00Z").build(),

                agentRun("q01", QUOTES, QUOTES_NAME, "failed", "2024-01-10T12:00:00Z")
                        .eval("ready", null, 3L).severity(0L, 3L, null).build(),
                agentRun("q02", QUOTES, QUOTES_NAME, "completed", "2024-01-12T12:00:00Z")
                        .build(),

                // runs without an agent share one row
                agentRun("n01", null, null, "completed", "2024-01-10T13:00:00Z")
                        .eval("ready", 1L, 2L).build(),
                agentRun("n02", null, null, "failed", "2024-01-11T13:00:00Z").build());
    }

    private static RunRowBuilder invoice(String id, String name, String status, String at) {
        return agentRun(id, INVOICES, name, status, at);
    }

    private static RunRowBuilder agentRun(
            String id, String agentId, String name, String status, String createdAt) {
        return run(id).agent(agentId, name).status(status).createdAt(createdAt);
    }
}
