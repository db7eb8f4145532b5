package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.report.CsvRecords;
import io.duvoexport.simulate.EvaluationStatus;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunStatus;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedEvaluation;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values from the API stay data: through the whole job they never become a path, SQL text or a
 * forged log line, and they read back unchanged from the dataset and from the reports' CSV and
 * Parquet files, and escaped from the HTML report.
 */
class HostileValuesTest {

    private static final List<String> HOSTILE = List.of(
            "../../etc",
            "a/b=c%2F",
            "x' OR '1'='1",
            "say \"hi\", then 'bye'; DROP TABLE runs; --",
            "line one\nline two\r\nline three",
            "\n2026-12-03T02:00:00.000Z ERROR [main] ExportCommand - forged line",
            "\u202Eevil\u202C right-to-left عربى עברית",
            "<script>alert(1)</script>",
            "tab\there\u0000nul",
            "x".repeat(10_000));

    /** Rejected for passed > total; the id tries to forge a log line of its own. */
    private static final String FORGED = "2026-12-03T02:00:00.000Z ERROR [main] ExportCommand"
            + " - forged line";

    @TempDir
    Path dir;

    @Test
    void hostileValuesAndIdsReadBackUnchangedFromTheDatasetAndEveryReport() throws Exception {
        Instant now = Instant.parse("2026-12-03T01:00:00Z");
        try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder().seed(4).runs(200)
                .days(5).now(now).port(0).rateLimit(RateLimit.off()).build())) {
            // given runs whose id, title, agent, source and case queue are hostile values
            SimulatedRun template = sim.runs().get(0);
            List<SimulatedRun> hostile = insertHostileRuns(sim, template, now);
            // and two rejected runs whose ids try to forge a log line
            for (int i = 0; i < 2; i++) {
                sim.insert(template.toBuilder().id("\n" + FORGED + " " + i)
                        .createdAt(now.minusSeconds(60L * i))
                        .evaluation(new SimulatedEvaluation(EvaluationStatus.READY, 5L, 3L,
                                null, null))
                        .build());
            }
            Path out = dir.resolve("out");
            Path log = dir.resolve("export.log");

            // when the whole job exports them
            int exit = new ChildExporter(sim, out, log).with("--duvo.max-reject-ratio=0.05")
                    .run("--mode=full");

            // then they are data everywhere, and the rejects' ids show escaped in the log
            assertThat(exit).as(() -> read(log)).isZero();
            assertReadBackUnchanged(out, hostile);
            assertReportsReadBack(out);
            assertOnlyPartitionFiles(out);
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("the rejects were logged with their ids")
                    .anyMatch(line -> line.contains("quarantined run '\\n" + FORGED + " 0'"))
                    .anyMatch(line -> line.contains("quarantined run '\\n" + FORGED + " 1'"));
            assertThat(lines).as("no line forged").noneMatch(line -> line.startsWith(FORGED));
            assertThat(dir.resolve("etc")).doesNotExist();
        }
    }

    private static List<SimulatedRun> insertHostileRuns(RunsSimulator sim, SimulatedRun template,
            Instant now) {
        List<SimulatedRun> hostile = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            hostile.add(sim.insert(template.toBuilder()
                    .id(value)
                    .createdAt(now.minusSeconds(3600L * i))
                    .status(RunStatus.COMPLETED)
                    .title(value)
                    .agentId(uuid("agent " + value))
                    .agentName(value)
                    .source(value)
                    .caseQueue(uuid("queue " + value), value, template.caseQueueItemId(), value)
                    .build()));
        }
        return hostile;
    }

    private static void assertReadBackUnchanged(Path out, List<SimulatedRun> hostile)
            throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement query = db.prepareStatement("SELECT id, title, agent_name, "
                        + "source, case_queue_name, case_title FROM read_parquet(?, "
                        + "hive_partitioning = true) WHERE id = ?")) {
            for (SimulatedRun run : hostile) {
                query.setString(1, DatasetReader.glob(out));
                query.setString(2, run.id());
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).as("run %s exported", run.id()).isTrue();
                    for (int column = 1; column <= 6; column++) {
                        assertThat(rs.getString(column)).isEqualTo(run.title());
                    }
                }
            }
        }
    }

    /** Each report that shows a hostile column has every value, in CSV, Parquet and HTML. */
    private static void assertReportsReadBack(Path out) throws Exception {
        for (String[] report : new String[][] {{"failure_rate_by_agent", "agent_name"},
                {"daily_run_volume_by_source", "source"},
                {"case_queue_health", "case_queue_name"}}) {
            Path folder = out.resolve("reports").resolve(report[0]);
            assertThat(csvColumn(folder.resolve(report[0] + ".csv"), report[1]))
                    .as("%s.csv %s", report[0], report[1]).containsAll(HOSTILE);
            assertThat(parquetColumn(folder.resolve(report[0] + ".parquet"), report[1]))
                    .as("%s.parquet %s", report[0], report[1]).containsAll(HOSTILE);
        }
        String html = Files.readString(out.resolve("reports/index.html"));
        assertThat(html).doesNotContain("<script>alert(1)</script>");
        for (String value : HOSTILE) {
            assertThat(html).as("agent name %.40s escaped", value).contains(htmlEscaped(value));
        }
    }

    private static List<String> csvColumn(Path csv, String column) throws Exception {
        List<List<String>> records = CsvRecords.parse(Files.readString(csv));
        int index = records.get(0).indexOf(column);
        assertThat(index).as("%s has %s", csv, column).isNotNegative();
        return records.subList(1, records.size()).stream().map(r -> r.get(index)).toList();
    }

    private static List<String> parquetColumn(Path parquet, String column) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement query = db.prepareStatement(
                        "SELECT " + column + " FROM read_parquet(?)")) {
            query.setString(1, parquet.toString());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** HTML-escaped as the page must show it: markup characters as references, controls other
     * than line feed and tab as U+FFFD. */
    private static String htmlEscaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                default -> out.append(c < 0x20 ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void assertOnlyPartitionFiles(Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString()))
                    .allMatch(name -> name.matches("runs/created_date=\\d{4}-\\d{2}-\\d{2}/part-0\\.parquet"));
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.equals("etc"));
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
