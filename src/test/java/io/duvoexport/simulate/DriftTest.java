package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Drift changes the data between requests and records every change it makes. */
class DriftTest {

    private static final FaultPlan EVERY_THIRD_REQUEST = FaultPlan.builder()
            .inject(Fault.DRIFT, Trigger.every(3))
            .driftBatch(2)
            .build();

    @Test
    void batchesComeBeforeTheirRequestsAndEachChangeIsRecorded() {
        try (RunsSimulator simulator = start(EVERY_THIRD_REQUEST)) {
            RunsApi api = new RunsApi(simulator);
            Map<String, SimulatedRun> before = byId(simulator.runs());

            for (int i = 0; i < 9; i++) {
                api.list("limit=1");
            }

            List<DriftMutation> drift = simulator.driftMutations();
            assertThat(drift).hasSize(18).extracting(DriftMutation::request)
                    .containsOnly(3L, 6L, 9L);
            assertThat(drift.stream().collect(Collectors.groupingBy(DriftMutation::change,
                    Collectors.counting()))).containsOnly(
                    Map.entry(DriftMutation.Change.INSERTED, 6L),
                    Map.entry(DriftMutation.Change.CHANGED, 6L),
                    Map.entry(DriftMutation.Change.DELETED, 6L));
            assertThat(simulator.now()).isEqualTo(TestTeams.NOW.plusSeconds(3));
            assertThat(simulator.faultCounts().count(Fault.DRIFT)).isEqualTo(3);
            assertThat(simulator.injectedFaults()).extracting(InjectedFault::detail)
                    .containsOnly("deleted 2, changed 2, inserted 2");
            assertThat(idsOf(simulator.runs())).isEqualTo(expectedIds(before.keySet(), drift));
        }
    }

    @Test
    void insertedRunsAreTheNewestChangedRunsMoveOnAndDeletedOnesAreGone() {
        try (RunsSimulator simulator = start(FaultPlan.builder()
                .inject(Fault.DRIFT, Trigger.request(1))
                .driftBatch(6)
                .build())) {
            Map<String, SimulatedRun> before = byId(simulator.runs());
            new RunsApi(simulator).list("limit=1");
            Map<String, SimulatedRun> after = byId(simulator.runs());
            List<DriftMutation> drift = simulator.driftMutations();

            assertThat(drift)
                    .filteredOn(mutation -> mutation.change() == DriftMutation.Change.CHANGED)
                    .extracting(mutation -> before.get(mutation.runId()).status().isFinished())
                    .as("finished runs evaluated anew, and in-flight runs finished")
                    .contains(true, false);
            for (DriftMutation mutation : drift) {
                SimulatedRun old = before.get(mutation.runId());
                SimulatedRun now = after.get(mutation.runId());
                switch (mutation.change()) {
                    case INSERTED -> {
                        assertThat(old).isNull();
                        assertThat(now.createdAt()).isEqualTo(mutation.at())
                                .isAfter(TestTeams.NOW);
                    }
                    case CHANGED -> {
                        assertThat(now.updatedAt()).isEqualTo(mutation.at())
                                .isAfter(old.updatedAt());
                        assertThat(now.status().isFinished()).isTrue();
                        if (old.status().isFinished()) {
                            assertThat(now.status()).isEqualTo(old.status());
                            assertThat(now.evaluation()).isNotNull();
                        }
                    }
                    case DELETED -> {
                        assertThat(old).isNotNull();
                        assertThat(now).isNull();
                    }
                }
            }
        }
    }

    @Test
    void recordTellsWhichRunsExistedThroughoutAnExportAndWhichCameOrWent() {
        try (RunsSimulator simulator = start(FaultPlan.none())) {
            RunsApi api = new RunsApi(simulator);
            Set<String> initial = idsOf(simulator.runs());
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.DRIFT, Trigger.every(2))
                    .driftBatch(3)
                    .build());

            List<String> exported = api.ids("");
            simulator.faults(FaultPlan.none());

            List<DriftMutation> drift = simulator.driftMutations();
            Set<String> throughout = new HashSet<>(initial);
            throughout.removeAll(idsWith(drift, DriftMutation.Change.DELETED));
            Set<String> inserted = idsWith(drift, DriftMutation.Change.INSERTED);
            assertThat(idsOf(simulator.runs())).containsAll(throughout).containsAll(inserted);
            assertThat(initial).containsAll(idsWith(drift, DriftMutation.Change.DELETED));
            assertThat(exported).allMatch(id -> initial.contains(id) || inserted.contains(id));
            assertThat(new HashSet<>(api.ids(""))).isEqualTo(idsOf(simulator.runs()));
        }
    }

    @Test
    void sameSeedAndRequestsDriftTheSameWay() {
        List<DriftMutation> first;
        List<SimulatedRun> firstRuns;
        try (RunsSimulator simulator = start(EVERY_THIRD_REQUEST)) {
            new RunsApi(simulator).ids("");
            first = simulator.driftMutations();
            firstRuns = simulator.runs();
        }
        try (RunsSimulator twin = start(EVERY_THIRD_REQUEST)) {
            new RunsApi(twin).ids("");

            assertThat(twin.driftMutations()).isEqualTo(first);
            assertThat(twin.runs()).isEqualTo(firstRuns);
        }
    }

    @Test
    void timeKeepsMovingForwardAcrossAdvanceAndDrift() {
        try (RunsSimulator simulator = start(FaultPlan.of(Fault.DRIFT, Trigger.always()))) {
            simulator.advance(Duration.ofMinutes(5), 1);
            new RunsApi(simulator).list("limit=1");

            assertThat(simulator.driftMutations()).allSatisfy(mutation -> assertThat(
                    mutation.at()).isEqualTo(TestTeams.NOW.plus(Duration.ofSeconds(301))));
            assertThat(simulator.runs()).allSatisfy(run ->
                    assertThat(run.updatedAt()).isBeforeOrEqualTo(simulator.now()));
        }
    }

    private static RunsSimulator start(FaultPlan faults) {
        return RunsSimulator.start(TestTeams.team(1_000).faults(faults).build());
    }

    private static Set<String> expectedIds(Set<String> before, List<DriftMutation> drift) {
        Set<String> ids = new HashSet<>(before);
        ids.removeAll(idsWith(drift, DriftMutation.Change.DELETED));
        ids.addAll(idsWith(drift, DriftMutation.Change.INSERTED));
        return ids;
    }

    private static Set<String> idsWith(List<DriftMutation> drift, DriftMutation.Change change) {
        return drift.stream().filter(mutation -> mutation.change() == change)
                .map(DriftMutation::runId).collect(Collectors.toSet());
    }

    private static Set<String> idsOf(List<SimulatedRun> runs) {
        return runs.stream().map(SimulatedRun::id).collect(Collectors.toSet());
    }

    private static Map<String, SimulatedRun> byId(List<SimulatedRun> runs) {
        return runs.stream().collect(Collectors.toMap(SimulatedRun::id, Function.identity()));
    }
}
