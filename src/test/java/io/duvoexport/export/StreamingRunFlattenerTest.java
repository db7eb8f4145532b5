package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.api.ApiKey;
import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.SortOrder;
import io.duvoexport.simulate.Fault;
import io.duvoexport.simulate.FaultPlan;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import io.duvoexport.simulate.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path gives exactly the row the tree flattener gives, and declines every run the tree
 * flattener would reject or that it is not sure about.
 */
class StreamingRunFlattenerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TEAM = "team-1";
    private static final Instant EXPORTED_AT = Instant.parse("2026-12-03T02:00:00Z");

    /** What each path made of one run: a row, a decline (fast) or a reject (tree). */
    private record Outcome(RunRow row, String rejected) {}

    private static Outcome tree(JsonNode run, String listedStatus) {
        try {
            return new Outcome(new RunFlattener().flatten(run, TEAM, listedStatus, EXPORTED_AT),
                    null);
        } catch (RejectedRunException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static List<RunRow> fast(byte[] body, String listedStatus) throws Exception {
        List<RunRow> rows = new ArrayList<>();
        new StreamingRunFlattener().flattenPage(body, TEAM, listedStatus, EXPORTED_AT,
                (index, row) -> rows.add(row));
        return rows;
    }

    /** A decoded row with the export's time, as staging stamps it. */
    private static RunRow stamped(RunRow row) {
        Object[] values = new Object[RunColumn.values().length];
        for (RunColumn column : RunColumn.values()) {
            values[column.ordinal()] = column.valueOf(row);
        }
        values[RunColumn.EXPORTED_AT.ordinal()] = EXPORTED_AT;
        return RunColumn.row(values);
    }

    private static RunRow fastOne(String runJson) throws Exception {
        byte[] body = ("{\"data\":[" + runJson + "],\"total\":1}").getBytes(StandardCharsets.UTF_8);
        List<RunRow> rows = fast(body, null);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static final String BASE = "\"id\":\"r1\",\"created_at\":\"2026-11-30T08:15:02.123Z\"";

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + BASE + "}",
        "{" + BASE + ",\"status\":\"running\",\"title\":\"Quote \\\" and \\u00e9 \\ud83d\\ude00\"}",
        "{" + BASE + ",\"updated_at\":\"2026-11-30T10:15:02.123456789+05:30\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30t08:15:02z\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02-00:00\"}",
        "{" + BASE + ",\"started_at\":\"2024-02-29T23:59:59.9Z\"}",
        "{" + BASE + ",\"started_at\":\"+2026-11-30T08:15:02Z\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02+18:00\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02+19:00\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02.Z\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02.1234567890Z\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T24:00:00Z\"}",
        "{" + BASE + ",\"started_at\":\"2023-02-29T08:15:02Z\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30 08:15:02Z\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02+0530\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02+05:30:15\"}",
        "{" + BASE + ",\"started_at\":\"2026-11-30T08:15:02\"}",
        "{" + BASE + ",\"started_at\":null,\"completed_at\":null,\"eval_summaries\":null}",
        "{" + BASE + ",\"run_number\":4503599627370495,\"submitted_prompt_count\":0}",
        "{" + BASE + ",\"run_number\":-3}",
        "{" + BASE + ",\"run_number\":3.0}",
        "{" + BASE + ",\"run_number\":1e3}",
        "{" + BASE + ",\"run_number\":99999999999999999999}",
        "{" + BASE + ",\"run_number\":\"7\"}",
        "{" + BASE + ",\"submitted_prompt_count\":-1}",
        "{" + BASE + ",\"title\":12}",
        "{" + BASE + ",\"title\":true}",
        "{" + BASE + ",\"title\":[\"a\"]}",
        "{" + BASE + ",\"title\":{\"a\":1}}",
        "{" + BASE + ",\"title\":\"first\",\"title\":\"second\"}",
        "{" + BASE + ",\"id\":\"r2\"}",
        "{\"id\":\"  \",\"created_at\":\"2026-11-30T08:15:02Z\"}",
        "{\"id\":7,\"created_at\":\"2026-11-30T08:15:02Z\"}",
        "{\"created_at\":\"2026-11-30T08:15:02Z\"}",
        "{\"id\":\"r1\"}",
        "{\"id\":\"r1\",\"created_at\":\"yesterday\"}",
        "{\"id\":\"r1\",\"created_at\":null}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":3,\"total\":5,\"status\":\"ready\","
                + "\"final_comment\":\"ok\",\"severityCounts\":{\"critical\":1,\"medium\":0,"
                + "\"low\":2,\"info\":9}}}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":null,\"total\":null,\"status\":\"unavailable\"}}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":6,\"total\":5}}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":5,\"total\":5,\"severityCounts\":null}}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":1,\"total\":5,\"severityCounts\":[1]}}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":1,\"total\":5,\"severityCounts\":{\"low\":-1}}}",
        "{" + BASE + ",\"eval_summaries\":{\"passed\":1,\"passed\":2,\"total\":5}}",
        "{" + BASE + ",\"eval_summaries\":{\"extra\":{\"passed\":9},\"passed\":1,\"total\":5}}",
        "{" + BASE + ",\"eval_summaries\":\"none\"}",
        "{" + BASE + ",\"eval_summaries\":[]}",
        "{" + BASE + ",\"experimental_flag\":{\"cohort\":\"b\",\"weights\":[0.25,0.75]}}",
    })
    void agreesWithTheTreeFlattenerOrDeclines(String runJson) throws Exception {
        Outcome expected = tree(JSON.readTree(runJson), null);

        RunRow fast = fastOne(runJson);

        if (fast != null) {
            assertThat(expected.rejected()).as("the tree flattener rejects it").isNull();
            assertThat(fast).isEqualTo(expected.row());
        } else if (expected.row() != null) {
            // declined, though the tree accepts it: allowed only for the unusual shapes
            assertThat(runJson).containsAnyOf("t08", "z\"", "+2026", "3.0", "1e3", "\"r2\"",
                    "\"second\"", "+05:30:15", "passed\":2", "02.Z");
        }
    }

    @Test
    void tagsTheListedStatusOnlyOnRunsWithoutOne() throws Exception {
        byte[] body = ("{\"data\":[{" + BASE + "},{\"id\":\"r2\",\"created_at\":"
                + "\"2026-11-30T08:15:03Z\",\"status\":\"failed\"}],\"total\":2}")
                .getBytes(StandardCharsets.UTF_8);

        List<RunRow> rows = fast(body, "running");

        assertThat(rows).extracting(RunRow::status).containsExactly("running", "failed");
    }

    @Test
    void givesTheTreeFlattenersRowsForSimulatedPagesWithBadRows() throws Exception {
        FaultPlan faults = FaultPlan.builder().inject(Fault.BAD_ROWS, Trigger.always())
                .badRowChance(0.05).seed(3).build();
        try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder().seed(11)
                .runs(3_000).days(30).now(Instant.parse("2026-12-03T00:00:00Z"))
                .rateLimit(RateLimit.off()).faults(faults).build())) {
            RunsClient client = RunsClient.builder().baseUrl(sim.baseUrl())
                    .teamId(sim.teamId()).apiKey(new ApiKey(sim.apiKey()))
                    .runDecoder(new RunRowDecoder(TEAM)).build();
            int accepted = 0;
            int declined = 0;
            for (long offset = 0; offset < 3_000; offset += 100) {
                RunsPage page = client.fetch(new RunsQuery(
                        RunFilter.NONE,
                        SortOrder.ASC, offset, 100));
                assertThat(page.hasBytes()).isTrue();
                List<RunRow> rows = fast(page.runBytes(), null);
                assertThat(rows).hasSize(page.size());
                for (int i = 0; i < rows.size(); i++) {
                    Outcome expected = tree(page.run(i), null);
                    if (rows.get(i) == null) {
                        declined++;
                        assertThat(expected.rejected()).isNotNull();
                        assertThat(page.decoded(i)).isNull();
                    } else {
                        accepted++;
                        assertThat(rows.get(i)).isEqualTo(expected.row());
                        assertThat(stamped((RunRow) page.decoded(i))).isEqualTo(expected.row());
                        assertThat(page.ids().get(i)).isEqualTo(expected.row().id());
                    }
                }
            }
            assertThat(accepted).isGreaterThan(2_500);
            assertThat(declined).isPositive();
        }
    }
}
