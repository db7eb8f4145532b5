package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Changes made through the mutation API are what the endpoint serves next. */
class MutationsTest {

    private RunsSimulator simulator;
    private RunsApi api;

    @BeforeEach
    void start() {
        simulator = RunsSimulator.start(TestTeams.team(1_000).build());
        api = new RunsApi(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void updatedRunIsServedWithItsNewStatusEvaluationAndUpdatedAt() {
        SimulatedRun before = simulator.runs().get(500);
        Instant later = TestTeams.NOW.plusSeconds(60);
        SimulatedEvaluation failing = new SimulatedEvaluation(EvaluationStatus.READY, 1L, 4L,
                "three \"rubrics\" failed", new SeverityCounts(3, 0, 0));

        simulator.update(before.id(), run -> run.toBuilder()
                .status(RunStatus.FAILED).evaluation(failing).updatedAt(later).build());

        JsonNode row = rowOf(before.id());
        assertThat(row.get("status").stringValue()).isEqualTo("failed");
        assertThat(row.get("updated_at").stringValue()).isEqualTo("2026-12-01T09:31:00.000Z");
        assertThat(row.get("eval_summaries").get("severityCounts").get("critical").longValue())
                .isEqualTo(3);
        assertThat(api.ids("issue_severity=critical")).contains(before.id());
        assertThat(simulator.run(before.id())).get()
                .extracting(SimulatedRun::status).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void updateRefusesToChangeTheIdOrCreationInstant() {
        SimulatedRun run = simulator.runs().get(0);

        assertThatThrownBy(() -> simulator.update(run.id(), r -> r.toBuilder()
                .createdAt(r.createdAt().plusSeconds(1)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
        assertThatThrownBy(() -> simulator.update("no-such-run", r -> r))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(simulator.runs().get(0)).isEqualTo(run);
    }

    @Test
    void deletedRunDisappearsAndTotalShrinks() {
        String id = simulator.runs().get(10).id();

        assertThat(simulator.delete(id)).isTrue();

        assertThat(api.ids("")).hasSize(999).doesNotContain(id);
        assertThat(api.list("limit=1").json().get("total").longValue()).isEqualTo(999);
        assertThat(simulator.delete(id)).isFalse();
    }

    @Test
    void insertedRunsAppearAtTheirCreationInstant() {
        Instant createdAt = TestTeams.NOW.plusSeconds(5);

        List<SimulatedRun> added = simulator.insertRuns(3, createdAt);

        JsonNode newest = api.list("limit=3").json();
        assertThat(newest.get("total").longValue()).isEqualTo(1_003);
        assertThat(newest.get("data")).extracting(row -> row.get("id").stringValue())
                .containsExactlyElementsOf(added.stream().map(SimulatedRun::id)
                        .sorted(Comparator.reverseOrder()).toList());
        assertThat(added).allSatisfy(run -> {
            assertThat(run.createdAt()).isEqualTo(createdAt);
            assertThat(run.status().isFinished()).isFalse();
        });
    }

    @Test
    void insertedRunWithATakenIdIsRefused() {
        SimulatedRun existing = simulator.runs().get(0);

        assertThatThrownBy(() -> simulator.insert(existing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(existing.id());
    }

    @Test
    void exactRunCanBeInsertedAnywhereInTime() {
        SimulatedRun old = SimulatedRun.builder()
                .id("11111111-2222-4333-8444-555555555555")
                .createdAt(Instant.parse("2026-09-15T12:00:00Z"))
                .updatedAt(Instant.parse("2026-09-15T12:00:01Z"))
                .status(RunStatus.NOT_STARTED)
                .title("inserted")
                .build();

        simulator.insert(old);

        assertThat(api.ids("search=inserted")).containsExactly(old.id());
        assertThat(simulator.runs()).isSortedAccordingTo(RunTable.CREATION_ORDER);
    }

    @Test
    void advanceFinishesInFlightRunsDeletesSomeAndCreatesNewOnes() {
        Map<String, SimulatedRun> before = byId(simulator.runs());

        AdvanceSummary summary = simulator.advance(Duration.ofHours(6), 7);

        Map<String, SimulatedRun> after = byId(simulator.runs());
        assertThat(summary.finished()).isPositive();
        assertThat(summary.deleted()).isPositive();
        assertThat(summary.created()).isPositive();
        assertThat(summary.to()).isEqualTo(TestTeams.NOW.plus(Duration.ofHours(6)));
        assertThat(simulator.now()).isEqualTo(summary.to());
        assertThat(after).hasSize(1_000 - summary.deleted() + summary.created());
        assertThat(api.ids("")).hasSize(after.size());

        long finishedNow = before.values().stream()
                .filter(run -> !run.status().isFinished())
                .filter(run -> after.containsKey(run.id()))
                .filter(run -> after.get(run.id()).status().isFinished())
                .count();
        assertThat(finishedNow).isEqualTo(summary.finished());
    }

    @Test
    void advanceKeepsEveryRunConsistentAndUpdatedAtMonotonic() {
        Map<String, SimulatedRun> before = byId(simulator.runs());

        simulator.advance(Duration.ofHours(2), 11);
        simulator.advance(Duration.ofDays(1), 12);

        Instant now = simulator.now();
        assertThat(simulator.runs()).allSatisfy(run -> {
            assertThat(run.updatedAt()).isAfterOrEqualTo(run.createdAt()).isBeforeOrEqualTo(now);
            assertThat(run.completedAt() != null).isEqualTo(run.status().isFinished());
            SimulatedRun old = before.get(run.id());
            if (old != null && !old.equals(run)) {
                assertThat(run.updatedAt()).isAfter(old.updatedAt());
            }
        });
    }

    @Test
    void advanceAddsEvaluationsToFreshlyFinishedRuns() {
        AdvanceSummary summary = simulator.advance(Duration.ofHours(12), 3);

        assertThat(summary.evaluated()).isPositive();
        assertThat(simulator.runs()).filteredOn(run -> run.completedAt() != null
                        && run.completedAt().isAfter(TestTeams.NOW))
                .anyMatch(run -> run.evaluation() != null);
    }

    @Test
    void advanceWithTheSameSeedGivesTheSameRuns() {
        simulator.advance(Duration.ofHours(3), 99);
        List<SimulatedRun> first = simulator.runs();

        try (RunsSimulator twin = RunsSimulator.start(TestTeams.team(1_000).build())) {
            twin.advance(Duration.ofHours(3), 99);
            assertThat(twin.runs()).isEqualTo(first);
        }
    }

    @Test
    void changesAreVisibleThroughFiltersAtOnce() {
        SimulatedRun run = simulator.runs().stream()
                .filter(r -> r.status() == RunStatus.COMPLETED).findFirst().orElseThrow();
        long completedBefore = api.list("status=completed&limit=1").json().get("total").longValue();

        simulator.update(run.id(), r -> r.toBuilder().status(RunStatus.STOPPED).build());

        assertThat(api.list("status=completed&limit=1").json().get("total").longValue())
                .isEqualTo(completedBefore - 1);
        assertThat(api.ids("status=stopped")).contains(run.id());
    }

    @Test
    void requestCounterCountsEveryAnswerByStatus() {
        api.list("");
        api.list("limit=5");
        api.list("limit=0");
        api.get(api.runsPath(), null);

        RequestCounts counts = simulator.requestCounts();
        assertThat(counts.total()).isEqualTo(4);
        assertThat(counts.count(200)).isEqualTo(2);
        assertThat(counts.count(400)).isEqualTo(1);
        assertThat(counts.count(401)).isEqualTo(1);
        assertThat(counts.count(500)).isZero();
        assertThat(simulator.servedRequests()).extracting(ServedRequest::target).containsExactly(
                api.runsPath(), api.runsPath() + "?limit=5", api.runsPath() + "?limit=0",
                api.runsPath());

        simulator.resetRequestLog();
        assertThat(simulator.requestCounts().total()).isZero();
        assertThat(simulator.servedRequests()).isEmpty();
    }

    private JsonNode rowOf(String id) {
        return api.all("", "asc").stream()
                .filter(row -> row.get("id").stringValue().equals(id))
                .findFirst().orElseThrow();
    }

    private static Map<String, SimulatedRun> byId(List<SimulatedRun> runs) {
        return runs.stream().collect(Collectors.toMap(SimulatedRun::id, Function.identity()));
    }
}
