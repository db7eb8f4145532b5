package io.duvoexport.report;

import static io.duvoexport.report.RunRowBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRunnerTest {

    private static final LocalDate RUN_DATE = LocalDate.parse("2024-01-13");

    @TempDir
    Path root;

    @Test
    void publishesLatestAndDatedCsvAndParquetOfEveryReportInNameOrder() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());

        ReportRun run = ReportRunner.forOutputRoot(root).run(RUN_DATE);

        assertThat(run.reports()).extracting(PublishedReport::name)
                .containsExactlyElementsOf(runner().reportNames())
                .contains("daily_run_outcomes", "eval_pass_rate_by_agent",
                        "failure_rate_by_agent")
                .isSorted();
        for (PublishedReport report : run.reports()) {
            Path folder = root.resolve("reports").resolve(report.name());
            assertThat(report.csv()).isEqualTo(folder.resolve(report.name() + ".csv"));
            assertThat(report.historyParquet()).isEqualTo(folder.resolve("history")
                    .resolve("2024-01-13").resolve(report.name() + ".parquet"));
            assertThat(csvRecords(report.csv())).hasSize((int) report.rowCount() + 1);
            assertThat(parquetRowCount(report.parquet())).isEqualTo(report.rowCount());
            assertThat(report.historyCsv()).hasSameBinaryContentAs(report.csv());
            assertThat(report.historyParquet()).hasSameBinaryContentAs(report.parquet());
        }
    }

    @Test
    void leavesOnlyCsvAndParquetFilesBehind() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());

        ReportRun run = ReportRunner.forOutputRoot(root).run(RUN_DATE);

        assertThat(filesUnder(root.resolve("reports")).keySet())
                .hasSize(run.reports().size() * 4)
                .allMatch(name -> name.endsWith(".csv") || name.endsWith(".parquet"))
                .noneMatch(name -> name.contains("/."));
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksSoTheyReadBackExactly() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());

        ReportRun run = ReportRunner.forOutputRoot(root).run(RUN_DATE);

        List<List<String>> records =
                csvRecords(run.report("failure_rate_by_agent").orElseThrow().csv());
        assertThat(records.get(0)).isEqualTo(ReportRows.FAILURE_COLUMNS);
        assertThat(records).filteredOn(r -> SampleTeam.QUOTES.equals(r.get(0)))
                .singleElement()
                .satisfies(r -> assertThat(r.get(1)).isEqualTo(SampleTeam.QUOTES_NAME))
                .satisfies(r -> assertThat(r.get(11)).isEqualTo("0.5"));
        assertThat(records).filteredOn(r -> SampleTeam.TRIAGE.equals(r.get(0)))
                .singleElement()
                .satisfies(r -> assertThat(r.get(11)).as("NULL is an empty field").isNull());
    }

    @Test
    void emptyDatasetYieldsEmptyReportsWithAllTheirColumns() throws Exception {
        Files.createDirectories(root.resolve("runs"));

        ReportRunner runner = ReportRunner.forOutputRoot(root);
        ReportRun run = runner.run(RUN_DATE);

        assertThat(run.reports()).hasSize(runner.reportNames().size())
                .filteredOn(r -> !r.name().startsWith("data_quality_"))
                .allMatch(r -> r.rowCount() == 0);
        Path csv = run.report("failure_rate_by_agent").orElseThrow().csv();
        assertThat(Files.readString(csv))
                .isEqualTo(String.join(",", ReportRows.FAILURE_COLUMNS) + "\r\n");
        ReportTable evalReport = runner.readPublished("eval_pass_rate_by_agent");
        assertThat(evalReport.columns()).isEqualTo(ReportRows.EVAL_COLUMNS);
        assertThat(evalReport.rowCount()).isZero();
    }

    @Test
    void sqlFolderReplacesTheShippedReports() throws Exception {
        Path sql = sqlFolder(Map.of("run_count.sql", "SELECT count(*) AS runs FROM runs"));
        RunsDatasetWriter.write(root, SampleTeam.runs());

        ReportRunner runner = ReportRunner.forOutputRoot(root).withSqlDirectory(sql);
        ReportRun run = runner.run(RUN_DATE);

        assertThat(run.reports()).extracting(PublishedReport::name).containsExactly("run_count");
        assertThat(runner.readPublished("run_count").value(0, "runs"))
                .isEqualTo((long) SampleTeam.runs().size());
    }

    @Test
    void laterRunReplacesLatestFilesAndKeepsEarlierDatedCopy() throws Exception {
        Path sql = sqlFolder(Map.of("run_count.sql", "SELECT count(*) AS runs FROM runs;\n"));
        ReportRunner runner = ReportRunner.forOutputRoot(root).withSqlDirectory(sql);
        RunsDatasetWriter.write(root, List.of(run("a").createdAt("2024-01-10T00:00:00Z").build()));
        runner.run(RUN_DATE);

        RunsDatasetWriter.write(root, List.of(run("b").createdAt("2024-01-13T00:00:00Z").build()));
        ReportRun next = runner.run(RUN_DATE.plusDays(1));

        PublishedReport report = next.report("run_count").orElseThrow();
        assertThat(Files.readString(report.csv())).isEqualTo("runs\r\n2\r\n");
        Path earlier = report.csv().resolveSibling("history/2024-01-13/run_count.csv");
        assertThat(Files.readString(earlier)).isEqualTo("runs\r\n1\r\n");
    }

    @Nested
    class HistoryRetention {

        @Test
        void deletesDatedCopiesOlderThanTheRetentionAndKeepsTheRest() throws Exception {
            Path history = root.resolve("reports/failure_rate_by_agent/history");
            Path expired = dated(history, "2024-01-07");
            Path kept = dated(history, "2024-01-08");
            Path notADate = dated(history, "notes");

            ReportRun run = ReportRunner.forOutputRoot(root).withHistoryDays(5).run(RUN_DATE);

            assertThat(run.prunedHistory()).containsExactly(expired);
            assertThat(expired).doesNotExist();
            assertThat(kept).isDirectory();
            assertThat(notADate).isDirectory();
            assertThat(history.resolve("2024-01-13/failure_rate_by_agent.csv")).isRegularFile();
        }

        @Test
        void keepsThirtyDaysByDefault() throws Exception {
            Path history = root.resolve("reports/daily_run_outcomes/history");
            Path expired = dated(history, "2023-12-13");
            Path kept = dated(history, "2023-12-14");

            ReportRun run = ReportRunner.forOutputRoot(root).run(RUN_DATE);

            assertThat(run.prunedHistory()).containsExactly(expired);
            assertThat(kept).isDirectory();
        }

        @Test
        void rejectsNegativeRetention() {
            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withHistoryDays(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("history days must be 0 or more, was -1");
        }

        private Path dated(Path history, String folder) throws IOException {
            Path dir = Files.createDirectories(history.resolve(folder));
            Files.writeString(dir.resolve("failure_rate_by_agent.csv"), "old\r\n");
            return dir;
        }
    }

    @Nested
    class FailingReports {

        @Test
        void brokenReportFailsNamingItsFileAndLeavesPublishedFilesUntouched() throws Exception {
            Path sql = sqlFolder(Map.of("a_run_count.sql", "SELECT count(*) AS runs FROM runs"));
            ReportRunner runner = ReportRunner.forOutputRoot(root).withSqlDirectory(sql);
            RunsDatasetWriter.write(root, List.of(run("a").build()));
            runner.run(RUN_DATE);
            Map<String, String> published = filesUnder(root.resolve("reports"));

            RunsDatasetWriter.write(root, List.of(run("b").createdAt("2024-01-13T00:00:00Z")
                    .build()));
            Files.writeString(sql.resolve("b_broken.sql"), "SELECT no_such_column FROM runs");

            assertThatThrownBy(() -> runner.run(RUN_DATE.plusDays(1)))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining(sql.resolve("b_broken.sql").toString())
                    .hasMessageContaining("no_such_column");
            assertThat(filesUnder(root.resolve("reports"))).isEqualTo(published);
        }

        @Test
        void syntaxErrorPointsAtTheLineOfTheFile() throws Exception {
            Path sql = sqlFolder(
                    Map.of("typo.sql", "-- header\nSELECT\n    runs,\nFROM FROM runs\n"));

            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withSqlDirectory(sql)
                            .run(RUN_DATE))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining("typo.sql")
                    .hasMessageContaining("LINE 4");
            assertThat(root.resolve("reports/typo")).isEmptyDirectory();
        }

        @Test
        void fileWithTwoStatementsIsRejectedBeforeAnyRuns() throws Exception {
            Path sql = sqlFolder(Map.of("two.sql", "SELECT 1 AS one; DROP VIEW runs"));

            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withSqlDirectory(sql)
                            .run(RUN_DATE))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining("two.sql")
                    .hasMessageContaining("one SELECT query");
        }

        @Test
        void emptyFileIsRejected() throws Exception {
            Path sql = sqlFolder(Map.of("empty.sql", "-- nothing yet\n"));

            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withSqlDirectory(sql)
                            .run(RUN_DATE))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining("empty.sql")
                    .hasMessageContaining("found 0 statements");
        }

        @Test
        void fileThatIsNotAQueryIsRejected() throws Exception {
            Path sql = sqlFolder(Map.of("ddl.sql", "CREATE TABLE x (y INTEGER)"));

            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withSqlDirectory(sql)
                            .run(RUN_DATE))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining("ddl.sql")
                    .hasMessageContaining("one SELECT query");
        }

        @Test
        void missingSqlFolderIsNamed() {
            Path missing = root.resolve("no-such-sql");

            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withSqlDirectory(missing)
                            .run(RUN_DATE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(missing.toString());
        }

        @Test
        void readingAReportNotYetPublishedFails() {
            assertThatThrownBy(() -> ReportRunner.forOutputRoot(root)
                            .readPublished("failure_rate_by_agent"))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining("failure_rate_by_agent is not published");
        }
    }

    private ReportRunner runner() {
        return ReportRunner.forOutputRoot(root);
    }

    private Path sqlFolder(Map<String, String> files) throws IOException {
        Path folder = Files.createDirectories(root.resolve("custom-sql"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        return folder;
    }

    /** Every file under {@code folder}, by relative path, with a digest of its bytes and mtime. */
    private static Map<String, String> filesUnder(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(path).toString(), Files.getLastModifiedTime(path)
                        + " " + Arrays.hashCode(Files.readAllBytes(path)));
            }
        }
        return files;
    }

    private static List<List<String>> csvRecords(Path csv) throws IOException {
        return CsvRecords.parse(Files.readString(csv, StandardCharsets.UTF_8));
    }

    private static long parquetRowCount(Path parquet) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM read_parquet('" + parquet + "')")) {
            result.next();
            return result.getLong(1);
        }
    }
}
