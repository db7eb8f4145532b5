package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The default-sized team looks like a real one, and the wire says exactly what the truth says. */
class SyntheticRunsTest {

    private static final Pattern RFC_3339_UTC =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.(\\d{3}|\\d{6})Z");

    private static RunsSimulator simulator;
    private static List<SimulatedRun> truth;
    private static List<JsonNode> rows;

    @BeforeAll
    static void startDefaultSizedTeam() {
        simulator = RunsSimulator.start(TestTeams.team(20_000).build());
        truth = simulator.runs();
        rows = new RunsApi(simulator).all("", "asc");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void servesEveryRunOnceAndEachRowEqualsTheTruth() {
        assertThat(rows).hasSize(20_000);
        for (int i = 0; i < rows.size(); i++) {
            SimulatedRun expected = truth.get(i);
            assertThat(WireRun.read(rows.get(i), expected.digestId())).isEqualTo(expected);
        }
    }

    @Test
    void everyStatusOccursAndMostRunsCompleted() {
        Map<RunStatus, Long> byStatus = countBy(SimulatedRun::status);

        assertThat(byStatus.keySet()).containsExactlyInAnyOrder(RunStatus.values());
        assertThat(byStatus.get(RunStatus.COMPLETED)).isGreaterThan(20_000 * 3 / 4);
        assertThat(byStatus.get(RunStatus.FAILED)).isBetween(400L, 3_000L);
    }

    @Test
    void inFlightRunsAreMostlyFromTheLastTwoDays() {
        List<SimulatedRun> inFlight = runs(run -> !run.status().isFinished());
        long recent = inFlight.stream()
                .filter(run -> run.createdAt().isAfter(TestTeams.NOW.minus(Duration.ofDays(2))))
                .count();

        assertThat(inFlight).isNotEmpty();
        assertThat(recent).isGreaterThan(inFlight.size() / 2);
    }

    @Test
    void timestampsAgreeWithStatus() {
        for (SimulatedRun run : truth) {
            assertThat(run.updatedAt()).as(run.id()).isAfterOrEqualTo(run.createdAt());
            assertThat(run.updatedAt()).as(run.id()).isBeforeOrEqualTo(TestTeams.NOW);
            assertThat(run.completedAt() != null).as(run.id()).isEqualTo(run.status().isFinished());
            if (run.status() == RunStatus.NOT_STARTED || run.status() == RunStatus.PENDING) {
                assertThat(run.startedAt()).as(run.id()).isNull();
            }
            if (run.startedAt() != null) {
                assertThat(run.startedAt()).as(run.id()).isAfterOrEqualTo(run.createdAt());
            }
            if (run.completedAt() != null && run.startedAt() != null) {
                assertThat(run.completedAt()).as(run.id()).isAfterOrEqualTo(run.startedAt());
            }
        }
    }

    @Test
    void runsAreSpreadOverTheWholeSpan() {
        assertThat(truth.get(0).createdAt())
                .isBetween(TestTeams.NOW.minus(Duration.ofDays(90)),
                        TestTeams.NOW.minus(Duration.ofDays(89)));
        assertThat(truth.get(truth.size() - 1).createdAt())
                .isAfter(TestTeams.NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void dozensOfAgentsAndSomeAreRenamedOverTime() {
        Map<String, List<SimulatedRun>> byAgent =
                truth.stream().collect(Collectors.groupingBy(SimulatedRun::agentId));
        long renamed = byAgent.values().stream()
                .filter(runs -> runs.stream().map(SimulatedRun::agentName).distinct().count() > 1)
                .filter(SyntheticRunsTest::oldNameOnlyBeforeNewName)
                .count();

        assertThat(byAgent).hasSizeBetween(30, 40);
        assertThat(renamed).isBetween(2L, 6L);
    }

    @Test
    void runsInQueuesCarryAllCaseFieldsAndOthersNone() {
        List<SimulatedRun> outside = runs(run -> run.caseQueueId() == null);
        Set<String> queues = truth.stream()
                .map(SimulatedRun::caseQueueName)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());

        assertThat(outside).isNotEmpty().allSatisfy(run -> assertThat(List.of(
                        Objects.toString(run.caseQueueName()), Objects.toString(run.caseTitle()),
                        Objects.toString(run.caseQueueItemId())))
                .containsOnly("null"));
        assertThat(queues).hasSizeGreaterThanOrEqualTo(3);
        assertThat(runs(run -> run.caseQueueId() != null)).allSatisfy(run -> {
            assertThat(run.caseQueueItemId()).isNotNull();
            assertThat(run.caseTitle()).isNotNull();
        });
    }

    @Test
    void sourcesIncludeEveryKindAndNull() {
        assertThat(truth).extracting(SimulatedRun::source)
                .contains("api", "schedule", "manual", "webhook", "email", null);
    }

    @Test
    void someRunsHaveNoOwner() {
        assertThat(truth).extracting(SimulatedRun::userId).contains((String) null);
        assertThat(truth.stream().map(SimulatedRun::userId).distinct().count()).isGreaterThan(5);
    }

    @Test
    void evaluationsComeInEveryForm() {
        Set<EvaluationStatus> statuses = EnumSet.noneOf(EvaluationStatus.class);
        truth.stream().map(SimulatedRun::evaluation).filter(Objects::nonNull)
                .forEach(eval -> statuses.add(eval.status()));

        assertThat(statuses).containsExactlyInAnyOrder(EvaluationStatus.values());
        assertThat(runs(run -> run.evaluation() == null)).isNotEmpty();
        assertThat(readyEvaluations(eval -> eval.severityCounts() == null)).isNotEmpty();
        assertThat(readyEvaluations(eval -> eval.severityCounts() != null)).isNotEmpty();
        assertThat(readyEvaluations(eval -> eval.finalComment() != null)).isNotEmpty();
        assertThat(readyEvaluations(SimulatedEvaluation::hasIssues)).isNotEmpty();
    }

    @Test
    void severityCountsAddUpToTheFailingRubrics() {
        assertThat(readyEvaluations(eval -> eval.severityCounts() != null)).allSatisfy(eval -> {
            SeverityCounts counts = eval.severityCounts();
            assertThat(counts.critical() + counts.medium() + counts.low())
                    .isEqualTo(eval.total() - eval.passed());
        });
    }

    @Test
    void someCountsAreNearTwoToThe52() {
        long hugePrompts = runs(run -> run.submittedPromptCount() != null
                && run.submittedPromptCount() == RunFactory.HUGE_COUNT).size();
        long hugeSeverities = readyEvaluations(eval -> eval.severityCounts() != null
                && eval.severityCounts().medium() >= RunFactory.HUGE_COUNT).size();

        assertThat(RunFactory.HUGE_COUNT).isEqualTo((1L << 52) - 1);
        assertThat(hugePrompts).isPositive();
        assertThat(hugeSeverities).isPositive();
        assertThat(rows).anySatisfy(row -> assertThat(row.get("submitted_prompt_count").longValue())
                .isEqualTo(4_503_599_627_370_495L));
    }

    @Test
    void titlesMixScriptsQuotesCommasAndNewlines() {
        List<String> titles =
                truth.stream().map(SimulatedRun::title).filter(Objects::nonNull).toList();

        assertThat(titles).anyMatch(t -> t.contains("\""))
                .anyMatch(t -> t.contains(","))
                .anyMatch(t -> t.contains("\n"))
                .anyMatch(t -> t.codePoints().anyMatch(c -> c > 0x1F000))
                .anyMatch(t -> t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.ARABIC))
                .anyMatch(t -> t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.HAN))
                .anyMatch(t -> t.contains("é") || t.contains("ü"));
        assertThat(truth).extracting(SimulatedRun::caseTitle)
                .anyMatch(t -> t != null && t.contains("\n"));
    }

