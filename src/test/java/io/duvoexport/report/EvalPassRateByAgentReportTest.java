package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.report.ExpectedReports.EvalRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalPassRateByAgentReportTest {

    @TempDir
    static Path root;

    private static ReportTable report;
    private static List<EvalRow> rows;

    @BeforeAll
    static void runReports() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(LocalDate.parse("2024-01-13"));
        report = runner.readPublished("eval_pass_rate_by_agent");
        rows = ReportRows.evalRows(report);
    }

    @Test
    void hasDocumentedColumns() {
        assertThat(report.columns()).isEqualTo(ReportRows.EVAL_COLUMNS);
    }

    @Test
    void matchesFiguresComputedFromTheRunsInOrder() {
        assertThat(rows).containsExactlyElementsOf(
                ExpectedReports.evalPassRateByAgent(SampleTeam.runs()));
    }

    @Test
    void scoresOnlyReadyEvaluationsWithRubrics() {
        EvalRow invoices = row(SampleTeam.INVOICES);

        assertThat(invoices.evaluatedRuns()).as("r01, r02, r03").isEqualTo(3);
        assertThat(invoices.neverEvaluated()).as("r07, r08, r10").isEqualTo(3);
        assertThat(invoices.unscoredRuns()).as("unavailable, in progress, no rubrics, unknown")
                .isEqualTo(4);
        assertThat(invoices.rubricsTotal()).isEqualTo(24);
        assertThat(invoices.rubricsPassed()).isEqualTo(21);
        assertThat(invoices.rubricsFailed()).isEqualTo(3);
        assertThat(invoices.passRate()).isEqualTo(21.0 / 24);
        assertThat(invoices.runsWithFailures()).isEqualTo(2);
    }

    @Test
    void leavesSeverityOutForEvaluationsWithoutSeverityData() {
        EvalRow invoices = row(SampleTeam.INVOICES);

        assertThat(invoices.runsWithSeverity()).as("r03 has no severity data").isEqualTo(2);
        assertThat(invoices.runsWithCritical()).isEqualTo(1);
        assertThat(invoices.criticalShare()).isEqualTo(0.5);
        assertThat(invoices.lowShare()).isEqualTo(0.0);
    }

    @Test
    void leavesPassRateEmptyForAgentNeverEvaluated() {
        EvalRow triage = row(SampleTeam.TRIAGE);

        assertThat(triage.neverEvaluated()).isEqualTo(triage.runs()).isEqualTo(4);
        assertThat(triage.rubricsTotal()).isZero();
        assertThat(triage.passRate()).isNull();
        assertThat(triage.failingRunShare()).isNull();
        assertThat(triage.criticalShare()).isNull();
        assertThat(rows.get(rows.size() - 1)).isEqualTo(triage);
    }

    @Test
    void countsReadyEvaluationWithoutPassedCountAsPassingNone() {
        EvalRow quotes = row(SampleTeam.QUOTES);

        assertThat(quotes.rubricsTotal()).isEqualTo(3);
        assertThat(quotes.rubricsPassed()).isZero();
        assertThat(quotes.passRate()).isZero();
        assertThat(quotes.runsWithMedium()).isEqualTo(1);
    }

    private static EvalRow row(String agentId) {
        return rows.stream()
                .filter(r -> Objects.equals(r.agentId(), agentId))
                .findFirst()
                .orElseThrow();
    }
}
