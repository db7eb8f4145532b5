package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.AdvanceSummary;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two nights in a row: the second refreshes its window from the API and nothing else. */
class NightlyExportTest {

    private static final Instant NIGHT_1 = Instant.parse("2026-12-01T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void secondNightMatchesTheApiInItsWindowAndLeavesOlderPartitionsUntouched() throws Exception {
        try (RunsSimulator sim = simulator(21, 6000, 60)) {
            Path out = dir.resolve("out");
            ExportRunner runner = new ExportRunner(sim, out);

            // given a first night, which finds no dataset and exports everything
            assertThat(runner.export("--date=2026-12-01")).as(runner.err()).isZero();
            assertThat(manifest(out).get("mode").asString()).isEqualTo("full");
            Map<LocalDate, byte[]> night1 = partitionBytes(out);

            // and a day in which runs finish, get evaluated, disappear and appear
            AdvanceSummary day = sim.advance(Duration.ofDays(1), 99);
            assertThat(day.finished()).isPositive();
            assertThat(day.deleted()).isPositive();
            assertThat(day.created()).isPositive();
            sim.resetRequestLog();

            // when the second night runs while a reader keeps reading the dataset
            DatasetWatcher watcher = new DatasetWatcher(out);
            watcher.start();
            int exit = runner.export("--date=2026-12-02");
            watcher.stop();

            // then its window matches the API, older partitions are byte for byte as they were
            assertThat(exit).as(runner.err()).isZero();
            JsonNode manifest = manifest(out);
            assertThat(manifest.get("mode").asString()).isEqualTo("incremental");
            LocalDate windowStart = LocalDate.parse(manifest.get("window_start").asString());
            assertThat(windowStart).isBeforeOrEqualTo(LocalDate.parse("2026-11-25"));

            Map<LocalDate, byte[]> night2 = partitionBytes(out);
            night1.forEach((date, bytes) -> {
                if (date.isBefore(windowStart)) {
                    assertThat(night2.get(date)).as("partition %s", date).isEqualTo(bytes);
                }
            });
            assertThat(statusesInWindow(out, windowStart))
                    .isEqualTo(truthInWindow(sim.runs(), windowStart));

            // and it read only the pages that reach back to its window
            long inWindow = sim.runs().stream().filter(r -> !date(r).isBefore(windowStart)).count();
            assertThat(sim.requestCounts().total()).isLessThanOrEqualTo((inWindow + 99) / 100 + 1);

            // and the reader never failed nor saw a partition mixing two exports
            assertThat(watcher.failures).isEmpty();
            assertThat(watcher.reads.get()).isGreaterThan(3);
        }
    }

    @Test
    void aReaderDuringTheSwapOfAYearOfPartitionsSeesEachWholeOldOrWholeNew() throws Exception {
        try (RunsSimulator sim = simulator(5, 8000, 365)) {
            Path out = dir.resolve("out");
            ExportRunner runner = new ExportRunner(sim, out);
            assertThat(runner.export("--mode=full", "--date=2026-12-01")).as(runner.err()).isZero();

            // rebuild until the reader has read at least once between two partitions' swaps
            DatasetWatcher watcher = new DatasetWatcher(out);
            watcher.start();
            for (int night = 0; night < 6 && watcher.midSwapReads.get() == 0; night++) {
                assertThat(runner.export("--mode=full", "--date=2026-12-01", "--force"))
                        .as(runner.err()).isZero();
            }
            watcher.stop();

            assertThat(watcher.midSwapReads.get()).as("reads while partitions were swapped")
                    .isPositive();
            assertThat(watcher.failures).isEmpty();
        }
    }

    private static RunsSimulator simulator(long seed, int runs, int days) {
        return RunsSimulator.start(SimulatorSettings.builder().seed(seed).runs(runs).days(days)
                .now(NIGHT_1).port(0).rateLimit(RateLimit.off()).build());
    }

    private static LocalDate date(SimulatedRun run) {
        return LocalDate.ofInstant(run.createdAt(), ZoneOffset.UTC);
    }

    private static Map<String, String> truthInWindow(List<SimulatedRun> runs, LocalDate start) {
        return runs.stream().filter(r -> !date(r).isBefore(start)).collect(Collectors.toMap(
                SimulatedRun::id, r -> r.status().wireName() + "|" + r.updatedAt() + "|"
                        + (r.evaluation() == null ? null : r.evaluation().passed())));
    }

    private static Map<String, String> statusesInWindow(Path out, LocalDate start)
            throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT id, status, updated_at, eval_passed FROM "
                    + "read_parquet('" + DatasetReader.glob(out) + "', hive_partitioning = true) "
                    + "WHERE created_date >= DATE '" + start + "'");
            while (rs.next()) {
                Object updated = rs.getObject("updated_at", java.time.OffsetDateTime.class);
                String value = rs.getString("status") + "|"
                        + (updated == null ? null : ((java.time.OffsetDateTime) updated).toInstant())
                        + "|" + rs.getObject("eval_passed");
                assertThat(rows.put(rs.getString("id"), value)).isNull();
            }
        }
        return rows;
    }

    private static JsonNode manifest(Path out) throws Exception {
        return JsonMapper.builder().build().readTree(out.resolve("manifest.json").toFile());
    }

    private static Map<LocalDate, byte[]> partitionBytes(Path out) throws Exception {
        Map<LocalDate, byte[]> bytes = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            for (Path partition : dirs.toList()) {
                LocalDate date = LocalDate.parse(partition.getFileName().toString().substring(13));
                bytes.put(date, Files.readAllBytes(partition.resolve("part-0.parquet")));
            }
        }
        return bytes;
    }

    /** Reads the dataset in a loop as an analyst's tool would, recording what goes wrong. */
    static final class DatasetWatcher {
        final List<String> failures = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        // reads that found partitions of two exports side by side: made during a publication
        final AtomicInteger midSwapReads = new AtomicInteger();
        private final Path out;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        DatasetWatcher(Path out) {
            this.out = out;
            this.thread = new Thread(this::loop, "dataset-watcher");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        private void loop() {
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = db.createStatement()) {
                while (running.get()) {
                    readOnce(st);
                    reads.incrementAndGet();
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }

        private void readOnce(Statement st) throws Exception {
            try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
                files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(name -> !name.equals("part-0.parquet"))
                        .forEach(name -> failures.add("unexpected file " + name));
            } catch (java.io.UncheckedIOException e) {
                // a partition removed while walking: listing races are the reader's own
            }
            ResultSet rs = st.executeQuery("SELECT created_date, count(DISTINCT exported_at), "
                    + "any_value(exported_at) FROM read_parquet('" + DatasetReader.glob(out)
                    + "', hive_partitioning = true) GROUP BY ALL");
            Set<Object> exports = new java.util.HashSet<>();
            while (rs.next()) {
                if (rs.getLong(2) != 1) {
                    failures.add("partition " + rs.getString(1) + " mixes two exports");
                }
                exports.add(rs.getObject(3));
            }
            if (exports.size() > 1) {
                midSwapReads.incrementAndGet();
            }
        }
    }
}
