package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duvoexport.export.RunRow;
import io.duvoexport.export.Storage;
import io.duvoexport.job.CommandLine;
import io.duvoexport.publish.ManifestWriter;
import io.duvoexport.simulate.EvaluationStatus;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunStatus;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SeverityCounts;
import io.duvoexport.simulate.SimulatedEvaluation;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the simulator's team plus runs shaped for the analysts' reports (an agent whose name is
 * markup, quotes and right-to-left text; timestamps out of order; a run that breaks the
 * contract), when the whole job exports it through the command line, then every report, the
 * catalog, the HTML report and the report command agree with figures computed in Java from the
 * simulator's own runs.
 */
class AnalyticsEndToEndTest {

    private static final Instant NOW = Instant.parse("2026-12-03T01:30:00Z");
    /** The screenshot's viewport: as wide as a laptop, tall enough for the whole report. */
    private static final int SCREEN_WIDTH = 1000;
    private static final int SCREEN_HEIGHT = 5000;
    static final String HOSTILE_AGENT = id("agent hostile");
    static final String HOSTILE_NAME = "<script>document.title='owned'</script>"
            + " \"Quoted\" & 'x' \u0645\u0631\u062d\u0628\u0627";

    @TempDir
    static Path dir;

    private static RunsSimulator sim;
    private static Path out;
    private static List<RunRow> truth;
    private static String rejectedId;

    @BeforeAll
    static void exportFromTheSimulator() throws Exception {
        sim = RunsSimulator.start(SimulatorSettings.builder().seed(23).runs(1800).days(21)
                .now(NOW).port(0).rateLimit(RateLimit.off()).build());
        addShapedRuns();
        out = dir.resolve("out");

        Command export = command("export", "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(), "--duvo.api-key-file=" + keyFile(),
                "--date=2026-12-03");

        assertThat(export.exit()).as(export.err()).isZero();
        Instant exportedAt = ManifestWriter.read(Storage.open(out.toString())).exportedAt();
        truth = SimulatedRows.of(sim.runs().stream()
                .filter(r -> !r.id().equals(rejectedId)).toList(), sim.teamId(), exportedAt);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Nested
    class ReportFigures {

        @Test
        void failureRateByAgentAndDailyOutcomes() {
            assertThat(ReportRows.failureRows(nightly("failure_rate_by_agent")))
                    .containsExactlyElementsOf(ExpectedReports.failureRateByAgent(truth));
            assertThat(ReportRows.dailyRows(nightly("daily_run_outcomes")))
                    .containsExactlyElementsOf(ExpectedReports.dailyRunOutcomes(truth));
        }

        @Test
        void failureRateByAgentDailyWithSevenDayRollingRate() {
            assertThat(values("failure_rate_by_agent_daily"))
                    .isEqualTo(ExpectedCatalog.failureRateByAgentDaily(truth));
        }

        @Test
        void evaluationQualityByAgent() {
            assertThat(ReportRows.evalRows(nightly("eval_pass_rate_by_agent")))
                    .containsExactlyElementsOf(ExpectedReports.evalPassRateByAgent(truth));
        }

        @Test
        void durationPercentilesByAgent() {
            List<List<Object>> rows = values("duration_by_agent");

            assertThat(rows).isEqualTo(ExpectedCatalog.durationByAgent(truth));
            assertThat(rows).filteredOn(r -> HOSTILE_AGENT.equals(r.get(0))).singleElement()
                    .satisfies(r -> assertThat(r.subList(2, 7))
                            .as("9 completed: 10, 20, 30, 50, 60, 70, 90, 100, 100 s")
                            .containsExactly(9L, 9L, 60.0, 100.0, 100.0));
        }

        @Test
        void caseQueueHealth() {
            assertThat(values("case_queue_health"))
                    .isEqualTo(ExpectedCatalog.caseQueueHealth(truth))
                    .anySatisfy(r -> assertThat((Long) r.get(14)).isPositive());
        }

        @Test
        void runVolumeBySourceAndDay() {
            assertThat(values("daily_run_volume_by_source"))
                    .isEqualTo(ExpectedCatalog.dailyRunVolumeBySource(truth));
        }

        @Test
        void dataQuality() {
            assertThat(values("data_quality_null_shares"))
                    .isEqualTo(ExpectedCatalog.nullShares(truth));
            List<Object> expected = ExpectedCatalog.dataQualitySummary(
                    truth, 1, (long) sim.runs().size(), (long) truth.size());
            assertThat(values("data_quality_summary")).containsExactly(expected);
            assertThat(expected.subList(6, 11)).as("out of order, rejected, total, rows, gap")
                    .containsExactly(3L, 1L, (long) truth.size() + 1, (long) truth.size(), 1L);
        }
    }

    @Nested
    class StableOutputs {

        @Test
        void everyReportIsPublishedAsCsvAndParquetUnderItsNameWithTheNightsCopy() {
            for (String report : ReportRunner.forOutputRoot(out).reportNames()) {
                Path folder = out.resolve("reports").resolve(report);
                for (String extension : List.of(".csv", ".parquet")) {
                    assertThat(folder.resolve(report + extension)).isRegularFile()
                            .hasSameBinaryContentAs(folder.resolve("history/2026-12-03")
                                    .resolve(report + extension));
                }
            }
            assertThat(out.resolve("reports/index.html")).isRegularFile();
            assertThat(out.resolve("analytics.duckdb")).isRegularFile();
        }
    }

    @Nested
    class Catalog {

        @Test
        void answersForTheDatasetAndEveryReportWhenOpenedReadOnly() throws Exception {
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection db = DriverManager.getConnection(
                            "jdbc:duckdb:" + out.resolve("analytics.duckdb"), readOnly);
                    Statement statement = db.createStatement()) {
                assertThat(count(statement, "SELECT count(*) FROM runs")).isEqualTo(truth.size());
                assertThat(count(statement, "SELECT count(*) FROM rejects")).isOne();
                assertThat(count(statement, "SELECT rows_published FROM manifest"))
                        .isEqualTo(truth.size());
                for (String report : ReportRunner.forOutputRoot(out).reportNames()) {
                    assertThat(count(statement, "SELECT count(*) FROM " + report))
                            .as(report).isEqualTo(nightly(report).rowCount());
                }
            }
        }

        @Test
        void answersEachOfTheReadmesFiveQuestionsWithRows() throws Exception {
            List<ReadmeQuestions.Question> questions = ReadmeQuestions.read();
            assertThat(questions).hasSize(5)
                    .allSatisfy(q -> assertThat(q.question()).endsWith("?"));
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection db = DriverManager.getConnection(
                            "jdbc:duckdb:" + out.resolve("analytics.duckdb"), readOnly);
                    Statement statement = db.createStatement()) {
                for (ReadmeQuestions.Question question : questions) {
                    assertThat(question.statements()).as(question.question()).isNotEmpty();
                    for (String sql : question.statements()) {
                        assertThat(rows(statement, sql)).as("%s%n%s", question.question(), sql)
                                .isPositive();
                    }
                }
            }
        }

