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
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE, 100, SortOrder.ASC, null,
                UnitPageReader.StagedProgress.NONE);
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
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE, 100, SortOrder.DESC,
                java.time.Instant.parse("2026-11-30T12:00:00Z").minusSeconds(60L * 250),
                UnitPageReader.StagedProgress.NONE);
        reader.open(UnitPageReader.describe(new FetchUnit("all-1", null, 0, FetchUnit.OPEN)));

        readAll(reader);

        assertThat(offsetsRequested).containsExactly(0L, 100L, 200L);
    }

    @Test
    void resumesFromTheLastStagedBatchWhenTheJobRepositoryMissedItsCommit() throws Exception {
        serve(10_000, 10_000);
        RunsClient client = RunsClient.builder().baseUrl(server.url("/").toString())
                .teamId("team-1").apiKey(new ApiKey("k")).build();
        UnitPageReader reader = new UnitPageReader(client, RunFilter.NONE, 100, SortOrder.ASC,
                null, unit -> java.util.Optional.of(new io.duvoexport.export.BatchProgress(400, false)));

        reader.open(UnitPageReader.describe(new FetchUnit("all-2", null, 100, 600)));
        readAll(reader);

        assertThat(offsetsRequested).containsExactly(400L, 500L);
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
        offsetsRequested.clear();

        UnitPageReader resumed = new UnitPageReader(RunsClient.builder()
                .baseUrl(server.url("/").toString()).teamId("team-1").apiKey(new ApiKey("k"))
                .build(), RunFilter.NONE, 100, SortOrder.ASC, null,
                UnitPageReader.StagedProgress.NONE);
        resumed.open(saved);
        readAll(resumed);

        assertThat(offsetsRequested).containsExactly(300L, 400L, 500L);
    }
}