    @Test
    void runNumbersCountUpPerAgent() {
        Map<String, List<Long>> numbers = truth.stream().collect(Collectors.groupingBy(
                SimulatedRun::agentId,
                Collectors.mapping(SimulatedRun::runNumber, Collectors.toList())));

        assertThat(numbers.values()).allSatisfy(list -> assertThat(list)
                .isSortedAccordingTo(Comparator.naturalOrder())
                .startsWith(1L)
                .doesNotHaveDuplicates());
    }

    @Test
    void someRunsBelongToDigestsButNoRowShowsOne() {
        assertThat(runs(run -> run.digestId() != null)).isNotEmpty();
        assertThat(rows).noneMatch(row -> row.has("digest_id"));
    }

    @Test
    void missingValuesAreSometimesAbsentAndSometimesNull() {
        assertThat(rows).anyMatch(row -> isAbsentOnInFlight(row, true))
                .anyMatch(row -> isAbsentOnInFlight(row, false))
                .anyMatch(row -> !row.has("eval_summaries"))
                .anyMatch(row -> row.has("eval_summaries") && row.get("eval_summaries").isNull())
                .anyMatch(row -> readyWithoutSeverity(row) && !severityKeyPresent(row))
                .anyMatch(row -> readyWithoutSeverity(row) && severityKeyPresent(row));
    }