        private long rows(Statement statement, String sql) throws Exception {
            long rows = 0;
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        }

        private long count(Statement statement, String sql) throws Exception {
            try (ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Nested
    class HtmlReport {

        @BeforeEach
        void needsChromium() {
            assumeTrue(HeadlessChromium.available(), HeadlessChromium.MISSING);
        }

        @Test
        void paintsEveryChartInItsColoursWhileAPageWithoutChartsFailsTheSameCheck()
                throws Exception {
            Path page = out.resolve("reports/index.html");
            String html = Files.readString(page);
            Path zeroSized = variant("zero-sized.html", html.replace("</style>",
                    "svg.chart { width: 0 !important; height: 0 !important; }\n</style>"));
            Path removed = variant("removed.html",
                    html.replaceAll("(?s)<svg class=\"chart .*?</svg>\n", ""));
            assertThat(Files.readString(removed)).doesNotContain("<svg").contains("</section>");

            Map<String, Map<String, Long>> painted = ChartPixels.count(screenshot(page));
            Map<String, Map<String, Long>> flat = ChartPixels.count(screenshot(zeroSized));
            Map<String, Map<String, Long>> bare = ChartPixels.count(screenshot(removed));

            assertThat(ChartPixels.unpainted(painted)).as("pixels %s", painted).isEmpty();
            int colours = ChartPixels.CHART_COLOURS.values().stream().mapToInt(List::size).sum();
            assertThat(ChartPixels.unpainted(flat)).as("zero-sized charts: %s", flat)
                    .hasSize(colours);
            assertThat(ChartPixels.unpainted(bare)).as("charts removed: %s", bare)
                    .hasSize(colours);
        }

        @Test
        void rendersEveryChartWithOneMarkPerAgentOrDay() throws Exception {
            String dom = HeadlessChromium.dumpDom(out.resolve("reports/index.html"), dir);

            assertThat(marks(dom, "rect", "bar failure")).isEqualTo(
                    ExpectedReports.failureRateByAgent(truth).stream()
                            .filter(r -> r.failureRate() != null).count());
            assertThat(marks(dom, "circle", "point daily")).isEqualTo(
                    ExpectedReports.dailyRunOutcomes(truth).stream()
                            .filter(r -> r.failureRate() != null).count());
            assertThat(marks(dom, "circle", "point rolling")).isEqualTo(daysWithEndedRunsIn7());
            assertThat(marks(dom, "rect", "bar severity (critical|medium|low)")).isEqualTo(3
                    * ExpectedReports.evalPassRateByAgent(truth).stream()
                            .filter(r -> r.runsWithSeverity() > 0).count());
            assertThat(marks(dom, "circle", "point p(50|90|99)")).isEqualTo(3
                    * ExpectedCatalog.durationByAgent(truth).stream()
                            .filter(r -> (Long) r.get(3) > 0).count());
            assertThat(dom).contains("id=\"tile-runs\"><span class=\"value\">"
                    + String.format("%,d", truth.size()));
        }

        @Test
        void showsDataAsTextNeverAsMarkup() throws Exception {
            String dom = HeadlessChromium.dumpDom(out.resolve("reports/index.html"), dir);

            assertThat(dom).doesNotContainIgnoringCase("<script")
                    .contains("<title>Duvo agent runs</title>")
                    .contains("&lt;script&gt;document.title='owned'&lt;/script&gt; \"Quoted\""
                            + " &amp; 'x' \u0645\u0631\u062d\u0628\u0627")
                    .contains("data-agent-id=\"" + HOSTILE_AGENT + "\"");
            assertThat(Files.readString(out.resolve("reports/index.html")))
                    .as("self-contained").doesNotContain("http:", "https:", "src=", "@import")
                    .contains("Data exported " + DateTimeFormatter.ofPattern(
                            "uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(
                                    truth.get(0).exportedAt()));
        }

        private static BufferedImage screenshot(Path page) throws Exception {
            return HeadlessChromium.screenshot(page, dir, SCREEN_WIDTH, SCREEN_HEIGHT);
        }

        private static Path variant(String name, String html) throws Exception {
            return Files.writeString(dir.resolve(name), html);
        }

        private long daysWithEndedRunsIn7() {
            List<LocalDate> days = truth.stream().map(ExpectedCatalog::day).distinct().toList();
            LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
            LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
            long count = 0;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                LocalDate end = day;
                count += truth.stream().anyMatch(r -> !ExpectedCatalog.day(r).isAfter(end)
                        && ExpectedCatalog.day(r).isAfter(end.minusDays(7))
                        && List.of("completed", "failed", "interrupted", "stopped")
                                .contains(String.valueOf(r.status()))) ? 1 : 0;
            }
            return count;
        }
    }

    @Nested
    class ReportCommand {

        @Test
        void hostileAgentValueFiltersToNothingAndLeavesTheNightlyReportsAlone()
                throws Exception {
            byte[] nightly = Files.readAllBytes(
                    out.resolve("reports/failure_rate_by_agent/failure_rate_by_agent.csv"));

            Command report = command("report", "--agent=x' OR '1'='1");

            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(filtered("failure_rate_by_agent").rowCount()).isZero();
            assertThat(filtered("daily_run_outcomes").rowCount()).isZero();
            assertThat(ReportRows.values(filtered("data_quality_summary")).get(0).get(1))
                    .isEqualTo(0L);
            assertThat(out.resolve("reports/failure_rate_by_agent/failure_rate_by_agent.csv"))
                    .hasBinaryContent(nightly);
            assertThat(report.out()).contains("filter: agent_id \"x' OR '1'='1\"")
                    .contains(out.resolve("filtered-reports").toString());
        }

        @Test
        void agentAndDateFiltersSelectExactlyThoseRuns() throws Exception {
            LocalDate from = LocalDate.parse("2026-11-20");
            LocalDate to = LocalDate.parse("2026-11-26");

            Command report = command("report", "--agent=" + HOSTILE_AGENT, "--from=" + from,
                    "--to=" + to, "--print=failure_rate_by_agent");

            assertThat(report.exit()).as(report.err()).isZero();
            List<RunRow> selected = truth.stream()
                    .filter(r -> HOSTILE_AGENT.equals(r.agentId()))
                    .filter(r -> !ExpectedCatalog.day(r).isBefore(from)
                            && !ExpectedCatalog.day(r).isAfter(to))
                    .toList();
            assertThat(selected).isNotEmpty();
            assertThat(ReportRows.failureRows(filtered("failure_rate_by_agent")))
                    .containsExactlyElementsOf(ExpectedReports.failureRateByAgent(selected));
            assertThat(ReportRows.values(filtered("failure_rate_by_agent_daily")))
                    .isEqualTo(ExpectedCatalog.failureRateByAgentDaily(selected));
            assertThat(report.out()).contains("  failure_rate\n")
                    .contains(out.resolve("filtered-reports/index.html").toString());
        }

        @Test
        void withoutFilterRepublishesTheNightlyOutputsWithoutTheApi() throws Exception {
            long requests = sim.requestCounts().total();

            Command report = command("report", "--date=2026-12-03");

            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(sim.requestCounts().total()).isEqualTo(requests);
            assertThat(report.out()).contains(out.resolve("analytics.duckdb").toString())
                    .contains(out.resolve("reports/index.html").toString());
            assertThat(ReportRows.failureRows(nightly("failure_rate_by_agent")))
                    .containsExactlyElementsOf(ExpectedReports.failureRateByAgent(truth));
        }

        @Test
        void beforeAnyExportPublishesEmptyReports() throws Exception {
            Path empty = Files.createDirectories(dir.resolve("empty"));

            Command report = commandOn(empty, "report");

            assertThat(report.exit()).as(report.err()).isZero();
            ReportRunner runner = ReportRunner.forOutputRoot(empty);
            assertThat(runner.readPublished("failure_rate_by_agent").rowCount()).isZero();
            assertThat(empty.resolve("analytics.duckdb")).isRegularFile();
            assertThat(Files.readString(empty.resolve("reports/index.html")))
                    .contains("no runs exported yet", "No run has ended yet.");
        }

        @Test
        void missingOutputRootOrBadDateIsAConfigurationError() {
            Command missing = commandOn(dir.resolve("nowhere"), "report");
            Command badDate = command("report", "--from=yesterday");

            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.err()).startsWith("error: the output root")
                    .contains("does not exist");
            assertThat(badDate.exit()).isEqualTo(2);
            assertThat(badDate.err()).contains("--from must be YYYY-MM-DD, was 'yesterday'");
        }

        private ReportTable filtered(String report) {
            return ReportRunner.forOutputRoot(out)
                    .withFilter(new ReportFilter(null, null, "any")).readPublished(report);
        }
    }

