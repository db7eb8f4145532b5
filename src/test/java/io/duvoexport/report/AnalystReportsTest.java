package io.duvoexport.report;

import static io.duvoexport.report.RunRowBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.export.RunRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports added for analysts against figures computed in Java, over the sample team plus
 * runs shaped for them: case queues, sources, durations, out-of-order timestamps, postponed
 * runs, a day without runs.
 */
class AnalystReportsTest {

    @TempDir
    static Path root;

    private static final List<RunRow> RUNS = runs();
    private static ReportRunner runner;

    @BeforeAll
    static void runReports() throws Exception {
        RunsDatasetWriter.write(root, RUNS);
        Files.writeString(root.resolve("manifest.json"), """
                {"exported_at": "2024-02-01T00:00:00Z", "mode": "full",
                 "api_totals": {"completed": 20, "failed": 9}, "rows_published": 27, "rejects": 2}""");
        Files.writeString(root.resolve("rejects.jsonl"), """
                {"reason":"id is missing","offset":3,"run":{"title":"x"}}
                {"reason":"created_at is missing","offset":9,"run":{"id":"y"}}
                """);
        runner = ReportRunner.forOutputRoot(root);
        runner.run(LocalDate.parse("2024-02-01"));
    }

    @Test
    void failureRateByAgentDailyFillsEveryDayAndSumsSevenDayWindows() {
        List<List<Object>> rows = published("failure_rate_by_agent_daily");

        assertThat(rows).isEqualTo(ExpectedCatalog.failureRateByAgentDaily(RUNS));
        assertThat(rows).filteredOn(r -> SampleTeam.REFUNDS.equals(r.get(0)))
                .extracting(r -> r.get(2))
                .as("no refund on the 12th and 20th, still a row; the 20th is the last day")
                .contains(LocalDate.parse("2024-01-12"), LocalDate.parse("2024-01-20"));
    }

    @Test
    void durationByAgentTakesNearestRankPercentilesOfCompletedTimedRuns() {
        List<List<Object>> rows = published("duration_by_agent");

        assertThat(rows).isEqualTo(ExpectedCatalog.durationByAgent(RUNS));
        List<Object> refunds = rows.stream()
                .filter(r -> SampleTeam.REFUNDS.equals(r.get(0))).findFirst().orElseThrow();
        assertThat(refunds.subList(2, 7)).as("d01..d10: 1..10 s, f03: 55 s")
                .containsExactly(11L, 11L, 6.0, 10.0, 55.0);
    }

    @Test
    void caseQueueHealthMeasuresAgesAgainstTheExportTime() {
        List<List<Object>> rows = published("case_queue_health");

        assertThat(rows).isEqualTo(ExpectedCatalog.caseQueueHealth(RUNS));
        List<Object> claims = rows.get(0);
        assertThat(claims.get(1)).isEqualTo("Claims \"EU\"");
        assertThat(claims.get(15)).as("oldest in flight, created 2024-01-31T00:00:00Z")
                .isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
        assertThat(claims.get(16)).isEqualTo(86_400.0);
        assertThat(claims.get(17)).as("postponed past the export").isEqualTo(1L);
    }

    @Test
    void dailyRunVolumeBySourceSharesEachDay() {
        assertThat(published("daily_run_volume_by_source"))
                .isEqualTo(ExpectedCatalog.dailyRunVolumeBySource(RUNS));
    }

    @Test
    void nullSharesCoverEveryColumnInOrder() {
        List<List<Object>> rows = published("data_quality_null_shares");

        assertThat(rows).isEqualTo(ExpectedCatalog.nullShares(RUNS));
        assertThat(rows).extracting(r -> r.get(1)).containsExactlyElementsOf(
                RunsDataset.COLUMNS.stream().map(RunsDataset.Column::name).toList());
    }

    @Test
    void dataQualitySummaryCountsOutOfOrderRunsRejectsAndTheApiGap() {
        List<List<Object>> rows = published("data_quality_summary");

        assertThat(rows).containsExactly(ExpectedCatalog.dataQualitySummary(RUNS, 2, 29L, 27L));
        assertThat(rows.get(0).subList(2, 7)).as("o01, o03, o04, o02: one check each")
                .containsExactly(1L, 1L, 1L, 1L, 4L);
    }

    @Test
    void evalReportSharesRunsNeverEvaluated() {
        ReportTable eval = runner.readPublished("eval_pass_rate_by_agent");

        assertThat(ReportRows.evalRows(eval))
                .containsExactlyElementsOf(ExpectedReports.evalPassRateByAgent(RUNS));
    }

    @Nested
    class AfterAnIncrementalExport {

        @TempDir
        Path nightly;

