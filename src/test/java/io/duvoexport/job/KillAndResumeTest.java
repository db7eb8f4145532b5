package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills the exporter's JVM with SIGKILL at random moments, publication included, restarts it,
 * and checks that the dataset equals that of an uninterrupted export, row for row, with no stray
 * file and no page fetched twice beyond the chunks that were in flight.
 *
 * <p>{@code -Dkill.seeds=N} runs N seeds of each kind (the soak target uses many).
 */
class KillAndResumeTest {

    private static final int SEEDS = Integer.getInteger("kill.seeds", 3);
    private static final int CONCURRENCY = 2;
    private static final int PAGES_PER_COMMIT = 2;

    @TempDir
    static Path reference;

    @TempDir
    Path dir;

    private static RunsSimulator sim;
    private static Map<String, List<String>> expected;
    private static long requestsUninterrupted;
    private static long jobMillis;

    @BeforeAll
    static void exportOnceWithoutInterruption() throws Exception {
        sim = RunsSimulator.start(SimulatorSettings.builder().seed(77).runs(5000).days(50)
                .now(Instant.parse("2026-12-03T01:00:00Z")).port(0).rateLimit(RateLimit.off())
                .latency(Duration.ofMillis(40)).build());
        ExportRunner runner = configure(new ExportRunner(sim, reference.resolve("out")));
        sim.resetRequestLog();
        assertThat(runner.export("--mode=full", "--date=2026-12-03")).as(runner.err()).isZero();
        requestsUninterrupted = sim.requestCounts().total();
        expected = DatasetReader.rowsById(reference.resolve("out"));
        assertThat(expected).hasSize(5000);
        io.duvoexport.publish.Manifest manifest = io.duvoexport.publish.ManifestWriter.read(
                io.duvoexport.export.Storage.open(reference.resolve("out").toString()));
        jobMillis = Duration.between(manifest.startedAt(), manifest.finishedAt()).toMillis();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static Stream<Integer> randomMoments() {
        return IntStream.rangeClosed(1, SEEDS).boxed();
    }

    static Stream<Integer> duringPublication() {
        return IntStream.rangeClosed(1, SEEDS).map(s -> 1000 + s).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("randomMoments")
    void killedAtARandomMomentResumesToTheSameDataset(int seed) throws Exception {
        Random random = new Random(seed);
        ChildExporter child = configure(new ChildExporter(sim, dir.resolve("out"), dir.resolve("log")));
        sim.resetRequestLog();

        int kills = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            long served = sim.requestCounts().total();
            Process process = child.start("--mode=full", "--date=2026-12-03");
            // a moment of the work itself, not of the JVM's start: from its first request on
            waitForRequestAfter(served, process);
            // within the first half of an uninterrupted export's length: a child JVM can run
            // its export faster than the reference did, and must still be mid-export
            long moment = random.nextLong(Math.max(1, jobMillis / 2));
            if (!process.waitFor(moment, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                kills++;
            }
        }
        assertThat(kills).as("kills that landed before the export ended (an uninterrupted one "
                + "took %d ms)", jobMillis).isPositive();
        int exit = child.run("--mode=full", "--date=2026-12-03");

        assertResumed(dir, exit, kills);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("duringPublication")
    void killedDuringPublicationResumesToTheSameDataset(int seed) throws Exception {
        Random random = new Random(seed);
        ChildExporter child = configure(new ChildExporter(sim, dir.resolve("out"), dir.resolve("log")));
        sim.resetRequestLog();

        Process process = child.start("--mode=full", "--date=2026-12-03");
        waitForPublication(dir.resolve("out"), process);
        Thread.sleep(random.nextInt(400));
        process.destroyForcibly().waitFor();
        int exit = child.run("--mode=full", "--date=2026-12-03");

        assertResumed(dir, exit, 1);
    }

    private static void assertResumed(Path dir, int exit, int kills) throws Exception {
        assertThat(exit).as(() -> log(dir)).isZero();
        Path out = dir.resolve("out");
        assertThat(DatasetReader.rowsById(out)).isEqualTo(expected);
        try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch("part-0.parquet"::equals);
        }
        try (Stream<Path> work = Files.walk(out.resolve("_work"))) {
            assertThat(work.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(out.resolve("_SUCCESS")).exists();
        // what was in flight when killed may be fetched again, nothing else
        long slack = kills * (CONCURRENCY * (PAGES_PER_COMMIT + 1) + 1L);
        assertThat(sim.requestCounts().total())
                .as(() -> "requests after " + kills + " kills; served: " + sim.servedRequests()
                        .stream().map(r -> r.target()).toList() + "\n" + log(dir))
                .isLessThanOrEqualTo(requestsUninterrupted + slack);
    }

    private static void waitForRequestAfter(long served, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (sim.requestCounts().total() == served && process.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the export sent no request");
            }
            Thread.sleep(2);
        }
    }

    private static void waitForPublication(Path out, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.isDirectory(out.resolve("_work"))) {
                try (Stream<Path> staging = Files.list(out.resolve("_work"))) {
                    if (staging.anyMatch(s -> Files.isDirectory(s.resolve("publish")))) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the export never reached publication");
    }

    private static final List<String> SETTINGS = List.of(
            "--duvo.fetch.concurrency=" + CONCURRENCY,
            "--duvo.fetch.pages-per-commit=" + PAGES_PER_COMMIT,
            "--duvo.fetch.pages-per-unit=8");

    private static ExportRunner configure(ExportRunner runner) {
        SETTINGS.forEach(runner::with);
        return runner;
    }

    private static ChildExporter configure(ChildExporter child) {
        SETTINGS.forEach(child::with);
        return child;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
