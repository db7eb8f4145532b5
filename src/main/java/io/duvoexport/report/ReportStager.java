package io.duvoexport.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one report's SQL in DuckDB and writes its whole result to temporary CSV and Parquet files
 * in the report's folder. Nothing published is touched.
 *
 * <p>Not thread-safe: it uses one connection and one temporary table.
 */
final class ReportStager {

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
            throw new ReportException(failure(script, e), e);
        }
    }

    private static String failure(ReportScript script, Exception e) {
        String hint = String.valueOf(e.getMessage()).startsWith("Parser Error")
                ? " (a report file holds one SELECT query)"
                : "";
        return "report " + script.location() + " failed" + hint + ": " + e.getMessage();
    }

    /**
     * Runs the query into the temporary table {@code report_result} and checks its columns
     * against the header's; returns its row count.
     */
    private long compute(ReportScript script) throws SQLException {
        requireOneStatement(script.sql());
        // No line break after AS: DuckDB's error positions then match the file's line numbers.
        InMemoryDuckDb.execute(
                connection, "CREATE OR REPLACE TEMP TABLE report_result AS " + script.sql());
        requireDeclaredColumns(script);
        return count();
    }

    /** Refuses a result whose column names or types differ from those its header declares. */
    private void requireDeclaredColumns(ReportScript script) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("DESCRIBE report_result");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                names.add(result.getString("column_name"));
                types.add(result.getString("column_type"));
            }
        }
        Optional<String> mismatch = ReportHeader.of(script.sql()).mismatch(names, types);
        if (mismatch.isPresent()) {
            throw new SQLException(mismatch.get());
        }
    }

    /**
     * Refuses a file with no statement or several before anything runs. A single statement that
     * is not a query fails when run, as {@code CREATE ... AS <not a query>} does not parse.
     */
    private static void requireOneStatement(String sql) throws SQLException {
        int statements = SqlStatements.count(sql);
        if (statements != 1) {
            throw new SQLException("a report file must hold exactly one SELECT query, found "
                    + statements + " statements");
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
