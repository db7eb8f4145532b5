package io.duvoexport.export;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * Turns one run of the API into one {@link RunRow}: a pure function, no I/O, thread-safe.
 *
 * <p>Tolerant where the contract is loose: unknown fields are ignored, nullable fields may be
 * absent or null, {@code eval_summaries} and {@code severityCounts} may be missing, an unknown
 * {@code status} is kept as it comes. Strict where a value would otherwise be silently wrong: a
 * run without {@code id} or {@code created_at}, a timestamp that does not parse, a value of the
 * wrong JSON type, a negative count, or {@code passed} greater than {@code total} is rejected
 * with a {@link RejectedRunException} naming the field.
 */
public final class RunFlattener {

    /**
     * @param run one element of the page's {@code data} array
     * @param teamId the team exported
     * @param listedStatus the status filter the run was listed under, used when the run carries
     *     no {@code status} of its own; null when the listing was not filtered by status
     * @param exportedAt the export's time, the same for every row of one export
     */
    public RunRow flatten(JsonNode run, String teamId, String listedStatus, Instant exportedAt)
            throws RejectedRunException {
        if (run == null || !run.isObject()) {
            throw new RejectedRunException("run is not a JSON object");
        }
        String id = text(run, "id");
        if (id == null || id.isBlank()) {
            throw new RejectedRunException("id is missing");
        }
        Instant createdAt = timestamp(run, "created_at");
        if (createdAt == null) {
            throw new RejectedRunException("created_at is missing");
        }
        String status = text(run, "status");
        Eval eval = eval(run.get("eval_summaries"));
        return new RunRow(
                id,
                teamId,
                integer(run, "run_number", false),
                status != null ? status : listedStatus,
                text(run, "title"),
                text(run, "source"),
                text(run, "agent_id"),
                text(run, "agent_name"),
                text(run, "build_id"),
                text(run, "user_id"),
                text(run, "case_queue_id"),
                text(run, "case_queue_name"),
                text(run, "case_queue_item_id"),
                text(run, "case_title"),
                createdAt,
                timestamp(run, "updated_at"),
                timestamp(run, "started_at"),
                timestamp(run, "completed_at"),
                timestamp(run, "postponed_to"),
                integer(run, "submitted_prompt_count", true),
                eval.status,
                eval.passed,
                eval.total,
                eval.passed == null || eval.total == null ? null : eval.total - eval.passed,
                eval.finalComment,
                eval.critical,
                eval.medium,
                eval.low,
                exportedAt);
    }

    private record Eval(String status, Long passed, Long total, String finalComment, Long critical,
            Long medium, Long low) {
        static final Eval NONE = new Eval(null, null, null, null, null, null, null);
    }

    private static Eval eval(JsonNode node) throws RejectedRunException {
        if (node == null || node.isNull()) {
            return Eval.NONE;
        }
        if (!node.isObject()) {
            throw new RejectedRunException("eval_summaries is not an object");
        }
        Long passed = integer(node, "passed", true, "eval_summaries.passed");
        Long total = integer(node, "total", true, "eval_summaries.total");
        if (passed != null && total != null && passed > total) {
            throw new RejectedRunException("eval_summaries.passed (" + passed
                    + ") is greater than eval_summaries.total (" + total + ")");
        }
        JsonNode severity = node.get("severityCounts");
        Long critical = null;
        Long medium = null;
        Long low = null;
        if (severity != null && !severity.isNull()) {
            if (!severity.isObject()) {
                throw new RejectedRunException("eval_summaries.severityCounts is not an object");
            }
            critical = integer(severity, "critical", true, "eval_summaries.severityCounts.critical");
            medium = integer(severity, "medium", true, "eval_summaries.severityCounts.medium");
            low = integer(severity, "low", true, "eval_summaries.severityCounts.low");
        }
        return new Eval(text(node, "status", "eval_summaries.status"), passed, total,
                text(node, "final_comment", "eval_summaries.final_comment"), critical, medium, low);
    }

    private static String text(JsonNode parent, String field) throws RejectedRunException {
        return text(parent, field, field);
    }

    private static String text(JsonNode parent, String field, String path)
            throws RejectedRunException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new RejectedRunException(path + " is not a string");
        }
        return value.asString();
    }

    private static Long integer(JsonNode parent, String field, boolean count)
            throws RejectedRunException {
        return integer(parent, field, count, field);
    }

    private static Long integer(JsonNode parent, String field, boolean count, String path)
            throws RejectedRunException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new RejectedRunException(path + " is not a 64-bit integer");
        }
        long result = value.asLong();
        if (count && result < 0) {
            throw new RejectedRunException(path + " is negative (" + result + ")");
        }
        return result;
    }

    private static Instant timestamp(JsonNode parent, String field) throws RejectedRunException {
        String value = text(parent, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new RejectedRunException(field + " is not an RFC 3339 date-time");
        }
    }
}
