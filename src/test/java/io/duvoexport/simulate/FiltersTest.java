package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each filter returns exactly the runs the truth says, and total counts them all. Expectations
 * are computed from the truth records here, independently of the simulator's own filter code.
 */
class FiltersTest {

    private static final Instant SINCE = TestTeams.NOW.minus(Duration.ofDays(3));

    private static RunsSimulator simulator;
    private static RunsApi api;
    private static List<SimulatedRun> truth;

    @BeforeAll
    static void start() {
        simulator = RunsSimulator.start(TestTeams.team(6_000).build());
        api = new RunsApi(simulator);
        truth = simulator.runs();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(RunStatus.class)
    void statusFilterReturnsTheRunsInThatStatus(RunStatus status) {
        assertFilter("status=" + status.wireName(), run -> run.status() == status);
    }

    @Test
    void perStatusTotalsAddUpToTheUnfilteredTotal() {
        long sum = Stream.of(RunStatus.values())
                .mapToLong(s -> total("status=" + s.wireName()))
                .sum();

        assertThat(sum).isEqualTo(total("")).isEqualTo(6_000);
    }

    @Test
    void agentFilterFollowsTheAgentAcrossRenames() {
        String renamed = mostNamedAgent();

        assertFilter("agent_id=" + renamed, run -> renamed.equals(run.agentId()));
        assertThat(api.all("agent_id=" + renamed, "asc").stream()
                .map(row -> row.get("agent_name").stringValue()).distinct()).hasSize(2);
    }

    @Test
    void agentFilterIgnoresTheCaseOfTheUuid() {
        String agent = truth.get(0).agentId();

        assertFilter("agent_id=" + agent.toUpperCase(Locale.ROOT),
                run -> agent.equals(run.agentId()));
    }

    @Test
    void userFilterReturnsTheUsersRuns() {
        String user = mostCommon(SimulatedRun::userId);

        assertFilter("user_id=" + user, run -> user.equals(run.userId()));
    }

    @Test
    void caseQueueFilterReturnsTheQueuesRuns() {
        String queue = mostCommon(SimulatedRun::caseQueueId);

        assertFilter("case_queue_id=" + queue, run -> queue.equals(run.caseQueueId()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "schedule", "manual", "webhook", "email", "API", "pigeon"})
    void sourceFilterMatchesExactly(String source) {
        assertFilter("source=" + source, run -> source.equals(run.source()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"müller", "MÜLLER", "\"acme\"", ", quote", "\nkyc", "注文", "📊",
            "الطلب", "refund request", "no such text anywhere"})
    void searchMatchesTitlesAndCaseTitlesIgnoringCase(String text) {
        String folded = text.toLowerCase(Locale.ROOT);
        Predicate<String> mentions = s -> s != null && s.toLowerCase(Locale.ROOT).contains(folded);

        assertFilter("search=" + encoded(text),
                run -> mentions.test(run.title()) || mentions.test(run.caseTitle()));
    }

    @Test
    void searchFindsRunsOnlyThroughTheirCaseTitle() {
        long onlyInCase = truth.stream()
                .filter(run -> run.caseTitle() != null
                        && run.caseTitle().contains("Refund request"))
                .filter(run -> run.title() == null || !run.title().contains("Refund request"))
                .count();

        assertThat(onlyInCase).isPositive();
        assertThat(total("search=" + encoded("Refund request"))).isEqualTo(onlyInCase);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hasIssuesSplitsRunsByFailingRubrics(boolean hasIssues) {
        Predicate<SimulatedRun> failing = run -> run.evaluation() != null
                && run.evaluation().passed() != null
                && run.evaluation().total() - run.evaluation().passed() > 0;

        assertFilter("has_issues=" + hasIssues, run -> failing.test(run) == hasIssues);
    }

    @ParameterizedTest
    @ValueSource(strings = {"critical", "medium", "low"})
    void issueSeveritySelectsReadyEvaluationsWithThatSeverity(String severity) {
        Function<SeverityCounts, Long> count = switch (severity) {
            case "critical" -> SeverityCounts::critical;
            case "medium" -> SeverityCounts::medium;
            default -> SeverityCounts::low;
        };

        assertFilter("issue_severity=" + severity, run -> run.evaluation() != null
                && run.evaluation().status() == EvaluationStatus.READY
                && run.evaluation().severityCounts() != null
                && count.apply(run.evaluation().severityCounts()) > 0);
    }

    @Test
    void issueSeverityNeverMatchesEvaluationsWithoutSeverityData() {
        List<String> ids = api.ids("issue_severity=medium");

        assertThat(truth).filteredOn(run -> ids.contains(run.id()))
                .allSatisfy(run -> assertThat(run.evaluation().severityCounts()).isNotNull());
        assertThat(truth).anyMatch(run -> run.hasIssues()
                && run.evaluation().severityCounts() == null);
    }

    @Test
    void sinceReturnsOnlyRunsCompletedAtOrAfterIt() {
        assertFilter("since=" + SINCE, run -> run.completedAt() != null
                && !run.completedAt().isBefore(SINCE));
        assertThat(api.all("since=" + SINCE, "asc"))
                .allSatisfy(row -> assertThat(row.get("completed_at").isString()).isTrue());
    }

    @Test
    void sinceAcceptsOffsetsAndFractions() {
        String withOffset = encoded("2026-11-28T10:30:00.000+01:00");

        assertThat(total("since=" + withOffset)).isEqualTo(total("since=2026-11-28T09:30:00Z"));
    }

    @Test
    void sinceIsInclusive() {
        SimulatedRun completed = truth.stream().filter(run -> run.completedAt() != null)
                .reduce((a, b) -> b).orElseThrow();
        String at = completed.completedAt().toString();

        assertThat(api.ids("since=" + at)).contains(completed.id());
    }

    @Test
    void digestFilterReturnsTheDigestsRuns() {
        String digest = mostCommon(SimulatedRun::digestId);

        assertFilter("digest_id=" + digest, run -> digest.equals(run.digestId()));
    }

    @Test
    void filtersCombineWithAnd() {
        String agent = mostNamedAgent();

        assertFilter("status=completed&has_issues=true&agent_id=" + agent,
                run -> run.status() == RunStatus.COMPLETED && run.hasIssues()
                        && agent.equals(run.agentId()));
    }

    @Test
    void descendingFilteredPagesAreTheReverseOfAscending() {
        List<String> ascending = api.ids("status=failed");
        List<String> descending = api.all("status=failed", "desc").stream()
                .map(row -> row.get("id").stringValue()).toList();

        List<String> reversed = new ArrayList<>(ascending);
        Collections.reverse(reversed);

        assertThat(descending).isEqualTo(reversed);
    }

    @Test
    void emptySourceAndSearchDoNotFilter() {
        assertThat(total("source=&search=")).isEqualTo(6_000);
    }

    private void assertFilter(String filter, Predicate<SimulatedRun> expected) {
        List<String> expectedIds = truth.stream().filter(expected).map(SimulatedRun::id).toList();

        assertThat(api.ids(filter)).as(filter).isEqualTo(expectedIds);
        assertThat(total(filter)).as("total of " + filter).isEqualTo(expectedIds.size());
    }

    private static long total(String filter) {
        return api.list(filter.isEmpty() ? "limit=1" : filter + "&limit=1").json().get("total")
                .longValue();
    }

    private static String mostNamedAgent() {
        Map<String, Long> names = truth.stream().collect(Collectors.groupingBy(
                SimulatedRun::agentId,
                Collectors.collectingAndThen(Collectors.mapping(SimulatedRun::agentName,
                        Collectors.toSet()), set -> (long) set.size())));
        return names.entrySet().stream().filter(e -> e.getValue() > 1).findFirst().orElseThrow()
                .getKey();
    }

    private static String mostCommon(Function<SimulatedRun, String> key) {
        return truth.stream().map(key).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
