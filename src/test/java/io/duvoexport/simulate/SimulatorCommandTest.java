package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code simulate} command line: help, refusals, and a server that serves what it prints. */
class SimulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsUsageAndSucceeds() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out()).startsWith("Usage: simulate").contains("--rate-limit", "--seed",
                "--status-in-payload", "--latency-ms", "--port", "--runs", "--days");
    }

    @Test
    void helpNamesEveryFaultAndEveryBadRowKind() {
        run("--help");

        assertThat(out()).contains("--fault KIND=WHEN", "--fault-seed", "--slow-ms",
                "--retry-after-seconds", "--bad-row-chance", "--bad-row-kinds", "--total-error",
                "--duplicate-rows", "--drift-batch");
        for (Fault fault : Fault.values()) {
            assertThat(out()).contains(fault.flagName());
        }
        for (BadRow kind : BadRow.values()) {
            assertThat(out()).contains(kind.flagName());
        }
        assertThat(out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(100));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--runs abc                  | --runs",
        "--port 70000                | --port",
        "--days 0                    | --days",
        "--rate-limit lots           | --rate-limit",
        "--status-in-payload maybe   | --status-in-payload",
        "--latency-ms -5             | --latency-ms",
        "--now tomorrow              | --now",
        "--team-id team-7            | --team-id",
        "--colour blue               | --colour",
        "--port                      | --port",
        "--fault teapot=always       | --fault",
        "--fault drift               | --fault",
        "--fault drift=sometimes     | --fault",
        "--fault drift=chance:1.5    | --fault",
        "--slow-ms -1                | --slow-ms",
        "--retry-after-seconds 0     | --retry-after-seconds",
        "--bad-row-chance 2          | --bad-row-chance",
        "--bad-row-kinds id,title    | --bad-row-kinds",
        "--duplicate-rows 0          | --duplicate-rows",
    })
    void badFlagsPrintOneLineNamingTheFlagAndExitTwo(String args, String flag) {
        int exit = run(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err().lines()).singleElement().asString().contains(flag);
        assertThat(out()).isEmpty();
    }

    @Test
    void servesUntilInterruptedAndPrintsWhatAClientNeeds() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(run("simulate", "--port", "0", "--runs", "300",
                "--seed", "5", "--rate-limit", "50", "--rate-window-seconds", "2",
                "--status-in-payload", "false", "--now", "2026-12-01T00:00:00Z")));
        command.start();
        Map<String, String> env = awaitEnvironment();

        RunsApi.Reply reply = RunsApi.getRaw(env.get("DUVO_BASE_URL") + "/v2/teams/"
                + env.get("DUVO_TEAM_ID") + "/runs?limit=3", env.get("DUVO_API_KEY"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("total").longValue()).isEqualTo(300);
        assertThat(reply.json().get("data").get(0).has("status")).isFalse();
        assertThat(reply.header("x-ratelimit-limit")).isEqualTo("50");
        assertThat(env.get("DUVO_TEAM_ID")).isEqualTo(SimulatorSettings.DEFAULT_TEAM_ID);
        assertThat(env.get("DUVO_API_KEY")).isEqualTo(SimulatorSettings.DEFAULT_API_KEY);
        assertThat(err()).contains("300 runs");
        assertThat(seenByAProgramStartedAfterPasting(out())).isEqualTo(env);

        command.interrupt();
        command.join(10_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void faultFlagsShapeTheServedAnswers() throws Exception {
        Thread command = new Thread(() -> run("--port", "0", "--runs", "50", "--rate-limit",
                "off", "--fault", "service-unavailable=request:1", "--fault",
                "wrong-total=after:1", "--total-error", "1", "--fault", "bad-rows=always",
                "--bad-row-chance", "1", "--bad-row-kinds", "title-as-number"));
        command.start();
        Map<String, String> env = awaitEnvironment();
        String url = env.get("DUVO_BASE_URL") + "/v2/teams/" + env.get("DUVO_TEAM_ID")
                + "/runs?limit=5";

        RunsApi.Reply first = RunsApi.getRaw(url, env.get("DUVO_API_KEY"));
        RunsApi.Reply second = RunsApi.getRaw(url, env.get("DUVO_API_KEY"));

        assertThat(first.status()).isEqualTo(503);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("total").longValue()).isIn(49L, 51L);
        assertThat(second.json().get("data")).allMatch(row -> row.get("title").isNumber());
        assertThat(err()).contains("faults ", "service-unavailable=request:1");
        command.interrupt();
        command.join(10_000);
    }

    @Test
    void shellWordsAreQuotedOnlyWhenNeeded() {
        assertThat(SimulatorCommand.shellWord("http://127.0.0.1:8080"))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(SimulatorCommand.shellWord("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    }

    private Map<String, String> awaitEnvironment() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = out().lines().toList();
            if (lines.size() >= 3) {
                Map<String, String> env = new LinkedHashMap<>();
                assertThat(lines).allMatch(line -> line.startsWith("export "));
                lines.stream().map(line -> line.substring("export ".length()))
                        .forEach(line -> env.put(line.substring(0, line.indexOf('=')),
                                line.substring(line.indexOf('=') + 1)));
                assertThat(env).containsOnlyKeys("DUVO_BASE_URL", "DUVO_TEAM_ID", "DUVO_API_KEY");
                return env;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no environment lines within 20 s; stderr: " + err());
    }

    /** Pastes the printed lines into a shell, then asks a program it starts what it sees. */
    private static Map<String, String> seenByAProgramStartedAfterPasting(String lines)
            throws Exception {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c",
                lines + "printenv DUVO_BASE_URL DUVO_TEAM_ID DUVO_API_KEY");
        shell.environment().keySet().removeIf(name -> name.startsWith("DUVO_"));
        Process process = shell.redirectErrorStream(true).start();
        List<String> seen = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).lines().toList();
        process.waitFor();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> names = List.of("DUVO_BASE_URL", "DUVO_TEAM_ID", "DUVO_API_KEY");
        for (int i = 0; i < Math.min(names.size(), seen.size()); i++) {
            env.put(names.get(i), seen.get(i));
        }
        return env;
    }

    private int run(String... args) {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        return SimulatorCommand.run(args, stdout, stderr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
