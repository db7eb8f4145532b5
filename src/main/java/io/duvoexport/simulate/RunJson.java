package io.duvoexport.simulate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders response bodies as UTF-8 JSON. Thread-safe.
 *
 * <p>Rows follow the contract's field order. Per run, derived from a hash of its id so that it is
 * stable across requests: nullable timestamps are either absent or explicit null, a missing
 * evaluation is either absent or null, missing severity counts are either absent or null, and one
 * run in 250 carries an extra field ({@code experimental_flag}) no client knows. Timestamps are
 * RFC 3339 in UTC with milliseconds, or microseconds when the instant has them.
 */
final class RunJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final byte[] DATA_START = "{\"data\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOTAL = "],\"total\":".getBytes(StandardCharsets.UTF_8);

    private final boolean statusInPayload;
    // rows rendered ahead, by run identity; written once before serving, then only read
    private final Map<SimulatedRun, byte[]> rendered;

    /** @param statusInPayload whether rows carry {@code status} */
    RunJson(boolean statusInPayload) {
        this.statusInPayload = statusInPayload;
        this.rendered = Map.of();
    }

    /** Renders every run of {@code runs} once; pages of them are then assembled from bytes. */
    RunJson(boolean statusInPayload, List<SimulatedRun> runs) {
        this.statusInPayload = statusInPayload;
        Map<SimulatedRun, byte[]> rows = new IdentityHashMap<>(runs.size());
        for (SimulatedRun run : runs) {
            rows.put(run, row(run));
        }
        this.rendered = rows;
    }

    /**
     * {@code {"data":[...],"total":N}}. Rows rendered ahead are copied as they are; the bytes
     * are the same as rendering the page whole.
     */
    byte[] page(RunTable.RunPage page) {
        if (rendered.isEmpty()) {
            return page(page, run -> null);
        }
        byte[][] rows = new byte[page.rows().size()][];
        int size = DATA_START.length + TOTAL.length + 20 + rows.length;
        for (int i = 0; i < rows.length; i++) {
            SimulatedRun run = page.rows().get(i);
            byte[] row = rendered.get(run);
            rows[i] = row != null ? row : row(run);
            size += rows[i].length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(DATA_START);
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(rows[i]);
        }
        out.writeBytes(TOTAL);
        out.writeBytes(Long.toString(page.total()).getBytes(StandardCharsets.US_ASCII));
        out.write('}');
        return out.toByteArray();
    }

    /** One run's object, as it appears within a page. */
    private byte[] row(SimulatedRun run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1_024);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            writeRun(json, run, new RowStyle(run.id()), null);
        }
        return out.toByteArray();
    }

    /** {@code {"data":[...],"total":N}}, each row broken as {@code defects} says (null: not). */
    byte[] page(RunTable.RunPage page, Function<SimulatedRun, BadRow> defects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 1_024 * page.rows().size());
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeArrayPropertyStart("data");
            for (SimulatedRun run : page.rows()) {
                writeRun(json, run, new RowStyle(run.id()), defects.apply(run));
            }
            json.writeEndArray();
            json.writeNumberProperty("total", page.total());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** {@code {"error":"...","message":"..."}}. */
    static byte[] error(String error, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("error", error);
            json.writeStringProperty("message", message);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** RFC 3339 UTC text of {@code instant}: milliseconds, or microseconds when it has them. */
    static String timestamp(Instant instant) {
        return (instant.getNano() % 1_000_000 == 0 ? MILLIS : MICROS).format(instant);
    }

    /** One row; {@code defect}, when not null, breaks the one field it names. */
    private void writeRun(JsonGenerator json, SimulatedRun run, RowStyle style, BadRow defect) {
        json.writeStartObject();
        if (defect != BadRow.ID_MISSING) {
            json.writeStringProperty("id", run.id());
        }
        writeCreatedAt(json, run.createdAt(), defect);
        writeTimestamp(json, "updated_at", run.updatedAt(), style);
        writeTimestamp(json, "started_at", run.startedAt(), style);
        writeTimestamp(json, "completed_at", run.completedAt(), style);
        if (statusInPayload) {
            json.writeStringProperty("status", run.status().wireName());
        }
        writeString(json, "source", run.source());
        if (style.extraField()) {
            writeExtraField(json, style.extraVariant());
        }
        if (defect == BadRow.TITLE_AS_NUMBER) {
            json.writeNumberProperty("title", run.runNumber() == null ? 0 : run.runNumber());
        } else {
            writeString(json, "title", run.title());
        }
        if (defect == BadRow.RUN_NUMBER_AS_STRING) {
            json.writeStringProperty("run_number", run.runNumber().toString());
        } else {
            writeNumber(json, "run_number", run.runNumber());
        }
        writeString(json, "agent_id", run.agentId());
        writeString(json, "agent_name", run.agentName());
        writeString(json, "build_id", run.buildId());
        writeString(json, "user_id", run.userId());
        writeString(json, "case_queue_item_id", run.caseQueueItemId());
        writeString(json, "case_queue_id", run.caseQueueId());
        writeString(json, "case_queue_name", run.caseQueueName());
        writeString(json, "case_title", run.caseTitle());
        writeTimestamp(json, "postponed_to", run.postponedTo(), style);
        if (defect == BadRow.NEGATIVE_PROMPT_COUNT) {
            Long count = run.submittedPromptCount();
            json.writeNumberProperty("submitted_prompt_count",
                    count == null || count == 0 ? -1 : -count);
        } else {
            writeNumber(json, "submitted_prompt_count", run.submittedPromptCount());
        }
        writeEvaluation(json, run.evaluation(), style, defect == BadRow.PASSED_OVER_TOTAL);
        json.writeEndObject();
    }

    private static void writeCreatedAt(JsonGenerator json, Instant createdAt, BadRow defect) {
        if (defect == BadRow.CREATED_AT_UNPARSEABLE) {
            json.writeStringProperty("created_at", "yesterday");
        } else if (defect != BadRow.CREATED_AT_MISSING) {
            json.writeStringProperty("created_at", timestamp(createdAt));
        }
    }

    private static void writeEvaluation(JsonGenerator json, SimulatedEvaluation evaluation,
            RowStyle style, boolean passedOverTotal) {
        if (evaluation == null) {
            if (!style.omitsNullEvaluation()) {
                json.writeNullProperty("eval_summaries");
            }
            return;
        }
        json.writeObjectPropertyStart("eval_summaries");
        if (passedOverTotal) {
            json.writeNumberProperty("passed", evaluation.total() + 1);
        } else {
            writeNumber(json, "passed", evaluation.passed());
        }
        writeNumber(json, "total", evaluation.total());
        if (evaluation.finalComment() != null) {
            json.writeStringProperty("final_comment", evaluation.finalComment());
        }
        json.writeStringProperty("status", evaluation.status().wireName());
        SeverityCounts severity = evaluation.severityCounts();
        if (severity != null) {
            json.writeObjectPropertyStart("severityCounts");
            json.writeNumberProperty("critical", severity.critical());
            json.writeNumberProperty("medium", severity.medium());
            json.writeNumberProperty("low", severity.low());
            json.writeEndObject();
        } else if (!style.omitsNullSeverity()) {
            json.writeNullProperty("severityCounts");
        }
        json.writeEndObject();
    }

    /** A field of a later API version: a flag, a nested object, or a string. */
    private static void writeExtraField(JsonGenerator json, int variant) {
        json.writeName("experimental_flag");
        switch (variant) {
            case 0 -> json.writeBoolean(true);
            case 1 -> {
                json.writeStartObject();
                json.writeStringProperty("cohort", "b");
                json.writeArrayPropertyStart("weights");
                json.writeNumber(0.25);
                json.writeNumber(0.75);
                json.writeEndArray();
                json.writeEndObject();
            }
            default -> json.writeString("beta-2");
        }
    }

    private static void writeTimestamp(JsonGenerator json, String name, Instant value,
            RowStyle style) {
        if (value != null) {
            json.writeStringProperty(name, timestamp(value));
        } else if (!style.omitsNullTimestamps()) {
            json.writeNullProperty(name);
        }
    }

    private static void writeString(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value);
        }
    }

    private static void writeNumber(JsonGenerator json, String name, Long value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeNumberProperty(name, value.longValue());
        }
    }

    /** How one run's row is presented, fixed by its id. */
    private record RowStyle(int bits) {

        RowStyle(String id) {
            this(mix(id.hashCode()));
        }

        boolean omitsNullTimestamps() {
            return (bits & 1) == 0;
        }

        boolean omitsNullEvaluation() {
            return (bits & 2) == 0;
        }

        boolean omitsNullSeverity() {
            return (bits & 4) == 0;
        }

        boolean extraField() {
            return Math.floorMod(bits >> 3, 250) == 0;
        }

        int extraVariant() {
            return Math.floorMod(bits >> 12, 3);
        }

        private static int mix(int hash) {
            int h = hash * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
