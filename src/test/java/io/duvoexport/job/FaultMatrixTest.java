package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.Fault;
import io.duvoexport.simulate.FaultPlan;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import io.duvoexport.simulate.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole job against each fault the simulator can inject. A transient fault ends in success
 * with a dataset identical to a fault-free export's; a permanent one in its documented exit code,
 * one line saying why, and the previously published output untouched, byte for byte.
 */
class FaultMatrixTest {

    private static final List<String> SETTINGS = List.of(
            "--duvo.http.max-attempts=5",
            "--duvo.http.initial-backoff=20ms",
            "--duvo.http.max-backoff=200ms",
            "--duvo.http.retry-after-floor=50ms",
            "--duvo.http.read-timeout=700ms",
            "--duvo.fetch.pages-per-unit=4",
            "--duvo.fetch.pages-per-commit=2");

    @TempDir
    static Path referenceDir;

    @TempDir
    Path dir;

    private static RunsSimulator sim;
    private static Map<String, List<String>> reference;

    @BeforeAll
    static void exportWithoutFaults() throws Exception {
        sim = RunsSimulator.start(SimulatorSettings.builder().seed(8).runs(1500).days(20)
                .now(Instant.parse("2026-12-03T01:00:00Z")).port(0).rateLimit(RateLimit.off())
                .build());
        ExportRunner runner = runner(referenceDir.resolve("out"));
        assertThat(runner.export("--mode=full")).as(runner.err()).isZero();
        reference = DatasetReader.rowsById(referenceDir.resolve("out"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults(FaultPlan.none());
        sim.acceptConnections();
    }

    private static ExportRunner runner(Path out) throws Exception {
        ExportRunner runner = new ExportRunner(sim, out);
        SETTINGS.forEach(runner::with);
        return runner;
    }

    static Stream<Arguments> transientFaults() {
        Trigger twice = Trigger.requests(3, 4);
        return Stream.of(
                Arguments.of(Fault.INTERNAL_ERROR, twice),
                Arguments.of(Fault.BAD_GATEWAY, twice),
                Arguments.of(Fault.BAD_GATEWAY_HTML, twice),
                Arguments.of(Fault.SERVICE_UNAVAILABLE, twice),
                Arguments.of(Fault.GATEWAY_TIMEOUT, twice),
                Arguments.of(Fault.GATEWAY_TIMEOUT_HTML, twice),
                Arguments.of(Fault.RATE_LIMITED, twice),
                Arguments.of(Fault.RATE_LIMITED_DATE, Trigger.request(3)),
                Arguments.of(Fault.RATE_LIMITED_ZERO, twice),
                Arguments.of(Fault.CONNECTION_RESET, twice),
                Arguments.of(Fault.SLOW_RESPONSE, Trigger.request(3)),
                Arguments.of(Fault.STALLED_BODY, Trigger.request(3)),
                Arguments.of(Fault.HTML_PAGE, twice),
                Arguments.of(Fault.TRUNCATED_LENGTH, twice),
                Arguments.of(Fault.TRUNCATED_JSON, twice),
                Arguments.of(Fault.WRONG_TOTAL, Trigger.always()),
                Arguments.of(Fault.DUPLICATE_ROWS, Trigger.every(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void transientFaultEndsInTheSameDatasetAsAFaultFreeExport(Fault fault, Trigger trigger)
            throws Exception {
        sim.resetRequestLog();
        sim.faults(FaultPlan.builder().inject(fault, trigger)
                .slowResponseDelay(Duration.ofSeconds(2)).build());
        ExportRunner runner = runner(dir.resolve("out"));

        int exit = runner.export("--mode=full");

        assertThat(sim.faultCounts().count(fault)).as("the fault happened").isPositive();
        assertThat(exit).as(runner.err()).isZero();
        assertThat(DatasetReader.rowsById(dir.resolve("out"))).isEqualTo(reference);
    }

    @org.junit.jupiter.api.Test
    void badRowsUnderTheThresholdAreQuarantinedAndTheRestExported() throws Exception {
        sim.faults(FaultPlan.builder().inject(Fault.BAD_ROWS, Trigger.always())
                .badRowChance(0.004).build());
        ExportRunner runner = runner(dir.resolve("out"));

        int exit = runner.export("--mode=full");

        assertThat(exit).as(runner.err()).isZero();
        java.util.Set<String> bad = sim.badRows().keySet();
        assertThat(bad).isNotEmpty();
        Map<String, List<String>> expected = new TreeMap<>(reference);
        expected.keySet().removeAll(bad);
        assertThat(DatasetReader.rowsById(dir.resolve("out"))).isEqualTo(expected);

        List<String> rejects = Files.readAllLines(dir.resolve("out/rejects.jsonl"));
        assertThat(rejects).hasSize(bad.size()).allSatisfy(line -> assertThat(line)
                .contains("\"reason\":").contains("\"run\":{"));
        tools.jackson.databind.JsonNode manifest = tools.jackson.databind.json.JsonMapper.builder()
                .build().readTree(dir.resolve("out/manifest.json").toFile());
        assertThat(manifest.get("rejects").asLong()).isEqualTo(bad.size());
    }

    @org.junit.jupiter.api.Test
    void badRowsOverTheThresholdFailWithFiveAndPublishNothing() throws Exception {
        Path out = dir.resolve("out");
        ExportRunner runner = runner(out);
        Map<String, byte[]> before = exportedOnce(runner, out);
        sim.faults(FaultPlan.builder().inject(Fault.BAD_ROWS, Trigger.always())
                .badRowChance(0.05).build());

        int exit = runner.export("--mode=full", "--force");

        assertThat(exit).isEqualTo(5);
        assertThat(publishedFiles(out)).containsExactlyInAnyOrderEntriesOf(before);
    }

    @org.junit.jupiter.api.Test
    void aReportFailingAfterThePartitionsMovedPutsEverythingBack() throws Exception {
        Path out = dir.resolve("out");
        ExportRunner runner = runner(out);
        Map<String, byte[]> before = exportedOnce(runner, out);
        Path sql = dir.resolve("sql");
        Files.createDirectories(sql);
        try (Stream<Path> shipped = Files.list(Path.of("sql"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, sql.resolve(file.getFileName()));
            }
        }
        Files.writeString(sql.resolve("zz_broken.sql"), """
                -- Question: none; this report refers to a column the dataset does not have.
                -- Grain: none.
                -- Columns: none.
                SELECT no_such_column FROM runs
                """);

        int exit = runner.with("--duvo.report.sql-dir=" + sql).export("--mode=full", "--force");

        assertThat(exit).as(runner.err()).isEqualTo(1);
        String[] lines = runner.err().strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("error: ").contains("zz_broken");
        assertThat(publishedFiles(out)).containsExactlyInAnyOrderEntriesOf(before);
    }

    static Stream<Arguments> permanentFaults() {
        return Stream.of(
                Arguments.of(Fault.KEY_REVOKED, 3, "DUVO_API_KEY"),
                Arguments.of(Fault.FORBIDDEN, 3, "DUVO_TEAM_ID"),
                Arguments.of(Fault.SERVICE_UNAVAILABLE, 4, "stayed unavailable"),
                Arguments.of(Fault.HTML_PAGE, 4, "not complete JSON"),
                Arguments.of(Fault.TRUNCATED_JSON, 4, "stayed unavailable"),
                Arguments.of(Fault.SLOW_RESPONSE, 4, "timeout"),
                Arguments.of(Fault.STALLED_BODY, 4, "timeout"),
                Arguments.of(Fault.CONNECTION_RESET, 4, "stayed unavailable"),
                Arguments.of(Fault.RATE_LIMITED, 4, "stayed unavailable"),
                Arguments.of(null, 4, "connection refused"));
    }

    @ParameterizedTest(name = "{0} -> exit {1}")
    @MethodSource("permanentFaults")
    void permanentFaultExitsWithItsCodeAndLeavesThePreviousOutputUntouched(Fault fault, int code,
            String cause) throws Exception {
        Path out = dir.resolve("out");
        ExportRunner runner = runner(out);
        Map<String, byte[]> before = exportedOnce(runner, out);

        if (fault == null) {
            sim.refuseConnections();
        } else {
            sim.faults(FaultPlan.builder().inject(fault, Trigger.always())
                    .slowResponseDelay(Duration.ofSeconds(2)).build());
        }
        int exit = runner.export("--mode=full", "--force");

        assertThat(exit).as(runner.err()).isEqualTo(code);
        String[] lines = runner.err().strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("error: ").contains(cause);
        assertThat(publishedFiles(out)).containsExactlyInAnyOrderEntriesOf(before);
    }

    /** Exports once, without faults, and returns what that published. */
    private static Map<String, byte[]> exportedOnce(ExportRunner runner, Path out)
            throws Exception {
        assertThat(runner.export("--mode=full")).as(runner.err()).isZero();
        return publishedFiles(out);
    }

    /** Every published file (dataset, reports, catalog, manifest, marker) and its bytes. */
    static Map<String, byte[]> publishedFiles(Path out) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(file).toString();
                if (!name.startsWith("_jobs") && !name.startsWith("_work")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        }
        return files;
    }
}
