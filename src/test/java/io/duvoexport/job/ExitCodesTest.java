package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exit code of the README's table, each produced for real, each with one line on stderr
 * that states the cause and what to do.
 */
class ExitCodesTest {

    private static final String TEAM = "5f1c2b7e-8d4a-4e0b-9c61-2a7d3e9f4b10";

    @TempDir
    Path dir;

    private RunsSimulator sim;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        sim = RunsSimulator.start(SimulatorSettings.builder().seed(3).runs(300).days(5)
                .now(Instant.parse("2026-12-03T01:00:00Z")).port(0).rateLimit(RateLimit.off())
                .build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int run(String... args) {
        return runInto(dir.resolve("out").toString(), args);
    }

    private int runInto(String exportDir, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--duvo.export-dir=" + exportDir));
        all.addAll(List.of(args));
        return CommandLine.run(all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String keyFile(String key) throws Exception {
        Path file = dir.resolve("key-" + key.hashCode());
        Files.writeString(file, key);
        return "--duvo.api-key-file=" + file;
    }

    private String lastErrorLine() {
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void zeroWhenTheExportSucceeds() throws Exception {
        assertThat(run("--duvo.base-url=" + sim.baseUrl(), "--duvo.team-id=" + sim.teamId(),
                keyFile(sim.apiKey()))).isEqualTo(0);
    }

    @Test
    void oneWhenSomethingUnexpectedHappens() throws Exception {
        try (MockWebServer api = new MockWebServer()) {
            api.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    StringBuilder runs = new StringBuilder();
                    for (int i = 0; i < 100; i++) {
                        runs.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i)
                                .append("\",\"created_at\":\"2026-11-30T08:00:00Z\",\"status\":\"completed\"}");
                    }
                    return new MockResponse.Builder().code(200)
                            .body("{\"data\":[" + runs + "],\"total\":1000}").build();
                }
            });
            api.start();

            int exit = run("--duvo.base-url=" + api.url("/"), "--duvo.team-id=" + TEAM,
                    keyFile("dv_x"), "--duvo.fetch.pages-per-unit=100");

            assertThat(exit).isEqualTo(1);
            assertThat(lastErrorLine()).startsWith("error: ").contains("ignore offset");
        }
    }

    @Test
    void twoWhenTheTeamIsMissing() throws Exception {
        assertThat(run("--duvo.base-url=" + sim.baseUrl(), keyFile(sim.apiKey()))).isEqualTo(2);
        assertThat(lastErrorLine()).isEqualTo("error: DUVO_TEAM_ID is not set");
    }

    @Test
    void twoWhenTheKeyIsMissing() {
        assertThat(run("--duvo.base-url=" + sim.baseUrl(), "--duvo.team-id=" + sim.teamId()))
                .isEqualTo(2);
        assertThat(lastErrorLine()).startsWith("error: DUVO_API_KEY is not set");
    }

    @Test
    void twoWhenAFilterIsInvalid() throws Exception {
        assertThat(run("--duvo.base-url=" + sim.baseUrl(), "--duvo.team-id=" + sim.teamId(),
                keyFile(sim.apiKey()), "--duvo.filter.agent-id=not-a-uuid")).isEqualTo(2);
        assertThat(lastErrorLine()).contains("agent-id must be a UUID");
    }

