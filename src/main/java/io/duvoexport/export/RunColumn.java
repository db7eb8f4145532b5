package io.duvoexport.export;

import java.time.Instant;
import java.util.function.Function;

/**
 * The dataset's columns, in file order: name, physical kind, nullability and where the value
 * comes from. The Parquet schema, the writer and the reader are all derived from this list.
 */
public enum RunColumn {
    ID("id", Kind.STRING, false, RunRow::id),
    TEAM_ID("team_id", Kind.STRING, false, RunRow::teamId),
    RUN_NUMBER("run_number", Kind.INT64, true, RunRow::runNumber),
    STATUS("status", Kind.STRING, true, RunRow::status),
    TITLE("title", Kind.STRING, true, RunRow::title),
    SOURCE("source", Kind.STRING, true, RunRow::source),
    AGENT_ID("agent_id", Kind.STRING, true, RunRow::agentId),
    AGENT_NAME("agent_name", Kind.STRING, true, RunRow::agentName),
    BUILD_ID("build_id", Kind.STRING, true, RunRow::buildId),
    USER_ID("user_id", Kind.STRING, true, RunRow::userId),
    CASE_QUEUE_ID("case_queue_id", Kind.STRING, true, RunRow::caseQueueId),
    CASE_QUEUE_NAME("case_queue_name", Kind.STRING, true, RunRow::caseQueueName),
    CASE_QUEUE_ITEM_ID("case_queue_item_id", Kind.STRING, true, RunRow::caseQueueItemId),
    CASE_TITLE("case_title", Kind.STRING, true, RunRow::caseTitle),
    CREATED_AT("created_at", Kind.TIMESTAMP, false, RunRow::createdAt),
    UPDATED_AT("updated_at", Kind.TIMESTAMP, true, RunRow::updatedAt),
    STARTED_AT("started_at", Kind.TIMESTAMP, true, RunRow::startedAt),
    COMPLETED_AT("completed_at", Kind.TIMESTAMP, true, RunRow::completedAt),
    POSTPONED_TO("postponed_to", Kind.TIMESTAMP, true, RunRow::postponedTo),
    SUBMITTED_PROMPT_COUNT("submitted_prompt_count", Kind.INT64, true,
            RunRow::submittedPromptCount),
    EVAL_STATUS("eval_status", Kind.STRING, true, RunRow::evalStatus),
    EVAL_PASSED("eval_passed", Kind.INT64, true, RunRow::evalPassed),
    EVAL_TOTAL("eval_total", Kind.INT64, true, RunRow::evalTotal),
    EVAL_FAILED("eval_failed", Kind.INT64, true, RunRow::evalFailed),
    EVAL_FINAL_COMMENT("eval_final_comment", Kind.STRING, true, RunRow::evalFinalComment),
    EVAL_CRITICAL("eval_critical", Kind.INT64, true, RunRow::evalCritical),
    EVAL_MEDIUM("eval_medium", Kind.INT64, true, RunRow::evalMedium),
    EVAL_LOW("eval_low", Kind.INT64, true, RunRow::evalLow),
    EXPORTED_AT("exported_at", Kind.TIMESTAMP, false, RunRow::exportedAt);

    /** Physical kinds: UTF-8 strings, 64-bit integers, UTC-adjusted microsecond timestamps. */
    public enum Kind {
        STRING,
        INT64,
        TIMESTAMP
    }

    private final String columnName;
    private final Kind kind;
    private final boolean nullable;
    private final Function<RunRow, Object> accessor;

    RunColumn(String columnName, Kind kind, boolean nullable, Function<RunRow, Object> accessor) {
        this.columnName = columnName;
        this.kind = kind;
        this.nullable = nullable;
        this.accessor = accessor;
    }

    public String columnName() {
        return columnName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean nullable() {
        return nullable;
    }

    /** The row's value of this column: a String, a Long or an Instant, or null. */
    public Object valueOf(RunRow row) {
        return accessor.apply(row);
    }

    /** A row from its column values in column order, as {@link #valueOf} gives them. */
    static RunRow row(Object[] v) {
        return new RunRow((String) v[0], (String) v[1], (Long) v[2], (String) v[3],
                (String) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8],
                (String) v[9], (String) v[10], (String) v[11], (String) v[12], (String) v[13],
                (Instant) v[14], (Instant) v[15], (Instant) v[16], (Instant) v[17],
                (Instant) v[18], (Long) v[19], (String) v[20], (Long) v[21], (Long) v[22],
                (Long) v[23], (String) v[24], (Long) v[25], (Long) v[26], (Long) v[27],
                (Instant) v[28]);
    }

    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1_000);
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }
}
