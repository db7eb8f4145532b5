package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Faults that distort a page of runs: a wrong total, repeated rows, and broken rows. */
class PageFaultsTest {

    private static final int RUNS = 1_000;

    private static RunsSimulator simulator;
    private static RunsApi api;
    private static List<SimulatedRun> truth;

    @BeforeAll
    static void start() {
        simulator = RunsSimulator.start(TestTeams.team(RUNS).build());
        api = new RunsApi(simulator);
        truth = simulator.runs();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        simulator.resetRequestLog();
    }

    @AfterEach
    void switchFaultsOff() {
        simulator.faults(FaultPlan.none());
    }

    @Nested
    class WrongTotal {

        @Test
        void totalIsOffByAFewEachTimeWhileTheRowsStayRight() {
            JsonNode clean = api.list("limit=20&offset=40").json();
            simulator.faults(FaultPlan.of(Fault.WRONG_TOTAL, Trigger.always()));

            Set<Long> totals = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                JsonNode page = api.list("limit=20&offset=40").json();
                long total = page.get("total").longValue();
                assertThat(total).isBetween(RUNS - 3L, RUNS + 3L).isNotEqualTo(RUNS);
                assertThat(page.get("data")).isEqualTo(clean.get("data"));
                totals.add(total);
            }

            assertThat(totals).hasSizeGreaterThan(2);
            assertThat(simulator.faultCounts().count(Fault.WRONG_TOTAL)).isEqualTo(30);
        }

        @Test
        void sameSeedReportsTheSameTotals() {
            FaultPlan plan = FaultPlan.builder()
                    .inject(Fault.WRONG_TOTAL, Trigger.chance(0.5))
                    .totalError(10)
                    .build();

            simulator.faults(plan);
            List<Long> first = totals(40);
            simulator.faults(plan);
            List<Long> again = totals(40);

            assertThat(again).isEqualTo(first);
            assertThat(first).contains((long) RUNS).anyMatch(total -> total != RUNS);
        }

