package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duvoexport.api.ApiKey;
import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.SortOrder;
import io.duvoexport.export.FetchUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.IntBinaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class UnitPageReaderTest {

    private final MockWebServer server = new MockWebServer();
    private final List<Long> offsetsRequested = new ArrayList<>();
    // offsets requested with the key "k2", told apart from a reader abandoned mid-request
    private final List<Long> offsetsRequestedWithK2 = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Serves {@code actual} runs but claims {@code claimedTotal}. */
    private void serve(int actual, long claimedTotal) {
        serve((offset, limit) -> Math.max(0, Math.min(limit, actual - offset)), claimedTotal, false);
    }

    private void serve(IntBinaryOperator pageLength, long claimedTotal, boolean ignoreOffset) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
                int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
                synchronized (offsetsRequested) {
                    offsetsRequested.add((long) offset);
                    if ("Bearer k2".equals(request.getHeaders().get("Authorization"))) {
                        offsetsRequestedWithK2.add((long) offset);
                    }
                }
                int from = ignoreOffset ? 0 : offset;
                StringJoiner runs = new StringJoiner(",");
                for (int i = 0; i < pageLength.applyAsInt(from, limit); i++) {
                    runs.add("{\"id\":\"r" + (from + i) + "\",\"created_at\":\"2026-11-30T08:00:00Z\"}");
                }
                return new MockResponse.Builder().code(200)
                        .body("{\"data\":[" + runs + "],\"total\":" + claimedTotal + "}").build();
            }
        });
    }

    private UnitPageReader reader(FetchUnit unit, Long resumeAt) {
        RunsClient client = RunsClient.builder().baseUrl(server.url("/").toString())
                .teamId("team-1").apiKey(new ApiKey("k")).build();
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE,
                new UnitPageReader.Paging(100, 0, SortOrder.ASC, null),
                UnitPageReader.StagedProgress.NONE, new DriftMonitor());
        ExecutionContext context = UnitPageReader.describe(unit);
        if (resumeAt != null) {
            context.putLong("unit.next-offset", resumeAt);
        }
        reader.open(context);
        return reader;
    }

    private static List<RunsPage> readAll(UnitPageReader reader) throws Exception {
        List<RunsPage> pages = new ArrayList<>();
        for (RunsPage page = reader.read(); page != null; page = reader.read()) {
            pages.add(page);
        }
        return pages;
    }

    @Test
    void aShortPageEndsTheScanWhenTotalIsOverstated() throws Exception {
        serve(230, 1_000_000);

        List<RunsPage> pages = readAll(reader(new FetchUnit("all-1", null, 0, FetchUnit.OPEN), null));

        assertThat(pages).extracting(p -> p.runs().size()).containsExactly(100, 100, 30);
        assertThat(offsetsRequested).containsExactly(0L, 100L, 200L);
    }

    @Test
    void anEmptyPageEndsTheScanWhenTotalIsOverstated() throws Exception {
        serve(200, 5000);

        List<RunsPage> pages = readAll(reader(new FetchUnit("all-1", null, 0, FetchUnit.OPEN), null));

        assertThat(pages).hasSize(2);
        assertThat(offsetsRequested).containsExactly(0L, 100L, 200L);
    }

    @Test
    void reachingTotalEndsTheScanWithoutAnExtraRequest() throws Exception {
        serve(300, 300);

        List<RunsPage> pages = readAll(reader(new FetchUnit("all-1", null, 0, FetchUnit.OPEN), null));

        assertThat(pages).hasSize(3);
        assertThat(offsetsRequested).containsExactly(0L, 100L, 200L);
    }

    @Test
    void anApiThatIgnoresOffsetIsRefusedInsteadOfLoopingForever() {
        serve((offset, limit) -> limit, Long.MAX_VALUE, true);
        UnitPageReader reader = reader(new FetchUnit("all-1", null, 0, FetchUnit.OPEN), null);

        assertThatThrownBy(() -> readAll(reader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ignore offset");
        assertThat(offsetsRequested).hasSize(2);
    }

    @Test
    void newestFirstStopsAfterThePageThatReachesBeforeTheWindow() throws Exception {
        // run i was created i minutes before 12:00, newest first
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
                synchronized (offsetsRequested) {
                    offsetsRequested.add((long) offset);
                    if ("Bearer k2".equals(request.getHeaders().get("Authorization"))) {
                        offsetsRequestedWithK2.add((long) offset);
                    }
                }
                StringJoiner runs = new StringJoiner(",");
                for (int i = offset; i < offset + 100; i++) {
                    runs.add("{\"id\":\"r" + i + "\",\"created_at\":\""
                            + java.time.Instant.parse("2026-11-30T12:00:00Z").minusSeconds(60L * i)
                            + "\"}");
                }
                return new MockResponse.Builder().code(200)
                        .body("{\"data\":[" + runs + "],\"total\":100000}").build();
            }
        });
        RunsClient client = RunsClient.builder().baseUrl(server.url("/").toString())
                .teamId("team-1").apiKey(new ApiKey("k")).build();
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE,
                new UnitPageReader.Paging(100, 0, SortOrder.DESC,
                        java.time.Instant.parse("2026-11-30T12:00:00Z").minusSeconds(60L * 250)),
                UnitPageReader.StagedProgress.NONE, new DriftMonitor());
        reader.open(UnitPageReader.describe(new FetchUnit("all-1", null, 0, FetchUnit.OPEN)));

        readAll(reader);

        assertThat(offsetsRequested).containsExactly(0L, 100L, 200L);
    }

    @Test
    void resumesFromTheLastStagedBatchWhenTheJobRepositoryMissedItsCommit() throws Exception {
        serve(10_000, 10_000);
        RunsClient client = RunsClient.builder().baseUrl(server.url("/").toString())
                .teamId("team-1").apiKey(new ApiKey("k")).build();
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE,
                new UnitPageReader.Paging(100, 0, SortOrder.ASC, null),
                unit -> java.util.Optional.of(
                        new io.duvoexport.export.BatchProgress(400, false, null, List.of(), -1)),
                new DriftMonitor());

        reader.open(UnitPageReader.describe(new FetchUnit("all-2", null, 100, 600)));
        readAll(reader);

        assertThat(offsetsRequested).containsExactly(400L, 500L);
    }

    /** Serves runs r0..r999 oldest first; before request {@code at}, deletes r10..r14. */
    private void serveWithDeletesBefore(int at) {
        serveWithDeletesBefore(at, "r0010", "r0014");
    }

    /** Serves runs r0..r999 oldest first; before request {@code at}, deletes first..last. */
    private void serveWithDeletesBefore(int at, String first, String last) {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            runs.add(String.format("r%04d", i));
        }
        server.setDispatcher(new Dispatcher() {
            private int served;

            @Override
            public synchronized MockResponse dispatch(RecordedRequest request) {
                if (++served == at) {
                    runs.removeIf(id -> id.compareTo(first) >= 0 && id.compareTo(last) <= 0);
                }
                int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
                int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
                offsetsRequested.add((long) offset);
                StringJoiner page = new StringJoiner(",");
                for (int i = offset; i < Math.min(runs.size(), offset + limit); i++) {
                    page.add("{\"id\":\"" + runs.get(i) + "\",\"created_at\":\"2026-11-30T08:00:00Z\"}");
                }
                return new MockResponse.Builder().code(200)
                        .body("{\"data\":[" + page + "],\"total\":" + runs.size() + "}").build();
            }
        });
    }

    /** The runs that existed throughout: all but the five deleted. */
    private static List<String> survivors() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i < 10 || i > 14) {
                ids.add(String.format("r%04d", i));
            }
        }
        return ids;
    }

    private java.util.Set<String> readIds(int overlap, DriftMonitor drift) throws Exception {
        RunsClient client = RunsClient.builder().baseUrl(server.url("/").toString())
                .teamId("team-1").apiKey(new ApiKey("k")).build();
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE,
                new UnitPageReader.Paging(100, overlap, SortOrder.ASC, null),
                UnitPageReader.StagedProgress.NONE, drift);
        reader.open(UnitPageReader.describe(new FetchUnit("all-0", null, 0, FetchUnit.OPEN)));
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (RunsPage page : readAll(reader)) {
            ids.addAll(UnitPageReader.ids(page));
        }
        return ids;
    }

    @Test
    void runsDeletedBehindTheOffsetWouldHideOthersWithoutOverlap() throws Exception {
        serveWithDeletesBefore(3);

        java.util.Set<String> ids = readIds(0, new DriftMonitor());

        // r0010..r0014 were read before they went; five survivors slid behind the offset unseen
        assertThat(survivors()).hasSize(995).containsAll(ids.stream()
                .filter(id -> id.compareTo("r0010") < 0 || id.compareTo("r0014") > 0).toList());
        assertThat(ids).hasSize(1000 - 5);
        assertThat(ids).doesNotContainAnyElementsOf(List.of("r0200", "r0201", "r0202", "r0203", "r0204"));
    }

    @Test
    void theDeletedRunThatJoinedTwoPagesCostsOneReReadAndNoFalseAlarm() throws Exception {
        // pages of 100 overlapping by 1: r0099 ends page 0 and should begin page 1
        serveWithDeletesBefore(2, "r0099", "r0099");
        DriftMonitor drift = new DriftMonitor();

        java.util.Set<String> ids = readIds(1, drift);

        // r0099 was read before it went; every run is there, nothing was lost at the joint
        assertThat(ids).hasSize(1000).contains("r0098", "r0100");
        assertThat(drift.boundaryMoves()).isEqualTo(1);
        assertThat(drift.pagesReread()).isEqualTo(1);
        assertThat(drift.unresolved()).isZero();
    }

    @Test
    void aBoundaryMovedByDeletesIsDetectedAndReadAgain() throws Exception {
        serveWithDeletesBefore(3);
        DriftMonitor drift = new DriftMonitor();

        java.util.Set<String> ids = readIds(1, drift);

        assertThat(ids).containsAll(survivors());
        assertThat(drift.boundaryMoves()).isEqualTo(1);
        assertThat(drift.pagesReread()).isEqualTo(1);
        assertThat(drift.unresolved()).isZero();
    }

    @Test
    void overlappingPagesStepByPageSizeMinusTheOverlap() throws Exception {
        serve(1000, 1000);

        readIds(1, new DriftMonitor());

        assertThat(offsetsRequested.subList(0, 3)).containsExactly(0L, 99L, 198L);
    }

    @Test
    void aBoundedUnitStopsAtItsEndOffset() throws Exception {
        serve(10_000, 10_000);

        readAll(reader(new FetchUnit("all-2", null, 100, 300), null));

        assertThat(offsetsRequested).containsExactly(100L, 200L);
    }

    @Test
    void aRestartedUnitResumesAtTheSavedOffset() throws Exception {
        serve(10_000, 10_000);
        UnitPageReader first = reader(new FetchUnit("all-2", null, 100, 600), null);
        first.read();
        first.read();
        ExecutionContext saved = UnitPageReader.describe(new FetchUnit("all-2", null, 100, 600));
        first.update(saved);
        first.close();

        UnitPageReader resumed = new UnitPageReader(RunsClient.builder()
                .baseUrl(server.url("/").toString()).teamId("team-1").apiKey(new ApiKey("k2"))
                .build(), RunFilter.NONE, new UnitPageReader.Paging(100, 0, SortOrder.ASC, null),
                UnitPageReader.StagedProgress.NONE, new DriftMonitor());
        resumed.open(saved);
        readAll(resumed);

        assertThat(offsetsRequestedWithK2).containsExactly(300L, 400L, 500L);
    }

    @Test
    void theNextPageIsRequestedWhileThePageBeforeIsHandedOn() throws Exception {
        serve(10_000, 10_000);
        UnitPageReader reader = reader(new FetchUnit("all-2", null, 0, 400), null);

        reader.read();

        // no second read() yet: the request for offset 100 is already out
        long waitUntil = System.nanoTime() + 10_000_000_000L;
        while (requested().size() < 2 && System.nanoTime() < waitUntil) {
            Thread.sleep(5);
        }
        assertThat(requested()).containsExactly(0L, 100L);
        readAll(reader);
        assertThat(requested()).containsExactly(0L, 100L, 200L, 300L);
    }

    @Test
    void nothingIsRequestedAheadOfTheLastPage() throws Exception {
        serve(250, 250);
        UnitPageReader reader = reader(new FetchUnit("all-1", null, 0, FetchUnit.OPEN), null);

        readAll(reader);
        Thread.sleep(200);

        assertThat(requested()).containsExactly(0L, 100L, 200L);
    }

    private List<Long> requested() {
        synchronized (offsetsRequested) {
            return List.copyOf(offsetsRequested);
        }
    }
}
