package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportJobEndToEndTest {

    private static final Instant NOW = Instant.parse("2026-12-03T01:30:00Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void exportsEveryRunExactlyOnceWithStatusFromThePayload() throws Exception {
        try (RunsSimulator sim = simulator(true)) {
            int exit = export(sim);

            assertThat(exit).as(err.toString()).isZero();
            assertDatasetMatches(sim.runs());
            assertThat(sim.requestCounts().total()).isEqualTo(pages(sim.runs().size()));
            assertThat(out.toString()).contains("exported 2,345 runs");
        }
    }

    @Test
    void derivesStatusByPagingOncePerStatusWhenRowsCarryNone() throws Exception {
        try (RunsSimulator sim = simulator(false)) {
            int exit = export(sim);

            assertThat(exit).as(err.toString()).isZero();
            assertDatasetMatches(sim.runs());
            // the probe, then each status listing
            assertThat(sim.requestCounts().total()).isLessThanOrEqualTo(pages(sim.runs().size()) + 10 + 1);
        }
    }

    @Test
    void rerunningACompletedNightDoesNothingUnlessForced() throws Exception {
        try (RunsSimulator sim = simulator(true)) {
            assertThat(export(sim)).isZero();
            long requests = sim.requestCounts().total();

            assertThat(export(sim)).isZero();
            assertThat(out.toString()).contains("already completed: nothing to do");
            assertThat(sim.requestCounts().total()).isEqualTo(requests);

            assertThat(export(sim, "--force")).isZero();
            assertThat(sim.requestCounts().total()).isGreaterThan(requests);
            assertDatasetMatches(sim.runs());
        }
    }

    private RunsSimulator simulator(boolean statusInPayload) {
        return RunsSimulator.start(SimulatorSettings.builder()
                .seed(11)
                .runs(2345)
                .days(20)
                .now(NOW)
                .port(0)
                .rateLimit(RateLimit.off())
                .statusInPayload(statusInPayload)
                .build());
    }

    private int export(RunsSimulator sim, String... extra) throws Exception {
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, sim.apiKey() + "\n");
        List<String> args = new ArrayList<>(List.of("export",
                "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(),
                "--duvo.export-dir=" + dir.resolve("out"),
                "--duvo.api-key-file=" + keyFile,
                "--duvo.fetch.pages-per-unit=4",
                "--duvo.fetch.pages-per-commit=2",
                "--date=2026-12-03"));
        args.addAll(List.of(extra));
        return CommandLine.run(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static long pages(int runs) {
        return (runs + 99) / 100;
    }

    private void assertDatasetMatches(List<SimulatedRun> truth) throws Exception {
        Map<String, SimulatedRun> byId = new HashMap<>();
        truth.forEach(r -> byId.put(r.id(), r));
        String glob = dir.resolve("out/runs").toString() + "/**/*.parquet";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT id, status, created_at, agent_name, title, "
                    + "eval_passed, eval_total, submitted_prompt_count, created_date "
                    + "FROM read_parquet('" + glob + "', hive_partitioning = true)");
            int rows = 0;
            while (rs.next()) {
                rows++;
                SimulatedRun run = byId.remove(rs.getString("id"));
                assertThat(run).as("row %s is a known run, seen once", rs.getString("id")).isNotNull();
                assertThat(rs.getString("status")).isEqualTo(run.status().wireName());
                assertThat(rs.getObject("created_at", OffsetDateTime.class).toInstant())
                        .isEqualTo(run.createdAt());
                assertThat(rs.getString("agent_name")).isEqualTo(run.agentName());
                assertThat(rs.getString("title")).isEqualTo(run.title());
                assertThat((Long) rs.getObject("submitted_prompt_count"))
                        .isEqualTo(run.submittedPromptCount());
                assertThat(rs.getString("created_date"))
                        .isEqualTo(run.createdAt().toString().substring(0, 10));
            }
            assertThat(rows).isEqualTo(truth.size());
        }
        assertThat(byId).isEmpty();
        try (Stream<Path> files = Files.walk(dir.resolve("out/runs"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.equals("part-0.parquet"));
        }
        assertThat(dir.resolve("out/_SUCCESS")).exists();
        assertThat(dir.resolve("out/manifest.json")).exists();
    }
}
