package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** With statusInPayload off, rows carry no status field, and the status filter still works. */
class StatusInPayloadTest {

    @Test
    void rowsOmitStatusAndTheFilterStillSelects() {
        try (RunsSimulator simulator = RunsSimulator.start(TestTeams.team(2_000)
                .statusInPayload(false).build())) {
            RunsApi api = new RunsApi(simulator);
            List<JsonNode> rows = api.all("", "asc");
            List<String> failed = simulator.runs().stream()
                    .filter(run -> run.status() == RunStatus.FAILED)
                    .map(SimulatedRun::id).toList();

            assertThat(rows).hasSize(2_000).noneMatch(row -> row.has("status"));
            assertThat(failed).isNotEmpty();
            assertThat(api.ids("status=failed")).isEqualTo(failed);
        }
    }

    @Test
    void rowsCarryStatusByDefault() {
        try (RunsSimulator simulator = RunsSimulator.start(TestTeams.team(50).build())) {
            assertThat(new RunsApi(simulator).all("", "asc"))
                    .allMatch(row -> row.get("status").isString());
        }
    }
}
