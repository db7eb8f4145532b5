package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.Fault;
import io.duvoexport.simulate.FaultPlan;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import io.duvoexport.simulate.Trigger;
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
    private static final int PAGES_PER_COMMIT = 2;
    /** Every page, one unit after the other, no retries: a fault ends it at a known page. */
    private static final String[] FULL_ONE_UNIT_AT_A_TIME = {
        "--mode=full", "--duvo.fetch.concurrency=1", "--duvo.http.max-attempts=1"};

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
            assertReportsMatch(sim.runs());
            assertManifestDescribes(sim.runs(), "payload");
        }
    }

    @Test
    void pagesOncePerStatusWhenToldToEvenThoughRowsCarryIt() throws Exception {
        try (RunsSimulator sim = simulator(true)) {
            // one merge at a time: the same dataset as the default's
            int exit = export(sim, "--duvo.status-strategy=per-status",
                    "--duvo.publish.merge-concurrency=1");

            assertThat(exit).as(err.toString()).isZero();
            assertDatasetMatches(sim.runs());
            // pages of 100 overlapping by one run; an empty listing costs its one request
            long perStatusPages = 0;
            for (io.duvoexport.api.RunStatus status : io.duvoexport.api.RunStatus.values()) {
                long n = sim.runs().stream()
                        .filter(r -> r.status().wireName().equals(status.wireName())).count();
                perStatusPages += n <= 100 ? 1 : (n - 100 + 98) / 99 + 1;
            }
            long statuses = io.duvoexport.api.RunStatus.values().length;
            assertThat(sim.requestCounts().total()).isBetween(perStatusPages, perStatusPages + statuses);
            assertManifestDescribes(sim.runs(), "per-status");
        }
    }

    @Test
    void refusesPayloadStatusWhenRowsCarryNoneWithExitTwo() throws Exception {
        try (RunsSimulator sim = simulator(false)) {
            int exit = export(sim, "--duvo.status-strategy=payload");

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("duvo.status-strategy")
                    .contains("rows carry no status");
            assertThat(dir.resolve("out/runs")).doesNotExist();
        }
    }

    private void assertManifestDescribes(List<SimulatedRun> truth, String statusSource)
            throws Exception {
        tools.jackson.databind.JsonNode manifest = tools.jackson.databind.json.JsonMapper
                .builder().build().readTree(dir.resolve("out/manifest.json").toFile());
        assertThat(manifest.get("schema_version").asInt()).isPositive();
        assertThat(manifest.get("job_execution_id").asLong()).isPositive();
        assertThat(manifest.get("mode").asString()).isEqualTo("full");
        assertThat(manifest.get("status_source").asString()).isEqualTo(statusSource);
        assertThat(manifest.get("rows_published").asLong()).isEqualTo(truth.size());
        long apiTotal = 0;
        for (tools.jackson.databind.JsonNode total : manifest.get("api_totals")) {
            apiTotal += total.asLong();
        }
        assertThat(apiTotal).isEqualTo(truth.size());
        Map<String, Long> perDate = new java.util.TreeMap<>();
        truth.forEach(r -> perDate.merge(r.createdAt().toString().substring(0, 10), 1L, Long::sum));
        Map<String, Long> partitions = new java.util.TreeMap<>();
        manifest.get("partitions").properties()
                .forEach(e -> partitions.put(e.getKey(), e.getValue().asLong()));
        assertThat(partitions).isEqualTo(perDate);
        Instant started = Instant.parse(manifest.get("started_at").asString());
        Instant finished = Instant.parse(manifest.get("finished_at").asString());
        assertThat(started).isBeforeOrEqualTo(finished);
        assertThat(manifest.get("reconciliation").get("unexplained_gap").asLong()).isZero();
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

    @Test
    void forcedExportThatFailedMidwayResumesWhenRerun() throws Exception {
        try (RunsSimulator sim = simulator(true)) {
            // given a night that completed, forced again while the API goes down after 10 pages
            assertThat(export(sim, FULL_ONE_UNIT_AT_A_TIME)).as(err.toString()).isZero();
            sim.resetRequestLog();
            sim.faults(FaultPlan.of(Fault.SERVICE_UNAVAILABLE, Trigger.after(10)));
            assertThat(export(sim, withForce(FULL_ONE_UNIT_AT_A_TIME))).isEqualTo(4);
            assertThat(sim.requestCounts().count(200)).isEqualTo(10);

            // when the same forced command runs again with the API back
            sim.faults(FaultPlan.none());
            sim.resetRequestLog();
            int exit = export(sim, withForce(FULL_ONE_UNIT_AT_A_TIME));

            // then it resumes: only the pages not yet committed are fetched, at most one chunk
            // and the page read ahead of it again
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).doesNotContain("already completed");
            assertThat(sim.requestCounts().total())
                    .isLessThanOrEqualTo(pages(sim.runs().size()) - 10 + PAGES_PER_COMMIT + 2);
            assertDatasetMatches(sim.runs());

            // and once it completed, --force exports the whole night again
            sim.resetRequestLog();
            assertThat(export(sim, withForce(FULL_ONE_UNIT_AT_A_TIME))).isZero();
            assertThat(sim.requestCounts().total()).isEqualTo(pages(sim.runs().size()));
        }
    }

    @Test
    void aPartitionWhoseContextWasNeverSavedIsDescribedAgainFromThePlan() throws Exception {
        try (RunsSimulator sim = simulator(true)) {
            // given an export that failed part way, one of whose partitions lost its context, as
            // a process killed while the partitions were being recorded leaves it
            sim.faults(FaultPlan.of(Fault.SERVICE_UNAVAILABLE, Trigger.after(10)));
            assertThat(export(sim, FULL_ONE_UNIT_AT_A_TIME)).isEqualTo(4);
            sim.faults(FaultPlan.none());
            int emptied = emptyTheContextOfAnUnfinishedUnit();
            assertThat(emptied).isOne();

            // when the same command runs again
            int exit = export(sim, FULL_ONE_UNIT_AT_A_TIME);

            // then the unit is known again from the plan and the export completes
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString() + err).doesNotContain("ClassCastException");
            assertDatasetMatches(sim.runs());
        }
    }

    /** Deletes the saved context of one fetch unit that did not complete; returns rows deleted. */
    private int emptyTheContextOfAnUnfinishedUnit() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("out/_jobs/repository") + ";USER=sa";
        try (Connection db = DriverManager.getConnection(url);
                Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT MIN(STEP_EXECUTION_ID) FROM "
                    + "BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'fetchUnit:%' "
                    + "AND STATUS <> 'COMPLETED'");
            rs.next();
            long id = rs.getLong(1);
            return st.executeUpdate("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT "
                    + "WHERE STEP_EXECUTION_ID = " + id);
        }
    }

    @Test
    void outputsSharingOneRepositoryAreExportedAndRecoveredApart() throws Exception {
        Path repository = dir.resolve("shared/repository");
        String datasource = "--spring.datasource.url=jdbc:h2:file:" + repository
                + ";DB_CLOSE_ON_EXIT=FALSE";
        Path outA = dir.resolve("out");
        Path outB = dir.resolve("out-b");
        try (RunsSimulator sim = simulator(true)) {
            // given output A exported for the night, in a repository that output B shares
            assertThat(export(sim, outA, datasource)).as(err.toString()).isZero();

            // when output B is exported for the same night, then it is not taken as done
            sim.resetRequestLog();
            assertThat(export(sim, outB, datasource)).as(err.toString()).isZero();
            assertThat(out.toString()).doesNotContain("already completed");
            assertThat(sim.requestCounts().total()).isEqualTo(pages(sim.runs().size()));
            assertThat(outB.resolve("_SUCCESS")).exists();

            // given an export of A that a live process is running (STARTED in the repository)
            sim.faults(FaultPlan.of(Fault.SERVICE_UNAVAILABLE, Trigger.after(5)));
            assertThat(export(sim, outA, datasource, "--force", "--duvo.http.max-attempts=1"))
                    .isEqualTo(4);
            sim.faults(FaultPlan.none());
            long running = markLastExecutionStarted(repository);

            // when B exports again, then A's execution is left alone
            assertThat(export(sim, outB, datasource, "--force")).as(err.toString()).isZero();
            assertThat(executionStatus(repository, running)).isEqualTo("STARTED");

            // and A, once its process is gone, recovers it and resumes
            assertThat(export(sim, outA, datasource, "--force")).as(err.toString()).isZero();
            assertThat(executionStatus(repository, running)).isEqualTo("FAILED");
            assertDatasetMatches(sim.runs());
        }
    }

    private static String[] withForce(String[] options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add("--force");
        return all.toArray(String[]::new);
    }

    /** What a process killed with SIGKILL leaves: its execution STARTED, with no end. */
    private static long markLastExecutionStarted(Path repository) throws Exception {
        try (Connection db = repository(repository); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
            rs.next();
            long id = rs.getLong(1);
            st.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL, "
                    + "EXIT_CODE = 'UNKNOWN' WHERE JOB_EXECUTION_ID = " + id);
            return id;
        }
    }

    private static String executionStatus(Path repository, long id) throws Exception {
        try (Connection db = repository(repository); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery(
                    "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + id);
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection repository(Path repository) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + repository, "sa", "");
    }

    /** Report figures against the simulator's own data, computed here without SQL. */
    private void assertReportsMatch(List<SimulatedRun> truth) throws Exception {
        Map<String, long[]> outcomes = new HashMap<>(); // failed, terminal, needs_attention, runs
        Map<String, long[]> rubrics = new HashMap<>(); // passed, total
        Map<String, SimulatedRun> newest = new HashMap<>();
        for (SimulatedRun run : truth) {
            long[] o = outcomes.computeIfAbsent(run.agentId(), a -> new long[4]);
            String status = run.status().wireName();
            o[0] += status.equals("failed") ? 1 : 0;
            o[1] += List.of("completed", "failed", "interrupted", "stopped").contains(status) ? 1 : 0;
            o[2] += status.equals("needs_attention") ? 1 : 0;
            o[3]++;
            var eval = run.evaluation();
            if (eval != null && eval.status().name().equals("READY") && eval.total() != null
                    && eval.total() > 0) {
                long[] r = rubrics.computeIfAbsent(run.agentId(), a -> new long[2]);
                r[0] += eval.passed() == null ? 0 : eval.passed();
                r[1] += eval.total();
            }
            newest.merge(run.agentId(), run, (a, b) ->
                    b.createdAt().isAfter(a.createdAt()) && b.agentName() != null ? b : a);
        }
        Path reports = dir.resolve("out/reports");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT agent_id, agent_name, runs, failed, "
                    + "terminal_runs, needs_attention, failure_rate FROM read_parquet('"
                    + reports.resolve("failure_rate_by_agent/failure_rate_by_agent.parquet") + "')");
            int agents = 0;
            while (rs.next()) {
                agents++;
                long[] o = outcomes.get(rs.getString("agent_id"));
                assertThat(rs.getString("agent_name"))
                        .isEqualTo(newest.get(rs.getString("agent_id")).agentName());
                assertThat(new long[] {rs.getLong("failed"), rs.getLong("terminal_runs"),
                        rs.getLong("needs_attention"), rs.getLong("runs")}).containsExactly(o);
                assertThat(rs.getDouble("failure_rate")).isCloseTo((double) o[0] / o[1],
                        org.assertj.core.data.Offset.offset(1e-12));
            }
            assertThat(agents).isEqualTo(outcomes.size());

            rs = st.executeQuery("SELECT agent_id, rubrics_passed, rubrics_total, pass_rate "
                    + "FROM read_parquet('" + reports.resolve(
                            "eval_pass_rate_by_agent/eval_pass_rate_by_agent.parquet") + "')");
            while (rs.next()) {
                long[] r = rubrics.getOrDefault(rs.getString("agent_id"), new long[2]);
                assertThat(rs.getLong("rubrics_passed")).isEqualTo(r[0]);
                assertThat(rs.getLong("rubrics_total")).isEqualTo(r[1]);
                if (r[1] > 0) {
                    assertThat(rs.getDouble("pass_rate")).isCloseTo((double) r[0] / r[1],
                            org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        assertThat(reports.resolve("failure_rate_by_agent/failure_rate_by_agent.csv")).exists();
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
        return export(sim, dir.resolve("out"), extra);
    }

    private int export(RunsSimulator sim, Path output, String... extra) throws Exception {
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, sim.apiKey() + "\n");
        List<String> args = new ArrayList<>(List.of("export",
                "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(),
                "--duvo.export-dir=" + output,
                "--duvo.api-key-file=" + keyFile,
                "--duvo.fetch.pages-per-unit=4",
                "--duvo.fetch.pages-per-commit=" + PAGES_PER_COMMIT,
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
