package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.export.Storage;
import io.duvoexport.job.CommandLine;
import io.duvoexport.publish.Manifest;
import io.duvoexport.publish.ManifestWriter;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gap between the API's total and the rows published, after a full export and after the
 * incremental night that follows it: the totals always count the whole team, an incremental
 * night publishes only its window.
 */
class DataQualityGapTest {

    private static final Instant NIGHT_1 = Instant.parse("2026-12-01T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void fullExportMeasuresTheGapAndAnIncrementalNightLeavesItNullWithTheReason()
            throws Exception {
        try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder().seed(31)
                .runs(900).days(30).now(NIGHT_1).port(0).rateLimit(RateLimit.off()).build())) {
            Path out = dir.resolve("out");

            // given a full export: every listed run is published
            long teamRuns = sim.runs().size();
            export(sim, out, "--mode=full", "--date=2026-12-01");
            List<Object> full = summary(out);

            // when the next night refreshes only its window
            sim.advance(Duration.ofDays(1), 7);
            long teamRunsNow = sim.runs().size();
            export(sim, out, "--mode=incremental", "--date=2026-12-02");
            Manifest night = ManifestWriter.read(Storage.open(out.toString()));
            List<Object> incremental = summary(out);

            // then only the full export sets the total against the rows
            assertThat(full.subList(8, 12)).as("api_total, rows_published, api_gap, note")
                    .containsExactly(teamRuns, teamRuns, 0L,
                            "full export: the API's total against every row published");
            assertThat(night.mode()).isEqualTo("incremental");
            assertThat(incremental.get(8)).as("api_total: the whole team").isEqualTo(teamRunsNow);
            assertThat(night.rowsPublished()).as("the window is a small part of the team")
                    .isEqualTo(incremental.get(9)).isLessThan(teamRunsNow / 2);
            assertThat(incremental.get(10)).as("api_gap").isNull();
            assertThat(night.windowEnd()).as("a night's window is open up to now").isNull();
            assertThat((String) incremental.get(11)).as("api_gap_note").isEqualTo(
                    "incremental export of " + night.windowStart() + "..now: not compared, the"
                            + " API's total counts runs of every day and the export published"
                            + " only those created in its window");
        }
    }

    private void export(RunsSimulator sim, Path out, String... options) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, sim.apiKey());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("export", "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(), "--duvo.api-key-file=" + key,
                "--duvo.export-dir=" + out));
        args.addAll(List.of(options));
        int exit = CommandLine.run(args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static List<Object> summary(Path out) {
        return ReportRows.values(ReportRunner.forOutputRoot(out)
                .readPublished("data_quality_summary")).get(0);
    }
}