    @Test
    void someRowsCarryAFieldNoClientKnows() {
        List<JsonNode> extra = rows.stream().filter(row -> row.has("experimental_flag")).toList();

        assertThat(extra).hasSizeBetween(20, 200);
        assertThat(extra).anyMatch(row -> row.get("experimental_flag").isObject())
                .anyMatch(row -> row.get("experimental_flag").isBoolean());
    }

    @Test
    void timestampsAreUtcWithMillisecondsOrMicroseconds() {
        Set<Integer> precisions = new HashSet<>();
        for (JsonNode row : rows) {
            for (String field : List.of("created_at", "updated_at", "started_at", "completed_at",
                    "postponed_to")) {
                JsonNode value = row.get(field);
                if (value != null && !value.isNull()) {
                    assertThat(value.stringValue()).matches(RFC_3339_UTC);
                    precisions.add(value.stringValue().length());
                }
            }
        }
        assertThat(precisions).containsExactlyInAnyOrder(24, 27);
    }

    private static boolean isAbsentOnInFlight(JsonNode row, boolean absent) {
        boolean inFlight = !RunStatus.fromWireName(row.get("status").stringValue())
                .orElseThrow().isFinished();
        return inFlight && (absent ? !row.has("completed_at") : row.get("completed_at") != null
                && row.get("completed_at").isNull());
    }

    private static boolean readyWithoutSeverity(JsonNode row) {
        JsonNode eval = row.get("eval_summaries");
        return eval != null && !eval.isNull() && eval.get("status").stringValue().equals("ready")
                && (eval.get("severityCounts") == null || eval.get("severityCounts").isNull());
    }

    private static boolean severityKeyPresent(JsonNode row) {
        return row.get("eval_summaries").has("severityCounts");
    }

    private static boolean oldNameOnlyBeforeNewName(List<SimulatedRun> runsOfAgent) {
        String first = runsOfAgent.get(0).agentName();
        int lastOld = 0;
        for (int i = 0; i < runsOfAgent.size(); i++) {
            if (runsOfAgent.get(i).agentName().equals(first)) {
                lastOld = i;
            }
        }
        return runsOfAgent.subList(lastOld + 1, runsOfAgent.size()).stream()
                .noneMatch(run -> run.agentName().equals(first));
    }

    private static <K> Map<K, Long> countBy(Function<SimulatedRun, K> key) {
        return truth.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static List<SimulatedRun> runs(Predicate<SimulatedRun> condition) {
        return truth.stream().filter(condition).toList();
    }

    private static List<SimulatedEvaluation> readyEvaluations(
            Predicate<SimulatedEvaluation> condition) {
        return truth.stream()
                .map(SimulatedRun::evaluation)
                .filter(eval -> eval != null && eval.status() == EvaluationStatus.READY)
                .filter(condition)
                .toList();
    }
}
