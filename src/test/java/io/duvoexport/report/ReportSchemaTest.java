package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the columns of every shipped report: names and types must match
 * {@code src/test/resources/report-schemas.txt}, so that a report's columns never change without
 * that file changing with them.
 */
class ReportSchemaTest {

    private static final LocalDate RUN_DATE = LocalDate.parse("2024-01-13");

    @TempDir
    Path root;

    @Test
    void publishedParquetFilesHaveExactlyThePinnedColumnsAndTypes() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());
        ReportRun run = ReportRunner.forOutputRoot(root).run(RUN_DATE);

        List<String> published = new ArrayList<>();
        for (PublishedReport report : run.reports()) {
            published.addAll(describe(report.name(), report.parquet()));
        }

        assertThat(published).containsExactlyElementsOf(pinned());
    }

    @Test
    void emptyDatasetGivesTheSameColumnsAndTypes() throws Exception {
        ReportRun run = ReportRunner.forOutputRoot(root).run(RUN_DATE);

        List<String> published = new ArrayList<>();
        for (PublishedReport report : run.reports()) {
            published.addAll(describe(report.name(), report.parquet()));
        }

        assertThat(published).containsExactlyElementsOf(pinned());
    }

    @Test
    void everyShippedReportDeclaresThePinnedColumnsInItsHeader() throws Exception {
        List<String> declared = new ArrayList<>();
        for (ReportScript script : ReportScripts.fromClasspath(getClass().getClassLoader())) {
            for (ReportHeader.Column column : ReportHeader.of(script.sql()).columns()) {
                declared.add(script.name() + "." + column.name() + " "
                        + ReportHeader.canonicalType(column.type()));
            }
        }

        assertThat(declared).containsExactlyElementsOf(pinned());
    }

    @Test
    void reportReturningOtherColumnsThanItsHeaderDeclaresIsRefusedAndNothingPublished()
            throws Exception {
        Path sql = Files.createDirectories(root.resolve("sql"));
        Files.writeString(sql.resolve("run_count.sql"), """
                -- Columns:
                --   runs      BIGINT   all runs
                --   agents    BIGINT   agents
                SELECT CAST(count(*) AS INTEGER) AS runs FROM runs
                """);

        assertThatThrownBy(() -> ReportRunner.forOutputRoot(root).withSqlDirectory(sql)
                        .run(RUN_DATE))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining(sql.resolve("run_count.sql").toString())
                .hasMessageContaining("[runs BIGINT, agents BIGINT]")
                .hasMessageContaining("[runs INTEGER]");
        assertThat(root.resolve("reports/run_count")).isEmptyDirectory();
    }

    @Test
    void reportWithoutDeclaredColumnsIsNotChecked() throws Exception {
        Path sql = Files.createDirectories(root.resolve("sql"));
        Files.writeString(sql.resolve("run_count.sql"), "SELECT count(*) AS runs FROM runs");

        ReportRun run = ReportRunner.forOutputRoot(root).withSqlDirectory(sql).run(RUN_DATE);

        assertThat(run.reports()).hasSize(1);
    }

    /** {@code report.column TYPE} for every column of the Parquet file. */
    private static List<String> describe(String report, Path parquet) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = InMemoryDuckDb.open();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet("
                        + InMemoryDuckDb.literal(parquet) + ")")) {
            while (result.next()) {
                columns.add(report + "." + result.getString("column_name") + " "
                        + result.getString("column_type"));
            }
        }
        return columns;
    }

    private static List<String> pinned() throws IOException {
        try (InputStream in = ReportSchemaTest.class.getResourceAsStream("/report-schemas.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }
    }
}