    static Stream<Arguments> settingsOutOfRange() {
        return Stream.of(
                Arguments.of("duvo.fetch.page-size=250",
                        "duvo.fetch.page-size must be between 1 and 100, was 250"),
                Arguments.of("duvo.fetch.page-size=lots",
                        "duvo.fetch.page-size must be a whole number, was 'lots'"),
                Arguments.of("duvo.fetch.boundary-overlap=100",
                        "duvo.fetch.boundary-overlap must be between 0 and 99"
                                + " (duvo.fetch.page-size - 1), was 100"),
                Arguments.of("duvo.fetch.pages-per-unit=0",
                        "duvo.fetch.pages-per-unit must be at least 1, was 0"),
                Arguments.of("duvo.publish.merge-concurrency=-1",
                        "duvo.publish.merge-concurrency must be at least 0, was -1"),
                Arguments.of("duvo.fetch.pages-per-commit=-1",
                        "duvo.fetch.pages-per-commit must be at least 1, was -1"),
                Arguments.of("duvo.fetch.concurrency=0",
                        "duvo.fetch.concurrency must be at least 1, was 0"),
                Arguments.of("duvo.http.max-attempts=0",
                        "duvo.http.max-attempts must be at least 1, was 0"),
                Arguments.of("duvo.http.read-timeout=0s",
                        "duvo.http.read-timeout must be longer than 0, was 0s"),
                Arguments.of("duvo.http.max-backoff=100ms",
                        "duvo.http.max-backoff must be at least 500ms"
                                + " (duvo.http.initial-backoff), was 100ms"),
                Arguments.of("duvo.max-reject-ratio=1.5",
                        "duvo.max-reject-ratio must be between 0 and 1, was 1.5"),
                Arguments.of("duvo.incremental.lookback-days=-1",
                        "duvo.incremental.lookback-days must be at least 0, was -1"),
                Arguments.of("duvo.status-strategy=sometimes",
                        "duvo.status-strategy must be one of payload, per-status, auto,"
                                + " was 'sometimes'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settingsOutOfRange")
    void twoWhenASettingIsOutOfRangeBeforeAnyRequest(String setting, String message)
            throws Exception {
        int exit = run("--duvo.base-url=" + sim.baseUrl(), "--duvo.team-id=" + sim.teamId(),
                keyFile(sim.apiKey()), "--" + setting);

        assertThat(exit).isEqualTo(2);
        assertThat(lastErrorLine()).isEqualTo("error: " + message);
        assertThat(sim.requestCounts().total()).isZero();
    }

    @Test
    void twoWhenARemoteOutputRootHasNoDatasource() throws Exception {
        int exit = runInto("hdfs://namenode.invalid:8020/duvo", "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(), keyFile(sim.apiKey()));

        assertThat(exit).isEqualTo(2);
        assertThat(lastErrorLine()).startsWith("error: DUVO_EXPORT_DIR")
                .contains("set spring.datasource.url");
        assertThat(sim.requestCounts().total()).isZero();
    }

    @Test
    void twoWhenNoFileSystemServesTheOutputRootsScheme() throws Exception {
        int exit = runInto("s3a://duvo-bucket/export", "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(), keyFile(sim.apiKey()),
                "--spring.datasource.url=jdbc:h2:mem:remote-root");

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(lastErrorLine()).startsWith("error: DUVO_EXPORT_DIR")
                .contains("scheme 's3a'").contains("org.apache.hadoop:hadoop-aws");
        assertThat(sim.requestCounts().total()).isZero();
    }

    @Test
    void twoWhenTheKeyIsGivenOnTheCommandLine() {
        assertThat(run("--duvo.api-key=dv_secret")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("dv_secret");
    }

    @Test
    void threeWhenTheApiRefusesTheKey() throws Exception {
        assertThat(run("--duvo.base-url=" + sim.baseUrl(), "--duvo.team-id=" + sim.teamId(),
                keyFile("dv_wrong_key"))).isEqualTo(3);
        assertThat(lastErrorLine()).contains("HTTP 401").contains("DUVO_API_KEY")
                .doesNotContain("dv_wrong_key");
    }

    @Test
    void fourWhenTheApiStaysUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = run("--duvo.base-url=http://127.0.0.1:" + closedPort,
                "--duvo.team-id=" + TEAM, keyFile("dv_x"), "--duvo.http.max-attempts=3",
                "--duvo.http.initial-backoff=10ms");

        assertThat(exit).isEqualTo(4);
        assertThat(lastErrorLine()).contains("after 3 attempts").contains("re-run");
    }

    @Test
    void fiveWhenTooManyRunsBreakTheContractAndNothingIsPublished() throws Exception {
        try (MockWebServer api = new MockWebServer()) {
            api.enqueue(new MockResponse.Builder().code(200).body("{\"data\":["
                    + "{\"id\":\"r1\",\"created_at\":\"2026-11-30T08:00:00Z\",\"status\":\"completed\"},"
                    + "{\"created_at\":\"2026-11-30T08:00:00Z\",\"status\":\"failed\"}],\"total\":2}")
                    .build());
            api.start();

            int exit = run("--duvo.base-url=" + api.url("/"), "--duvo.team-id=" + TEAM,
                    keyFile("dv_x"));

            assertThat(exit).isEqualTo(5);
            assertThat(lastErrorLine()).contains("1 of 2 runs broke the API contract")
                    .contains("nothing was published");
            assertThat(dir.resolve("out/runs")).doesNotExist();
            assertThat(dir.resolve("out/_SUCCESS")).doesNotExist();
        }
    }

    @Test
    void sixWhenAnotherExportHoldsTheLock() throws Exception {
        try (RunsSimulator slow = RunsSimulator.start(SimulatorSettings.builder().seed(3)
                .runs(2000).days(5).port(0).rateLimit(RateLimit.off())
                .latency(Duration.ofMillis(300)).build())) {
            Path lockFile = dir.resolve("out/_jobs/export.lock");
            Process first = new ChildExporter(slow, dir.resolve("out"), dir.resolve("child.log"))
                    .with("--duvo.fetch.concurrency=1").start();
            try {
                waitForLockHolder(lockFile, first);

                int exit = run("--duvo.base-url=" + slow.baseUrl(), "--duvo.team-id=" + slow.teamId(),
                        keyFile(slow.apiKey()));

                assertThat(exit).isEqualTo(6);
                assertThat(lastErrorLine()).contains("another export is running on this output")
                        .contains("pid " + first.pid());
            } finally {
                first.destroyForcibly().waitFor();
            }

            // the lock dies with its holder, even killed with SIGKILL
            int exit = run("--duvo.base-url=" + slow.baseUrl(), "--duvo.team-id=" + slow.teamId(),
                    keyFile(slow.apiKey()), "--duvo.http.max-attempts=1", "--date=2000-01-01",
                    "--mode=range", "--from=2000-01-01", "--to=2000-01-01");
            assertThat(exit).as(err.toString()).isZero();
        }
    }

    private static void waitForLockHolder(Path lockFile, Process holder) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(lockFile)
                    && Files.readString(lockFile).contains("pid " + holder.pid() + " ")) {
                return;
            }
            assertThat(holder.isAlive()).as("the first export is still running").isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the first export never took the lock");
    }
}
