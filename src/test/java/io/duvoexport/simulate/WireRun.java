package io.duvoexport.simulate;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Reads a row of the API back into a {@link SimulatedRun}, the way a strict client would. */
final class WireRun {

    private WireRun() {}

    /** The run a row describes; {@code digestId} is not on the wire and is taken as given. */
    static SimulatedRun read(JsonNode row, String digestId) {
        return SimulatedRun.builder()
                .id(text(row, "id"))
                .createdAt(instant(row, "created_at"))
                .updatedAt(instant(row, "updated_at"))
                .startedAt(instant(row, "started_at"))
                .completedAt(instant(row, "completed_at"))
                .status(RunStatus.fromWireName(text(row, "status")).orElseThrow())
                .source(text(row, "source"))
                .title(text(row, "title"))
                .runNumber(number(row, "run_number"))
                .agentId(text(row, "agent_id"))
                .agentName(text(row, "agent_name"))
                .buildId(text(row, "build_id"))
                .userId(text(row, "user_id"))
                .caseQueue(text(row, "case_queue_id"), text(row, "case_queue_name"),
                        text(row, "case_queue_item_id"), text(row, "case_title"))
                .postponedTo(instant(row, "postponed_to"))
                .submittedPromptCount(number(row, "submitted_prompt_count"))
                .evaluation(evaluation(row.get("eval_summaries")))
                .digestId(digestId)
                .build();
    }

    private static SimulatedEvaluation evaluation(JsonNode eval) {
        if (eval == null || eval.isNull()) {
            return null;
        }
        JsonNode severity = eval.get("severityCounts");
        SeverityCounts counts = severity == null || severity.isNull()
                ? null
                : new SeverityCounts(severity.get("critical").longValue(),
                        severity.get("medium").longValue(), severity.get("low").longValue());
        return new SimulatedEvaluation(
                EvaluationStatus.valueOf(text(eval, "status").toUpperCase()),
                number(eval, "passed"), number(eval, "total"), text(eval, "final_comment"), counts);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new AssertionError(field + " is not an integer: " + value);
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }
}
