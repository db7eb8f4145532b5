package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.simulate.DriftMutation;
import io.duvoexport.simulate.Fault;
import io.duvoexport.simulate.FaultPlan;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import io.duvoexport.simulate.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paging while the API inserts, changes and deletes runs: every run that existed throughout the
 * export is in the dataset exactly once.
 */
class DriftTest {

    @TempDir
    Path dir;

    private static RunsSimulator simulator() {
        return RunsSimulator.start(SimulatorSettings.builder().seed(31).runs(4000).days(30)
                .now(Instant.parse("2026-12-03T01:00:00Z")).port(0).rateLimit(RateLimit.off())
                .build());
    }

    private Set<String> existedThroughout(RunsSimulator sim, Set<String> before) {
        Set<String> deleted = sim.driftMutations().stream()
                .filter(m -> m.change() == DriftMutation.Change.DELETED)
                .map(DriftMutation::runId).collect(Collectors.toSet());
        Set<String> survivors = new HashSet<>(before);
        survivors.removeAll(deleted);
        return survivors;
    }

    private int exportUnderDrift(RunsSimulator sim, Path out, String overlap) throws Exception {
        sim.faults(FaultPlan.builder().inject(Fault.DRIFT, Trigger.every(2)).driftBatch(3).build());
        ExportRunner runner = new ExportRunner(sim, out)
                .with("--duvo.fetch.pages-per-unit=6")
                .with("--duvo.fetch.boundary-overlap=" + overlap);
        int exit = runner.export("--mode=full");
        sim.faults(FaultPlan.none());
        assertThat(exit).as(runner.err()).isZero();
        return exit;
    }

    @Test
    void everyRunThatExistedThroughoutIsExportedExactlyOnce() throws Exception {
        try (RunsSimulator sim = simulator()) {
            Set<String> before = sim.runs().stream().map(SimulatedRun::id).collect(Collectors.toSet());
            Path out = dir.resolve("out");

            exportUnderDrift(sim, out, "1");

            List<DriftMutation> mutations = sim.driftMutations();
            assertThat(mutations).extracting(DriftMutation::change)
                    .contains(DriftMutation.Change.DELETED, DriftMutation.Change.INSERTED,
                            DriftMutation.Change.CHANGED);
            Map<String, List<String>> exported = DatasetReader.rowsById(out); // fails on duplicates
            assertThat(exported.keySet()).containsAll(existedThroughout(sim, before));

            JsonNode reconciliation = JsonMapper.builder().build()
                    .readTree(out.resolve("manifest.json").toFile()).get("reconciliation");
            assertThat(reconciliation.get("boundary_moves").asLong()).isPositive();
            assertThat(reconciliation.get("unresolved_joints").asLong()).isZero();
        }
    }

    @Test
    void anIncrementalNightReadingNewestFirstUnderDriftExportsEveryRunOfItsWindowOnce()
            throws Exception {
        try (RunsSimulator sim = simulator()) {
            Path out = dir.resolve("out");
            ExportRunner runner = new ExportRunner(sim, out).with("--duvo.fetch.pages-per-unit=3");
            assertThat(runner.export("--date=2026-12-02")).as(runner.err()).isZero();
            Set<String> before = sim.runs().stream().map(SimulatedRun::id).collect(Collectors.toSet());

            // new runs arrive at the head of a newest-first listing while it is paged
            sim.faults(FaultPlan.builder().inject(Fault.DRIFT, Trigger.every(2)).driftBatch(3)
                    .build());
            int exit = runner.export("--date=2026-12-03");
            sim.faults(FaultPlan.none());

            assertThat(exit).as(runner.err()).isZero();
            JsonNode manifest = JsonMapper.builder().build()
                    .readTree(out.resolve("manifest.json").toFile());
            assertThat(manifest.get("mode").asString()).isEqualTo("incremental");
            Instant windowStart = java.time.LocalDate.parse(manifest.get("window_start").asString())
                    .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            Set<String> inWindow = sim.runs().stream()
                    .filter(r -> !r.createdAt().isBefore(windowStart))
                    .map(SimulatedRun::id).collect(Collectors.toSet());
            inWindow.retainAll(existedThroughout(sim, before));
            assertThat(inWindow).isNotEmpty();
            assertThat(sim.driftMutations()).extracting(DriftMutation::change)
                    .contains(DriftMutation.Change.INSERTED, DriftMutation.Change.DELETED);
            assertThat(DatasetReader.rowsById(out).keySet()).containsAll(inWindow);
        }
    }

    @Test
    void withoutOverlappingPagesTheSameDriftLosesRuns() throws Exception {
        try (RunsSimulator sim = simulator()) {
            Set<String> before = sim.runs().stream().map(SimulatedRun::id).collect(Collectors.toSet());
            Path out = dir.resolve("out");

            exportUnderDrift(sim, out, "0");

            Set<String> missing = new HashSet<>(existedThroughout(sim, before));
            missing.removeAll(DatasetReader.rowsById(out).keySet());
            assertThat(missing).isNotEmpty();
        }
    }
}