        private List<Long> totals(int requests) {
            List<Long> totals = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                totals.add(api.list("limit=1").json().get("total").longValue());
            }
            return totals;
        }
    }

    @Nested
    class DuplicateRows {

        @Test
        void pageRepeatsTheLastRowsOfThePageBefore() {
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.DUPLICATE_ROWS, Trigger.always())
                    .duplicatedRows(2)
                    .build());

            JsonNode first = api.list("sort_order=asc&limit=100").json();
            JsonNode second = api.list("sort_order=asc&limit=100&offset=100").json();

            List<String> firstIds = ids(first);
            List<String> secondIds = ids(second);
            assertThat(firstIds).isEqualTo(truthIds(0, 100));
            assertThat(secondIds).hasSize(100).isEqualTo(truthIds(98, 198));
            assertThat(secondIds.subList(0, 2)).isEqualTo(firstIds.subList(98, 100));
            assertThat(second.get("total").longValue()).isEqualTo(RUNS);
            assertThat(simulator.runs()).isEqualTo(truth);
            assertThat(simulator.injectedFaults()).singleElement()
                    .extracting(InjectedFault::detail)
                    .isEqualTo("offset 100 served from offset 98");
        }

        @Test
        void descendingPagesRepeatToo() {
            simulator.faults(FaultPlan.of(Fault.DUPLICATE_ROWS, Trigger.request(2)));

            List<String> first = ids(api.list("limit=10").json());
            List<String> second = ids(api.list("limit=10&offset=10").json());

            assertThat(second.get(0)).isEqualTo(first.get(9));
            assertThat(simulator.faultCounts().count(Fault.DUPLICATE_ROWS)).isEqualTo(1);
        }
    }

    @Nested
    class BadRows {

        @Test
        void badRowsAreRenderedAsDeclaredAndEveryOtherRowIsTheTruth() {
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.BAD_ROWS, Trigger.always())
                    .badRowChance(0.1)
                    .build());
            Map<String, BadRow> bad = simulator.badRows();

            List<JsonNode> rows = api.all("", "asc");

            assertThat(rows).hasSize(RUNS);
            for (int i = 0; i < RUNS; i++) {
                SimulatedRun run = truth.get(i);
                BadRow defect = bad.get(run.id());
                if (defect == null) {
                    assertThat(WireRun.read(rows.get(i), run.digestId())).isEqualTo(run);
                } else {
                    assertRendered(rows.get(i), run, defect);
                }
            }
            assertThat(bad).hasSizeBetween(60, 140);
            assertThat(EnumSet.copyOf(bad.values())).containsExactlyInAnyOrder(BadRow.values());
            assertThat(simulator.faultCounts().count(Fault.BAD_ROWS)).isEqualTo(RUNS / 100);
        }

        @Test
        void sameRunsAreBadOnEveryRequest() {
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.BAD_ROWS, Trigger.always())
                    .badRowChance(0.05)
                    .build());

            byte[] first = api.list("sort_order=asc&limit=100&offset=300").body();
            byte[] again = api.list("sort_order=asc&limit=100&offset=300").body();

            assertThat(again).isEqualTo(first);
        }

        @Test
        void onlyTheChosenKindsAreUsedAndTheSeedPicksTheRuns() {
            FaultPlan plan = FaultPlan.builder()
                    .inject(Fault.BAD_ROWS, Trigger.always())
                    .badRowChance(0.1)
                    .badRowKinds(EnumSet.of(BadRow.TITLE_AS_NUMBER, BadRow.ID_MISSING))
                    .build();
            simulator.faults(plan);
            Map<String, BadRow> bad = simulator.badRows();
            simulator.faults(plan.toBuilder().seed(99).build());
            Map<String, BadRow> otherSeed = simulator.badRows();

            assertThat(bad.values()).containsOnly(BadRow.TITLE_AS_NUMBER, BadRow.ID_MISSING);
            assertThat(otherSeed.keySet()).isNotEqualTo(bad.keySet());
        }

        @Test
        void noRunIsBadWhileTheFaultIsOff() {
            assertThat(simulator.badRows()).isEmpty();
        }

        @Test
        void filtersAndTotalsIgnoreTheDefects() {
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.BAD_ROWS, Trigger.always())
                    .badRowChance(0.5)
                    .build());

            assertThat(api.list("limit=1").json().get("total").longValue()).isEqualTo(RUNS);
            assertThat(api.list("status=completed&limit=1").json().get("total").longValue())
                    .isEqualTo(truth.stream()
                            .filter(run -> run.status() == RunStatus.COMPLETED).count());
        }

        private static void assertRendered(JsonNode row, SimulatedRun run, BadRow defect) {
            String why = run.id() + " " + defect;
            switch (defect) {
                case ID_MISSING -> {
                    assertThat(row.has("id")).as(why).isFalse();
                    assertThat(row.get("created_at").stringValue()).as(why)
                            .isEqualTo(RunJson.timestamp(run.createdAt()));
                }
                case CREATED_AT_MISSING -> assertThat(row.has("created_at")).as(why).isFalse();
                case CREATED_AT_UNPARSEABLE ->
                        assertThat(row.get("created_at").stringValue()).as(why)
                                .isEqualTo("yesterday");
                case RUN_NUMBER_AS_STRING -> {
                    assertThat(row.get("run_number").isString()).as(why).isTrue();
                    assertThat(row.get("run_number").stringValue()).as(why)
                            .isEqualTo(run.runNumber().toString());
                }
                case NEGATIVE_PROMPT_COUNT ->
                        assertThat(row.get("submitted_prompt_count").longValue()).as(why)
                                .isNegative();
                case PASSED_OVER_TOTAL -> {
                    JsonNode evaluation = row.get("eval_summaries");
                    assertThat(evaluation.get("passed").longValue()).as(why)
                            .isGreaterThan(evaluation.get("total").longValue());
                }
                case TITLE_AS_NUMBER -> assertThat(row.get("title").isNumber()).as(why).isTrue();
            }
            if (defect != BadRow.ID_MISSING) {
                assertThat(row.get("id").stringValue()).as(why).isEqualTo(run.id());
            }
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(row -> ids.add(row.get("id").stringValue()));
        return ids;
    }

    private static List<String> truthIds(int from, int to) {
        return truth.subList(from, to).stream().map(SimulatedRun::id).toList();
    }
}
