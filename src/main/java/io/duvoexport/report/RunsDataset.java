package io.duvoexport.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The published runs dataset, {@code <output>/runs/created_date=YYYY-MM-DD/*.parquet}, as the
 * relation {@code runs} that every report selects from.
 *
 * <p>The relation always has the columns of {@link #COLUMNS}, in that order and with those
 * types, whether the dataset has files or not: reports over an empty dataset still bind and
 * return typed, empty results. Columns a file holds beyond these are not visible to reports.
 *
 * <p>The view reads the files through their absolute paths, so it works from any working
 * directory, also when stored in a DuckDB file and opened by another program.
 */
final class RunsDataset {

    /**
     * One column of the {@code runs} relation and its DuckDB type; {@code required} columns are
     * never NULL in the dataset (the export rejects runs without them).
     */
    record Column(String name, String type, boolean required) {}

    /** The columns of {@code runs}: the Parquet columns in file order, then the partition key. */
    static final List<Column> COLUMNS = List.of(
            required("id", "VARCHAR"),
            required("team_id", "VARCHAR"),
            optional("run_number", "BIGINT"),
            optional("status", "VARCHAR"),
            optional("title", "VARCHAR"),
            optional("source", "VARCHAR"),
            optional("agent_id", "VARCHAR"),
            optional("agent_name", "VARCHAR"),
            optional("build_id", "VARCHAR"),
            optional("user_id", "VARCHAR"),
            optional("case_queue_id", "VARCHAR"),
            optional("case_queue_name", "VARCHAR"),
            optional("case_queue_item_id", "VARCHAR"),
            optional("case_title", "VARCHAR"),
            required("created_at", "TIMESTAMPTZ"),
            optional("updated_at", "TIMESTAMPTZ"),
            optional("started_at", "TIMESTAMPTZ"),
            optional("completed_at", "TIMESTAMPTZ"),
            optional("postponed_to", "TIMESTAMPTZ"),
            optional("submitted_prompt_count", "BIGINT"),
            optional("eval_status", "VARCHAR"),
            optional("eval_passed", "BIGINT"),
            optional("eval_total", "BIGINT"),
            optional("eval_failed", "BIGINT"),
            optional("eval_final_comment", "VARCHAR"),
            optional("eval_critical", "BIGINT"),
            optional("eval_medium", "BIGINT"),
            optional("eval_low", "BIGINT"),
            required("exported_at", "TIMESTAMPTZ"),
            optional("created_date", "DATE"));

    private static final String FILTERED_VIEW = """
            CREATE VIEW runs AS
            SELECT runs_unfiltered.*
            FROM runs_unfiltered
            CROSS JOIN report_filter
            WHERE (report_filter.from_date IS NULL
                    OR runs_unfiltered.created_date >= report_filter.from_date)
                AND (report_filter.to_date IS NULL
                    OR runs_unfiltered.created_date <= report_filter.to_date)
                AND (report_filter.agent_id IS NULL
                    OR runs_unfiltered.agent_id = report_filter.agent_id)""";

    private final Path directory;

    /** @param outputRoot the export's output root; the dataset is its {@code runs} folder */
    RunsDataset(Path outputRoot) {
        this.directory = outputRoot.resolve("runs");
        rejectGlobCharacters(directory);
    }

    /** Whether the dataset holds at least one {@code .parquet} file, at any depth. */
    boolean hasFiles() {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(RunsDataset::isParquetFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs dataset under " + directory, e);
        }
    }

    /**
     * Creates the view {@code runs} in the connection's current schema: over the dataset's
     * files, or empty when there is no file yet.
     *
     * @throws ReportException when the files cannot be read as the runs dataset
     */
    void register(Connection connection) {
        create(connection, "runs");
    }

    /**
     * Creates the view {@code runs} holding only the runs {@code filter} selects. The filter's
     * values are bound as parameters into the table {@code report_filter}, never written into
     * SQL text; the whole dataset stays visible as {@code runs_unfiltered}.
     *
     * @throws ReportException when the files cannot be read as the runs dataset
     */
    void register(Connection connection, ReportFilter filter) {
        if (filter.isEmpty()) {
            register(connection);
            return;
        }
        create(connection, "runs_unfiltered");
        try {
            InMemoryDuckDb.execute(connection, "CREATE TABLE report_filter"
                    + " (from_date DATE, to_date DATE, agent_id VARCHAR)");
            bindFilter(connection, filter);
            InMemoryDuckDb.execute(connection, FILTERED_VIEW);
        } catch (SQLException e) {
            throw new ReportException("cannot filter the runs dataset: " + e.getMessage(), e);
        }
    }

    private static void bindFilter(Connection connection, ReportFilter filter)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO report_filter"
                + " VALUES (CAST(? AS DATE), CAST(? AS DATE), CAST(? AS VARCHAR))")) {
            insert.setString(1, filter.from() == null ? null : filter.from().toString());
            insert.setString(2, filter.to() == null ? null : filter.to().toString());
            insert.setString(3, filter.agentId());
            insert.executeUpdate();
        }
    }

    private void create(Connection connection, String view) {
        String sql = "CREATE VIEW " + view + " AS\n" + (hasFiles() ? filesSql() : emptySql());
        try {
            InMemoryDuckDb.execute(connection, sql);
        } catch (SQLException e) {
            throw new ReportException(
                    "cannot read the runs dataset under " + directory + ": " + e.getMessage(), e);
        }
    }

    private String filesSql() {
        String glob = InMemoryDuckDb.literal(directory.resolve("**").resolve("*.parquet"));
        String columns = COLUMNS.stream()
                .map(c -> "CAST(" + c.name() + " AS " + c.type() + ") AS " + c.name())
                .collect(Collectors.joining(",\n    "));
        return "SELECT\n    " + columns + "\nFROM read_parquet(" + glob
                + ", hive_partitioning = true, union_by_name = true,"
                + " hive_types = {'created_date': 'DATE'})";
    }

    private static String emptySql() {
        String columns = COLUMNS.stream()
                .map(c -> "CAST(NULL AS " + c.type() + ") AS " + c.name())
                .collect(Collectors.joining(",\n    "));
        return "SELECT\n    " + columns + "\nWHERE false";
    }

    private static boolean isParquetFile(Path path) {
        return path.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(path);
    }

    /** DuckDB reads the dataset through a glob, which has no escape for these characters. */
    private static void rejectGlobCharacters(Path directory) {
        String text = directory.toAbsolutePath().toString();
        if (text.chars().anyMatch(ch -> "*?[]{}".indexOf(ch) >= 0)) {
            throw new IllegalArgumentException("the output root must not contain any of"
                    + " * ? [ ] { } since DuckDB reads it as a glob, was " + text);
        }
    }

    private static Column required(String name, String type) {
        return new Column(name, type, true);
    }

    private static Column optional(String name, String type) {
        return new Column(name, type, false);
    }
}
