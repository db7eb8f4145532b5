package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.report.ExpectedReports.FailureRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureRateByAgentReportTest {

    @TempDir
    static Path root;

    private static ReportTable report;
    private static List<FailureRow> rows;

    @BeforeAll
    static void runReports() throws Exception {
        RunsDatasetWriter.write(root, SampleTeam.runs());
        ReportRunner runner = ReportRunner.forOutputRoot(root);
        runner.run(LocalDate.parse("2024-01-13"));
        report = runner.readPublished("failure_rate_by_agent");
        rows = ReportRows.failureRows(report);
    }

    @Test
    void hasDocumentedColumnsWithCountsAsBigintAndRateAsDouble() {
        assertThat(report.columns()).isEqualTo(ReportRows.FAILURE_COLUMNS);
        assertThat(report.types().subList(2, 11)).containsOnly("BIGINT");
        assertThat(report.types().get(11)).isEqualTo("DOUBLE");
    }

    @Test
    void matchesFiguresComputedFromTheRunsInOrder() {
        assertThat(rows).containsExactlyElementsOf(
                ExpectedReports.failureRateByAgent(SampleTeam.runs()));
    }

    @Test
    void leavesRateEmptyForAgentWithoutTerminalRuns() {
        FailureRow triage = row(SampleTeam.TRIAGE);

        assertThat(triage.terminalRuns()).isZero();
        assertThat(triage.failureRate()).isNull();
        assertThat(triage.inFlight()).isEqualTo(3);
        assertThat(rows.get(rows.size() - 1)).isEqualTo(triage);
    }

    @Test
    void countsNeedsAttentionInFlightAndUnknownStatusesApartFromTheRate() {
        FailureRow invoices = row(SampleTeam.INVOICES);

        assertThat(invoices.runs()).isEqualTo(10);
        assertThat(invoices.terminalRuns()).isEqualTo(5);
        assertThat(invoices.needsAttention()).isEqualTo(1);
        assertThat(invoices.inFlight()).isEqualTo(2);
        assertThat(invoices.otherStatus()).as("'paused' and a missing status").isEqualTo(2);
        assertThat(invoices.failureRate()).isEqualTo(0.2);
    }

    @Test
    void showsLatestNameOfRenamedAgent() {
        assertThat(row(SampleTeam.INVOICES).agentName()).isEqualTo("Invoice agent");
    }

    @Test
    void ordersByFailureRateThenNameWithRunsWithoutAgentInOneRow() {
        assertThat(rows).extracting(FailureRow::agentId).containsExactly(SampleTeam.REFUNDS,
                SampleTeam.QUOTES, null, SampleTeam.INVOICES, SampleTeam.TRIAGE);
        assertThat(row(null).runs()).isEqualTo(2);
    }

    private static FailureRow row(String agentId) {
        return rows.stream()
                .filter(r -> Objects.equals(r.agentId(), agentId))
                .findFirst()
                .orElseThrow();
    }
}
