package io.duvoexport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.duvoexport.simulate.Fault;
import io.duvoexport.simulate.FaultPlan;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import io.duvoexport.simulate.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The client pages through the simulator under every filter of the contract and gets exactly
 * the runs that the simulator's own data says match, in order. Expected sets are computed here
 * from the contract's definitions, not by the simulator's filter code.
 */
class RunsClientAgainstSimulatorTest {

    private static final Instant NOW = Instant.parse("2026-12-03T01:30:00Z");

    private static RunsSimulator sim;
    private static RunsClient client;

    @BeforeAll
    static void start() {
        sim = RunsSimulator.start(SimulatorSettings.builder().seed(5).runs(1500).days(30)
                .now(NOW).port(0).rateLimit(RateLimit.off()).build());
        client = RunsClient.builder().baseUrl(sim.baseUrl()).teamId(sim.teamId())
                .apiKey(new ApiKey(sim.apiKey())).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void pageWhoseBodyStallsIsAbortedAfterTheReadTimeoutAndReadAgain() throws Exception {
        List<Duration> sleeps = new ArrayList<>();
        RunsClient impatient = RunsClient.builder().baseUrl(sim.baseUrl()).teamId(sim.teamId())
                .apiKey(new ApiKey(sim.apiKey())).readTimeout(Duration.ofMillis(300))
                .sleeper(sleeps::add).build();
        sim.faults(FaultPlan.builder().inject(Fault.STALLED_BODY, Trigger.next(1))
                .slowResponseDelay(Duration.ofSeconds(5)).build());
        try {
            RunsPage page = impatient.fetch(new RunsQuery(RunFilter.NONE, SortOrder.ASC, 0, 50));

            assertThat(page.runs()).hasSize(50);
            assertThat(impatient.stats().retriesByReason()).containsExactly(entry("timeout", 1L));
            assertThat(impatient.stats().requestsSent()).isEqualTo(2);
            assertThat(sleeps).hasSize(1);
            assertThat(sim.faultCounts().count(Fault.STALLED_BODY)).isEqualTo(1);
        } finally {
            sim.faults(FaultPlan.none());
        }
    }

    static Stream<Arguments> filters() {
        List<SimulatedRun> runs = RunsClientAgainstSimulatorTest.sim.runs();
        SimulatedRun sample = runs.stream()
                .filter(r -> r.userId() != null && r.caseQueueId() != null && r.digestId() != null)
                .findFirst().orElseThrow();
        String word = longestWord(sample.title());
        Instant since = NOW.minusSeconds(5 * 86400);
        return Stream.of(
                Arguments.of("status", RunFilter.NONE.withStatus(RunStatus.FAILED),
                        (Predicate<SimulatedRun>) r -> r.status().wireName().equals("failed")),
                Arguments.of("agent_id", filter(f -> f.agentId(sample.agentId())),
                        match(r -> sample.agentId().equals(r.agentId()))),
                Arguments.of("user_id", filter(f -> f.userId(sample.userId())),
                        match(r -> sample.userId().equals(r.userId()))),
                Arguments.of("case_queue_id", filter(f -> f.caseQueueId(sample.caseQueueId())),
                        match(r -> sample.caseQueueId().equals(r.caseQueueId()))),
                Arguments.of("source", filter(f -> f.source("schedule")),
                        match(r -> "schedule".equals(r.source()))),
                Arguments.of("search", filter(f -> f.search(word.toUpperCase(Locale.ROOT))),
                        match(r -> contains(r.title(), word) || contains(r.caseTitle(), word))),
                Arguments.of("has_issues=true", filter(f -> f.hasIssues(true)),
                        match(r -> r.evaluation() != null && r.evaluation().passed() != null
                                && r.evaluation().total() != null
                                && r.evaluation().total() > r.evaluation().passed())),
                Arguments.of("has_issues=false", filter(f -> f.hasIssues(false)),
                        match(r -> !(r.evaluation() != null && r.evaluation().passed() != null
                                && r.evaluation().total() != null
                                && r.evaluation().total() > r.evaluation().passed()))),
                Arguments.of("issue_severity", filter(f -> f.issueSeverity(IssueSeverity.CRITICAL)),
                        match(r -> r.evaluation() != null
                                && r.evaluation().severityCounts() != null
                                && r.evaluation().severityCounts().critical() > 0)),
                Arguments.of("since", filter(f -> f.since(since)),
                        match(r -> r.completedAt() != null && !r.completedAt().isBefore(since))),
                Arguments.of("digest_id", filter(f -> f.digestId(sample.digestId())),
                        match(r -> Objects.equals(sample.digestId(), r.digestId()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void everyFilterReturnsExactlyTheMatchingRunsOldestFirst(String name, RunFilter filter,
            Predicate<SimulatedRun> expected) throws Exception {
        List<String> want = sim.runs().stream().filter(expected)
                .sorted(Comparator.comparing(SimulatedRun::createdAt).thenComparing(SimulatedRun::id))
                .map(SimulatedRun::id).toList();

        List<String> got = readAll(filter, SortOrder.ASC);

        assertThat(want).as("the filter selects some runs but not all").isNotEmpty()
                .hasSizeLessThan(sim.runs().size());
        assertThat(got).containsExactlyElementsOf(want);
    }

    @Test
    void newestFirstIsTheReverseOrder() throws Exception {
        List<String> asc = readAll(RunFilter.NONE, SortOrder.ASC);
        List<String> desc = new ArrayList<>(readAll(RunFilter.NONE, SortOrder.DESC));

        java.util.Collections.reverse(desc);
        assertThat(desc).containsExactlyElementsOf(asc).hasSize(sim.runs().size());
    }

    private static List<String> readAll(RunFilter filter, SortOrder order) throws Exception {
        List<String> ids = new ArrayList<>();
        RunsQuery query = new RunsQuery(filter, order, 0, 100);
        while (true) {
            RunsPage page = client.fetch(query);
            for (JsonNode run : page.runs()) {
                ids.add(run.get("id").asString());
            }
            if (page.isLast() || query.offset() + 100 >= page.total()) {
                assertThat(ids).hasSize((int) page.total());
                return ids;
            }
            query = query.atOffset(query.offset() + 100);
        }
    }

    private static Predicate<SimulatedRun> match(Predicate<SimulatedRun> p) {
        return p;
    }

    private static boolean contains(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT));
    }

    private static String longestWord(String title) {
        return Stream.of(title.split("[^\\p{L}]+")).max(Comparator.comparingInt(String::length))
                .orElseThrow();
    }

    /** A filter with one field set. */
    private static RunFilter filter(java.util.function.UnaryOperator<FilterBuilder> set) {
        return set.apply(new FilterBuilder()).build();
    }

    private static final class FilterBuilder {
        private String agentId;
        private String userId;
        private String caseQueueId;
        private String source;
        private String search;
        private Boolean hasIssues;
        private IssueSeverity issueSeverity;
        private Instant since;
        private String digestId;

        FilterBuilder agentId(String v) { agentId = v; return this; }
        FilterBuilder userId(String v) { userId = v; return this; }
        FilterBuilder caseQueueId(String v) { caseQueueId = v; return this; }
        FilterBuilder source(String v) { source = v; return this; }
        FilterBuilder search(String v) { search = v; return this; }
        FilterBuilder hasIssues(boolean v) { hasIssues = v; return this; }
        FilterBuilder issueSeverity(IssueSeverity v) { issueSeverity = v; return this; }
        FilterBuilder since(Instant v) { since = v; return this; }
        FilterBuilder digestId(String v) { digestId = v; return this; }

        RunFilter build() {
            return new RunFilter(null, agentId, userId, caseQueueId, source, search, hasIssues,
                    issueSeverity, since, digestId);
        }
    }
}
