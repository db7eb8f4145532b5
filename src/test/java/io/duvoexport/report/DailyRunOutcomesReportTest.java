package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.report.ExpectedReports.DailyRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyRunOutcomesReportTest {

    @TempDir
    static Path root;

    private static ReportTable report;
    private static List<DailyRow> rows;

    @BeforeAll
    static void runReports() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(LocalDate.parse("2024-01-13"));
        report = runner.readPublished("daily_run_outcomes");
        rows = ReportRows.dailyRows(report);
    }

    @Test
    void hasDocumentedColumns() {
        assertThat(report.columns()).isEqualTo(ReportRows.DAILY_COLUMNS);
        assertThat(report.types().get(0)).isEqualTo("DATE");
    }

    @Test
    void matchesFiguresComputedFromTheRunsInDateOrder() {
        assertThat(rows).containsExactlyElementsOf(
                ExpectedReports.dailyRunOutcomes(SampleTeam.runs()));
    }

    @Test
    void hasOneRowPerCreatedDay() {
        assertThat(rows).extracting(DailyRow::createdDate).containsExactly(
                LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-11"),
                LocalDate.parse("2024-01-12"));
    }
}
