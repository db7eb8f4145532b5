package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.Fault;
import io.duvoexport.simulate.FaultPlan;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import io.duvoexport.simulate.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole export, with retries, rejects, a refused key and debug logging, run with a canary key:
 * the canary appears nowhere it could leak.
 */
class SecretsTest {

    private static final String CANARY = "dv_CANARY_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path dir;

    @Test
    void theKeyAppearsInNoLogFileTableOrReport() throws Exception {
        try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder().seed(6).runs(800)
                .days(10).now(Instant.parse("2026-12-03T01:00:00Z")).port(0).apiKey(CANARY)
                .rateLimit(RateLimit.of(5, java.time.Duration.ofSeconds(1))).build())) {
            Path out = dir.resolve("out");
            Path log = dir.resolve("export.log");
            ChildExporter child = new ChildExporter(sim, out, log)
                    .with("--logging.level.root=DEBUG")
                    .with("--duvo.http.initial-backoff=20ms")
                    .with("--duvo.max-reject-ratio=0.5");

            // a night with server errors, throttling and bad rows, which succeeds (the client
            // paces itself to the rate limit, so the throttling is injected)
            sim.faults(FaultPlan.builder()
                    .inject(Fault.SERVICE_UNAVAILABLE, Trigger.requests(2, 3))
                    .inject(Fault.RATE_LIMITED, Trigger.requests(5, 5))
                    .inject(Fault.BAD_ROWS, Trigger.always()).badRowChance(0.05).build());
            assertThat(child.run("--mode=full")).as(() -> read(log)).isZero();
            assertThat(sim.requestCounts().count(429)).isPositive();
            assertThat(sim.faultCounts().count(Fault.SERVICE_UNAVAILABLE)).isPositive();

            // and one whose key is refused
            sim.faults(FaultPlan.of(Fault.KEY_REVOKED, Trigger.always()));
            assertThat(child.run("--mode=full", "--force")).isEqualTo(3);

            String logText = read(log);
            assertThat(logText).contains("DEBUG").contains("retrying in").doesNotContain(CANARY);
            assertThat(filesContaining(out)).isEmpty();
            assertThat(repositoryRowsContaining(out)).isEmpty();
            assertThat(out.resolve("rejects.jsonl")).isNotEmptyFile();
        }
    }

    /** Every file under the output root whose bytes hold the canary. */
    private static List<Path> filesContaining(Path out) throws Exception {
        byte[] needle = CANARY.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                if (indexOf(content, needle) >= 0) {
                    found.add(file);
                }
            }
        }
        assertThat(out.resolve("runs")).isNotEmptyDirectory();
        return found;
    }

    /** Every value of every table of the job repository that holds the canary. */
    private static List<String> repositoryRowsContaining(Path out) throws Exception {
        List<String> found = new ArrayList<>();
        String url = "jdbc:h2:file:" + out.resolve("_jobs/repository") + ";ACCESS_MODE_DATA=r";
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                Statement st = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC'");
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("BATCH_JOB_EXECUTION_PARAMS", "BATCH_STEP_EXECUTION_CONTEXT");
            for (String table : tables) {
                ResultSet rows = st.executeQuery("SELECT * FROM " + table);
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String value = rows.getString(i);
                        if (value != null && value.contains(CANARY)) {
                            found.add(table + ": " + value);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
