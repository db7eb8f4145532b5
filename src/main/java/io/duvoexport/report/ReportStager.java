package io.duvoexport.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one report's SQL in DuckDB and writes its whole result to temporary CSV and Parquet files
 * in the report's folder. Nothing published is touched.
 *
 * <p>Not thread-safe: it uses one connection and one temporary table.
 */
final class ReportStager {

    /** Parses without running: whether the text is one SELECT query. */
    private static final String PARSE_CHECK = """
            SELECT
                CAST(parsed ->> 'error' AS BOOLEAN),
                parsed ->> 'error_type',
                parsed ->> 'error_message',
                json_array_length(parsed -> 'statements')
            FROM (SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS JSON) AS parsed)
            """;

    /** CSV per RFC 4180: comma, double quotes doubled inside quoted fields, CRLF, a header. */
    private static final String CSV_OPTIONS = "(FORMAT csv, HEADER true, DELIMITER ',',"
            + " QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n')";

    private static final String PARQUET_OPTIONS = "(FORMAT parquet, COMPRESSION snappy)";

    private final Connection connection;
    private final ReportLayout layout;

    ReportStager(Connection connection, ReportLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /**
     * Computes the report and writes it to temporary files.
     *
     * @throws ReportException naming the report file when its SQL is not one SELECT query or
     *     fails; no temporary file is left behind then
     */
    StagedReport stage(ReportScript script) {
        Path directory = layout.directory(script.name());
        AtomicFiles.createDirectories(directory);
        AtomicFiles.removeLeftovers(directory);

        List<Path> written = new ArrayList<>();
        try {
            long rows = compute(script);
            Path csv = write(layout.latest(script.name(), ReportLayout.CSV), CSV_OPTIONS, written);
            Path parquet = write(
                    layout.latest(script.name(), ReportLayout.PARQUET), PARQUET_OPTIONS, written);
            return new StagedReport(script, rows, csv, parquet);
        } catch (SQLException | RuntimeException e) {
            written.forEach(AtomicFiles::deleteQuietly);
            throw new ReportException(
                    "report " + script.location() + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs the query into the temporary table {@code report_result}; returns its row count. */
    private long compute(ReportScript script) throws SQLException {
        requireOneSelect(script.sql());
        // No line break after AS: DuckDB's error positions then match the file's line numbers.
        InMemoryDuckDb.execute(
                connection, "CREATE OR REPLACE TEMP TABLE report_result AS " + script.sql());
        return count();
    }

    private void requireOneSelect(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PARSE_CHECK)) {
            statement.setString(1, sql);
            try (ResultSet parsed = statement.executeQuery()) {
                parsed.next();
                if (parsed.getBoolean(1)) {
                    rejectUnlessSyntaxError(parsed.getString(2), parsed.getString(3));
                } else if (parsed.getLong(4) != 1) {
                    throw new SQLException("a report file must hold exactly one SELECT query,"
                            + " found " + parsed.getLong(4) + " statements");
                }
            }
        }
    }

    /** A syntax error is left to the real run, whose message points at the line at fault. */
    private static void rejectUnlessSyntaxError(String type, String message) throws SQLException {
        if (!"parser".equals(type)) {
            throw new SQLException("a report file must hold one SELECT query: " + message);
        }
    }

    private long count() throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT count(*) FROM report_result");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private Path write(Path target, String options, List<Path> written) throws SQLException {
        Path temp = AtomicFiles.tempSibling(target);
        written.add(temp);
        InMemoryDuckDb.execute(connection,
                "COPY report_result TO " + InMemoryDuckDb.literal(temp) + " " + options);
        return temp;
    }
}