    /** What one command line printed and returned. */
    record Command(int exit, String out, String err) {}

    private static Command command(String... args) {
        return commandOn(out, args);
    }

    private static Command commandOn(Path root, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.add("--duvo.export-dir=" + root);
        if (args[0].equals("export")) {
            line.add("--duvo.fetch.pages-per-unit=4");
            line.add("--duvo.fetch.pages-per-commit=2");
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = CommandLine.run(line.toArray(String[]::new),
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Command(exit, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }

    private static ReportTable nightly(String report) {
        return ReportRunner.forOutputRoot(out).readPublished(report);
    }

    private static List<List<Object>> values(String report) {
        return ReportRows.values(nightly(report));
    }

    /** Elements {@code <name class="...">} whose class matches {@code classPattern} whole. */
    private static long marks(String dom, String name, String classPattern) {
        Matcher matcher = Pattern.compile("<" + name + " class=\"(" + classPattern + ")\"")
                .matcher(dom);
        return matcher.results().count();
    }

    private static Path keyFile() throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, sim.apiKey() + "\n");
        return key;
    }

    /**
     * Runs the simulator does not make: twelve of an agent with a hostile name (completed and
     * failed, 10 to 100 s long, evaluated with severities), three with timestamps out of order,
     * one that breaks the contract and is rejected.
     */
    private static void addShapedRuns() {
        Instant start = NOW.minus(Duration.ofDays(14));
        for (int i = 1; i <= 12; i++) {
            Instant created = start.plus(Duration.ofHours(19L * i));
            boolean failed = i % 4 == 0;
            sim.insert(SimulatedRun.builder().id(id("hostile " + i)).createdAt(created)
                    .startedAt(created.plusSeconds(i)).updatedAt(created.plusSeconds(600))
                    .completedAt(created.plusSeconds(i + 10L * Math.min(i, 10)))
                    .status(failed ? RunStatus.FAILED : RunStatus.COMPLETED).source("api")
                    .agentId(HOSTILE_AGENT).agentName(HOSTILE_NAME)
                    .evaluation(new SimulatedEvaluation(EvaluationStatus.READY, 3L, 4L, "ok",
                            new SeverityCounts(i % 2, 1, 0)))
                    .build());
        }
        Instant created = start.plus(Duration.ofDays(3));
        sim.insert(outOfOrder("early start", created, created.minusSeconds(5), null, created));
        sim.insert(outOfOrder("early end", created, created.plusSeconds(9),
                created.plusSeconds(3), created.plusSeconds(9)));
        sim.insert(outOfOrder("early update", created, null, null, created.minusSeconds(1)));
        rejectedId = id("rejected");
        sim.insert(SimulatedRun.builder().id(rejectedId).createdAt(created)
                .status(RunStatus.COMPLETED).agentId(HOSTILE_AGENT)
                .evaluation(new SimulatedEvaluation(EvaluationStatus.READY, 5L, 3L, null, null))
                .build());
    }

    private static SimulatedRun outOfOrder(String name, Instant created, Instant started,
            Instant completed, Instant updated) {
        return SimulatedRun.builder().id(id(name)).createdAt(created).startedAt(started)
                .completedAt(completed).updatedAt(updated)
                .status(completed == null ? RunStatus.RUNNING : RunStatus.COMPLETED)
                .agentId(id("agent clock")).agentName("Clock skew").source("schedule").build();
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