        @Test
        void leavesTheApiGapNullAndSaysWhyInsteadOfSettingTheTeamsTotalAgainstTheWindow()
                throws Exception {
            RunsDatasetWriter.write(nightly, RUNS);
            Files.writeString(nightly.resolve("manifest.json"), """
                    {"exported_at": "2024-02-01T00:00:00Z", "mode": "incremental",
                     "window_start": "2024-01-25", "window_end": "2024-02-01",
                     "api_totals": {"all": 5000}, "rows_published": 27, "rejects": 0}""");
            ReportRunner incremental = ReportRunner.forOutputRoot(nightly);

            incremental.run(LocalDate.parse("2024-02-01"));

            List<Object> summary =
                    ReportRows.values(incremental.readPublished("data_quality_summary")).get(0);
            assertThat(summary).isEqualTo(ExpectedCatalog.dataQualitySummary(RUNS, 0, 5000L,
                    27L, "incremental", LocalDate.parse("2024-01-25"),
                    LocalDate.parse("2024-02-01")));
            assertThat(summary.get(10)).as("api_gap").isNull();
            assertThat((String) summary.get(11)).as("api_gap_note")
                    .startsWith("incremental export of 2024-01-25..2024-02-01: not compared");
        }
    }

    @Nested
    class BeforeAnyExport {

        @TempDir
        Path empty;

        @Test
        void everyReportRunsAndTheSummaryHasOneRowWithoutManifestFigures() throws Exception {
            Files.createDirectories(empty);
            ReportRunner emptyRunner = ReportRunner.forOutputRoot(empty);

            emptyRunner.run(LocalDate.parse("2024-02-01"));

            assertThat(ReportRows.values(emptyRunner.readPublished("data_quality_summary")))
                    .containsExactly(ExpectedCatalog.dataQualitySummary(List.of(), 0, null, null));
            assertThat(ReportRows.values(emptyRunner.readPublished("data_quality_null_shares")))
                    .hasSize(RunsDataset.COLUMNS.size())
                    .allSatisfy(r -> assertThat(r.get(4)).isNull());
            assertThat(emptyRunner.readPublished("failure_rate_by_agent_daily").rowCount())
                    .isZero();
        }
    }

    private static List<List<Object>> published(String report) {
        return ReportRows.values(runner.readPublished(report));
    }

    private static List<RunRow> runs() {
        List<RunRow> runs = new ArrayList<>(SampleTeam.runs());
        // durations of 1..10 s for refunds, all created on the 20th, sources of two kinds
        for (int i = 1; i <= 10; i++) {
            runs.add(run(String.format("d%02d", i)).agent(SampleTeam.REFUNDS, "Refunds")
                    .createdAt("2024-01-20T10:00:00Z").source(i % 3 == 0 ? "schedule" : null)
                    .timestamps("2024-01-20T10:00:0" + (i % 10) + "Z",
                            String.format("2024-01-20T10:00:%02dZ", i % 10 + i),
                            "2024-01-20T11:00:00Z")
                    .build());
        }
        // a case queue with work in flight and a postponed run; ages are from 2024-02-01
        runs.add(run("c01").agent(SampleTeam.TRIAGE, "Triage").status("running")
                .createdAt("2024-01-31T00:00:00Z").caseQueue("queue-claims", "Claims (old)")
                .build());
        runs.add(run("c02").agent(SampleTeam.TRIAGE, "Triage").status("pending")
                .createdAt("2024-01-31T12:00:00Z").caseQueue("queue-claims", "Claims \"EU\"")
                .postponedTo("2024-02-03T00:00:00Z").build());
        runs.add(run("c03").agent(SampleTeam.TRIAGE, "Triage").status("completed")
                .createdAt("2024-01-30T12:00:00Z").caseQueue("queue-claims", null)
                .postponedTo("2024-01-30T13:00:00Z").build());
        // timestamps out of order, one way each
        runs.add(run("o01").createdAt("2024-01-15T10:00:00Z")
                .timestamps("2024-01-15T09:00:00Z", null, "2024-01-15T10:00:00Z").build());
        runs.add(run("o02").status("running").createdAt("2024-01-15T10:00:00Z")
                .timestamps(null, null, "2024-01-15T09:59:59Z").build());
        runs.add(run("o03").status("stopped").createdAt("2024-01-15T10:00:00Z")
                .timestamps("2024-01-15T10:00:05Z", "2024-01-15T10:00:01Z",
                        "2024-01-15T10:00:05Z").build());
        runs.add(run("o04").status("stopped").createdAt("2024-01-15T10:00:00Z")
                .timestamps(null, "2024-01-15T09:00:00Z", "2024-01-15T10:00:00Z").build());
        return runs;
    }
}
