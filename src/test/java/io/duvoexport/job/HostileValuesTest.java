package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
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
 * forged log line, and they read back unchanged.
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

    @TempDir
    Path dir;

    @Test
    void hostileTitlesNamesAndSourcesReadBackUnchanged() throws Exception {
        Instant now = Instant.parse("2026-12-03T01:00:00Z");
        try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder().seed(4).runs(200)
                .days(5).now(now).port(0).rateLimit(RateLimit.off()).build())) {
            SimulatedRun template = sim.runs().get(0);
            List<SimulatedRun> hostile = new ArrayList<>();
            for (int i = 0; i < HOSTILE.size(); i++) {
                String value = HOSTILE.get(i);
                hostile.add(sim.insert(template.toBuilder()
                        .id(UUID.nameUUIDFromBytes(value.getBytes()).toString())
                        .createdAt(now.minusSeconds(3600L * i))
                        .title(value)
                        .agentName(value)
                        .source(value)
                        .caseQueue(template.caseQueueId(), value, template.caseQueueItemId(), value)
                        .build()));
            }
            Path out = dir.resolve("out");
            Path log = dir.resolve("export.log");

            int exit = new ChildExporter(sim, out, log).run("--mode=full");

            assertThat(exit).as(() -> read(log)).isZero();
            assertReadBackUnchanged(out, hostile);
            assertOnlyPartitionFiles(out);
            assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains("forged line"));
            assertThat(dir.resolve("etc")).doesNotExist();
        }
    }

    private static void assertReadBackUnchanged(Path out, List<SimulatedRun> hostile)
            throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement query = db.prepareStatement("SELECT title, agent_name, source, "
                        + "case_queue_name, case_title FROM read_parquet(?, hive_partitioning = true) "
                        + "WHERE id = ?")) {
            for (SimulatedRun run : hostile) {
                query.setString(1, DatasetReader.glob(out));
                query.setString(2, run.id());
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).as("run %s exported", run.id()).isTrue();
                    for (int column = 1; column <= 5; column++) {
                        assertThat(rs.getString(column)).isEqualTo(run.title());
                    }
                }
            }
        }
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
