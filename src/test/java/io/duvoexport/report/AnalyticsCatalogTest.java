package io.duvoexport.report;

import static io.duvoexport.report.RunRowBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsCatalogTest {

    private static final LocalDate RUN_DATE = LocalDate.parse("2024-01-13");

    @TempDir
    Path root;

    @Test
    void holdsAViewOfTheDatasetTheExportFilesAndEveryReport() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(RUN_DATE);

        Path catalog = AnalyticsCatalog.rebuild(runner);

        assertThat(catalog).isEqualTo(root.resolve("analytics.duckdb"));
        try (Connection db = attached(catalog)) {
            List<String> expected = new ArrayList<>(List.of("manifest", "rejects", "runs"));
            expected.addAll(runner.reportNames());
            assertThat(strings(db, "SELECT view_name FROM duckdb_views()"
                    + " WHERE database_name = 'cat' ORDER BY view_name"))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(number(db, "SELECT count(*) FROM cat.runs"))
                    .isEqualTo(SampleTeam.runs().size());
            assertThat(number(db, "SELECT sum(runs) FROM cat.failure_rate_by_agent"))
                    .isEqualTo(SampleTeam.runs().size());
        }
    }

    @Test
    void describesEachReportViewAndColumnFromItsHeader() throws Exception {
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(RUN_DATE);

        try (Connection db = attached(AnalyticsCatalog.rebuild(runner))) {
            assertThat(strings(db, "SELECT comment FROM duckdb_views()"
                    + " WHERE database_name = 'cat' AND view_name = 'failure_rate_by_agent'"))
                    .singleElement().asString().startsWith("of the runs each agent brought");
            assertThat(strings(db, "SELECT comment FROM duckdb_columns()"
                    + " WHERE database_name = 'cat' AND table_name = 'duration_by_agent'"
                    + " AND column_name = 'run_seconds_p50'"))
                    .singleElement().asString().startsWith("median of completed_at");
        }
    }

    @Test
    void viewsReadAbsolutePathsSoAnyWorkingDirectoryWorks() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(RUN_DATE);

        try (Connection db = attached(AnalyticsCatalog.rebuild(runner))) {
            assertThat(strings(db, "SELECT sql FROM duckdb_views() WHERE database_name = 'cat'"
                    + " AND NOT internal"))
                    .filteredOn(sql -> sql.contains("read_"))
                    .allMatch(sql -> sql.contains("'" + root.toAbsolutePath()));
        }
    }

    @Test
    void rebuildNeverDisturbsAReaderOfTheOldCatalogAndNewReadersSeeTheNewOne()
            throws Exception {
        Path sql = Files.createDirectories(root.resolve("sql"));
        Files.writeString(sql.resolve("first.sql"), "SELECT count(*) AS runs FROM runs");
        RunsDatasetWriter.write(root, List.of(run("a").build()));
        ReportRunner runner = ReportRunner.forOutputRoot(root).withSqlDirectory(sql);
        runner.run(RUN_DATE);
        Path catalog = AnalyticsCatalog.rebuild(runner);

        try (Connection dashboard = readOnly(catalog)) {
            assertThat(number(dashboard, "SELECT runs FROM first")).isEqualTo(1);

            Files.writeString(sql.resolve("second.sql"), "SELECT 2 AS two");
            runner.run(RUN_DATE);
            AnalyticsCatalog.rebuild(runner);

            assertThat(number(dashboard, "SELECT runs FROM first"))
                    .as("the open connection still answers").isEqualTo(1);
            assertThat(strings(dashboard, "SELECT view_name FROM duckdb_views()"
                    + " WHERE NOT internal")).doesNotContain("second");
            try (Connection fresh = attached(catalog)) {
                assertThat(number(fresh, "SELECT two FROM cat.second")).isEqualTo(2);
            }
        }
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".analytics.duckdb"));
        }
    }

    @Test
    void buildsBeforeAnyExportWithEmptyViews() throws Exception {
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(RUN_DATE);

        try (Connection db = attached(AnalyticsCatalog.rebuild(runner))) {
            assertThat(number(db, "SELECT count(*) FROM cat.runs")).isZero();
            assertThat(number(db, "SELECT count(*) FROM cat.manifest")).isZero();
            assertThat(number(db, "SELECT count(*) FROM cat.rejects")).isZero();
            assertThat(number(db, "SELECT count(*) FROM cat.data_quality_summary")).isOne();
        }
    }

    @Test
    void refusesAFilteredRunner() {
        ReportRunner filtered = ReportRunner.forOutputRoot(root)
                .withFilter(new ReportFilter(null, null, "agent-1"));

        assertThatThrownBy(() -> AnalyticsCatalog.rebuild(filtered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nightly");
    }

    /** A dashboard's connection: the catalog file opened read-only. */
    private static Connection readOnly(Path catalog) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + catalog, properties);
    }

    /**
     * The catalog attached read-only to a fresh in-memory database as {@code cat}. Unlike a
     * second {@code jdbc:duckdb:<file>} connection, which the driver would serve from the
     * database it already opened in this process, ATTACH reads the file as it is now on disk,
     * as another program would.
     */
    private static Connection attached(Path catalog) throws SQLException {
        Connection connection = InMemoryDuckDb.open();
        InMemoryDuckDb.execute(connection,
                "ATTACH " + InMemoryDuckDb.literal(catalog) + " AS cat (READ_ONLY)");
        return connection;
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static long number(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
