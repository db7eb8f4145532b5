package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Offset pages over created_at cover every run exactly once, in either direction. */
class PagingTest {

    private static RunsSimulator simulator;
    private static RunsApi api;
    private static List<String> ascendingIds;

    @BeforeAll
    static void start() {
        simulator = RunsSimulator.start(TestTeams.team(3_000).build());
        api = new RunsApi(simulator);
        ascendingIds = simulator.runs().stream().map(SimulatedRun::id).toList();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void ascendingPagesCoverEveryRunOnceInCreationOrder() {
        List<String> paged = api.ids("");

        assertThat(paged).hasSize(3_000).doesNotHaveDuplicates().isEqualTo(ascendingIds);
    }

    @Test
    void descendingPagesAreTheExactReverse() {
        List<String> paged = api.all("", "desc").stream().map(row -> row.get("id").stringValue())
                .toList();
        List<String> reversed = new ArrayList<>(ascendingIds);
        Collections.reverse(reversed);

        assertThat(paged).isEqualTo(reversed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 33, 100})
    void anyPageSizeCutsContiguousPages(int limit) {
        int end = Math.min(3_000, 120 * limit);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < end; offset += limit) {
            api.list("sort_order=asc&limit=" + limit + "&offset=" + offset).json().get("data")
                    .forEach(row -> paged.add(row.get("id").stringValue()));
        }
        assertThat(paged).isEqualTo(ascendingIds.subList(0, end));
    }

    @Test
    void defaultsAreTwentyNewestRunsFirst() {
        JsonNode page = api.list("").json();

        assertThat(page.get("total").longValue()).isEqualTo(3_000);
        assertThat(ids(page)).isEqualTo(IntStream.range(0, 20)
                .mapToObj(i -> ascendingIds.get(2_999 - i)).toList());
    }

    @Test
    void explicitSortByCreatedAtIsTheDefaultOrder() {
        assertThat(api.list("sort_by=created_at&limit=5").text())
                .isEqualTo(api.list("limit=5").text());
    }

    @Test
    void offsetPastTheEndGivesAnEmptyPageAndTheTotal() {
        JsonNode page = api.list("offset=3000&limit=100").json();

        assertThat(page.get("data")).isEmpty();
        assertThat(page.get("total").longValue()).isEqualTo(3_000);
        assertThat(api.list("offset=99999999999999999999").json().get("data")).isEmpty();
    }

    @Test
    void lastPartialPageHoldsTheRest() {
        JsonNode page = api.list("sort_order=asc&offset=2950&limit=100").json();

        assertThat(ids(page)).isEqualTo(ascendingIds.subList(2_950, 3_000));
    }

    @Test
    void runsSharingACreationInstantAreOrderedById() {
        List<SimulatedRun> runs = simulator.runs();
        List<SimulatedRun[]> ties = IntStream.range(1, runs.size())
                .filter(i -> runs.get(i).createdAt().equals(runs.get(i - 1).createdAt()))
                .mapToObj(i -> new SimulatedRun[] {runs.get(i - 1), runs.get(i)})
                .toList();

        assertThat(ties).isNotEmpty().allSatisfy(
                pair -> assertThat(pair[0].id()).isLessThan(pair[1].id()));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(row -> ids.add(row.get("id").stringValue()));
        return ids;
    }
}
