package io.duvoexport.report;

import io.duvoexport.export.RunRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Writes rows the way the exporter publishes them, {@code <root>/runs/created_date=<day>/*.parquet}
 * with the dataset contract's Parquet types, through DuckDB and explicit casts.
 */
final class RunsDatasetWriter {

    /** The contract's columns in file order, each with the DuckDB type it is cast to. */
    private static final List<String> COLUMNS = List.of(
            "id VARCHAR", "team_id VARCHAR", "run_number BIGINT", "status VARCHAR",
            "title VARCHAR", "source VARCHAR", "agent_id VARCHAR", "agent_name VARCHAR",
            "build_id VARCHAR", "user_id VARCHAR", "case_queue_id VARCHAR",
            "case_queue_name VARCHAR", "case_queue_item_id VARCHAR", "case_title VARCHAR",
            "created_at TIMESTAMPTZ", "updated_at TIMESTAMPTZ", "started_at TIMESTAMPTZ",
            "completed_at TIMESTAMPTZ", "postponed_to TIMESTAMPTZ",
            "submitted_prompt_count BIGINT", "eval_status VARCHAR", "eval_passed BIGINT",
            "eval_total BIGINT", "eval_failed BIGINT", "eval_final_comment VARCHAR",
            "eval_critical BIGINT", "eval_medium BIGINT", "eval_low BIGINT",
            "exported_at TIMESTAMPTZ");

    private RunsDatasetWriter() {}

    static void write(Path outputRoot, List<RunRow> rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            execute(connection, "SET TimeZone = 'UTC'");
            execute(connection,
                    "CREATE TABLE staged_runs AS SELECT " + casted("NULL") + " WHERE false");
            insert(connection, rows);
            String folder = outputRoot.resolve("runs").toString().replace("'", "''");
            execute(connection, "COPY (SELECT *, CAST(created_at AS DATE) AS created_date"
                    + " FROM staged_runs) TO '" + folder + "'"
                    + " (FORMAT parquet, PARTITION_BY (created_date), OVERWRITE_OR_IGNORE true)");
        }
    }

    private static void insert(Connection connection, List<RunRow> rows) throws SQLException {
        String sql = "INSERT INTO staged_runs SELECT " + casted("?");
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (RunRow row : rows) {
                Object[] values = values(row);
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.executeUpdate();
            }
        }
    }

    private static String casted(String value) {
        StringBuilder select = new StringBuilder();
        for (String column : COLUMNS) {
            String[] nameAndType = column.split(" ");
            select.append(select.isEmpty() ? "" : ", ")
                    .append("CAST(").append(value).append(" AS ").append(nameAndType[1])
                    .append(") AS ").append(nameAndType[0]);
        }
        return select.toString();
    }

    private static Object[] values(RunRow r) {
        Object[] values = {r.id(), r.teamId(), r.runNumber(), r.status(), r.title(), r.source(),
            r.agentId(), r.agentName(), r.buildId(), r.userId(), r.caseQueueId(),
            r.caseQueueName(), r.caseQueueItemId(), r.caseTitle(), r.createdAt(), r.updatedAt(),
            r.startedAt(), r.completedAt(), r.postponedTo(), r.submittedPromptCount(),
            r.evalStatus(), r.evalPassed(), r.evalTotal(), r.evalFailed(), r.evalFinalComment(),
            r.evalCritical(), r.evalMedium(), r.evalLow(), r.exportedAt()};
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] instanceof Instant instant ? instant.toString() : values[i];
        }
        return values;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
