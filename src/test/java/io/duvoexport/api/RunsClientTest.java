package io.duvoexport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunsClientTest {

    private static final String TEAM = "team-1";
    private static final String PAGE = "{\"data\":[{\"id\":\"r1\",\"created_at\":\"2026-11-30T08:15:02Z\"}],"
            + "\"total\":1}";

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RunsClient client() {
        return clientBuilder().build();
    }

    /** Four attempts, backoff from 100 ms up to 2 s, a floor of 500 ms, a 1 min deadline. */
    private RunsClient.Builder clientBuilder() {
        return RunsClient.builder()
                .baseUrl(server.url("/").toString())
                .teamId(TEAM)
                .apiKey(new ApiKey("dv_test_key"))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2),
                        Duration.ofMillis(500), Duration.ofMinutes(1)))
                .sleeper(sleeps::add);
    }

    private static MockResponse throttled(String retryAfter) {
        return new MockResponse.Builder().code(429).addHeader("retry-after", retryAfter)
                .body("{\"error\":\"rate_limited\"}").build();
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    private static RunsQuery query(RunFilter filter) {
        return new RunsQuery(filter, SortOrder.ASC, 200, 100);
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).body(body)
                .addHeader("x-ratelimit-limit", "300")
                .addHeader("x-ratelimit-remaining", "299")
                .addHeader("x-ratelimit-reset", "1764000000")
                .build();
    }

    private static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    @Test
    void sendsTheBearerKeyAndEveryFilterAsQueryParameters() throws Exception {
        server.enqueue(ok(PAGE));
        RunFilter filter = new RunFilter(RunStatus.NEEDS_ATTENTION,
                "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222",
                "33333333-3333-3333-3333-333333333333", "schedule", "naïve & \"quoted\"", true,
                IssueSeverity.CRITICAL, Instant.parse("2026-11-01T00:00:00Z"),
                "44444444-4444-4444-4444-444444444444");

        RunsPage page = client().fetch(query(filter));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer dv_test_key");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/teams/team-1/runs");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("100");
        assertThat(request.getUrl().queryParameter("offset")).isEqualTo("200");
        assertThat(request.getUrl().queryParameter("sort_by")).isEqualTo("created_at");
        assertThat(request.getUrl().queryParameter("sort_order")).isEqualTo("asc");
        assertThat(request.getUrl().queryParameter("status")).isEqualTo("needs_attention");
        assertThat(request.getUrl().queryParameter("agent_id"))
                .isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(request.getUrl().queryParameter("user_id"))
                .isEqualTo("22222222-2222-2222-2222-222222222222");
        assertThat(request.getUrl().queryParameter("case_queue_id"))
                .isEqualTo("33333333-3333-3333-3333-333333333333");
        assertThat(request.getUrl().queryParameter("source")).isEqualTo("schedule");
        assertThat(request.getUrl().queryParameter("search")).isEqualTo("naïve & \"quoted\"");
        assertThat(request.getUrl().queryParameter("has_issues")).isEqualTo("true");
        assertThat(request.getUrl().queryParameter("issue_severity")).isEqualTo("critical");
        assertThat(request.getUrl().queryParameter("since")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(request.getUrl().queryParameter("digest_id"))
                .isEqualTo("44444444-4444-4444-4444-444444444444");
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.runs()).hasSize(1);
        assertThat(page.rateLimit().remaining()).hasValue(299);
    }

    @Test
    void omitsFiltersThatAreNotSet() throws Exception {
        server.enqueue(ok(PAGE));

        client().fetch(query(RunFilter.NONE));

        assertThat(server.takeRequest().getUrl().queryParameterNames())
                .containsExactlyInAnyOrder("limit", "offset", "sort_by", "sort_order");
    }

    @Test
    void readsTotalsBeyond32Bits() throws Exception {
        server.enqueue(ok("{\"data\":[],\"total\":4503599627370495}"));

        assertThat(client().fetch(query(RunFilter.NONE)).total()).isEqualTo(4503599627370495L);
    }

    @Test
    void refusesAFilterIdThatIsNotAUuid() {
        assertThatThrownBy(() -> new RunFilter(null, "not-a-uuid", null, null, null, null, null,
                null, null, null))
                .hasMessage("filter agent-id must be a UUID, was 'not-a-uuid'");
    }

    @Nested
    class TransientFaults {

        @Test
        void retriesA429AfterTheServersRetryAfter() throws Exception {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "3")
                    .body("{\"error\":\"rate_limited\"}").build());
            server.enqueue(ok(PAGE));
            RunsClient client = client();

            client.fetch(query(RunFilter.NONE));

            assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
            assertThat(client.stats().throttledResponses()).isEqualTo(1);
            assertThat(client.stats().retriesByReason()).containsEntry("HTTP 429", 1L);
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void retryAfterZeroStillWaitsTheFloor() throws Exception {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "0").build());
            server.enqueue(ok(PAGE));

            client().fetch(query(RunFilter.NONE));

            assertThat(sleeps).containsExactly(Duration.ofMillis(500));
        }

        @Test
        void retryAfterAsAnHttpDateWaitsUntilThatDate() throws Exception {
            server.enqueue(throttled(httpDate(Instant.now().plusSeconds(8))));
            server.enqueue(ok(PAGE));

            client().fetch(query(RunFilter.NONE));

            // the date has whole seconds: 7 to 8 s ahead when sent, well above the 2 s backoff cap
            assertThat(sleeps).singleElement().satisfies(wait -> assertThat(wait)
                    .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(8)));
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void retryAfterAsADateAlreadyPastWaitsTheFloor() throws Exception {
            server.enqueue(throttled(httpDate(Instant.now().minusSeconds(30))));
            server.enqueue(ok(PAGE));

            client().fetch(query(RunFilter.NONE));

            assertThat(sleeps).containsExactly(Duration.ofMillis(500));
        }

        @ParameterizedTest(name = "retry-after: {0}")
        @ValueSource(strings = {"120", "date"})
        void retryAfterBeyondTheRequestDeadlineGivesUpAtOnceNamingTheSetting(String form) {
            String retryAfter = form.equals("date")
                    ? httpDate(Instant.now().plusSeconds(120)) : form;
            server.enqueue(throttled(retryAfter));
            server.enqueue(ok(PAGE));

            assertThatThrownBy(() -> client().fetch(query(RunFilter.NONE)))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("retry-after")
                    .hasMessageContaining("past duvo.http.request-deadline (1m)")
                    .extracting(e -> ((ApiException) e).kind())
                    .isEqualTo(ApiException.Kind.UNAVAILABLE);
            assertThat(sleeps).isEmpty();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void bodyThatStallsPastTheReadTimeoutIsAbortedAndRetried() throws Exception {
            server.enqueue(new MockResponse.Builder().code(200).body(PAGE)
                    .throttleBody(PAGE.length() / 2, 3, TimeUnit.SECONDS).build());
            server.enqueue(ok(PAGE));
            RunsClient client = clientBuilder().readTimeout(Duration.ofMillis(300)).build();

            RunsPage page = client.fetch(query(RunFilter.NONE));

            assertThat(page.runs()).hasSize(1);
            assertThat(client.stats().retriesByReason()).containsExactly(entry("timeout", 1L));
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void headersLaterThanTheReadTimeoutAreRetriedAsATimeout() throws Exception {
            server.enqueue(new MockResponse.Builder().code(200).body(PAGE)
                    .headersDelay(3, TimeUnit.SECONDS).build());
            server.enqueue(ok(PAGE));
            RunsClient client = clientBuilder().readTimeout(Duration.ofMillis(300)).build();

            RunsPage page = client.fetch(query(RunFilter.NONE));

            assertThat(page.runs()).hasSize(1);
            assertThat(client.stats().retriesByReason()).containsExactly(entry("timeout", 1L));
        }

        @Test
        void bodyThatKeepsComingIsNotCutByTheReadTimeout() throws Exception {
            server.enqueue(new MockResponse.Builder().code(200).body(PAGE)
                    .throttleBody(8, 50, TimeUnit.MILLISECONDS).build());
            RunsClient client = clientBuilder().readTimeout(Duration.ofMillis(300)).build();

            RunsPage page = client.fetch(query(RunFilter.NONE));

            // twice the read timeout of body in all, but never silent for a sixth of it
            assertThat(page.runs()).hasSize(1);
            assertThat(client.stats().retries()).isZero();
        }

        @Test
        void retriesServerErrorsAndBodiesThatAreNotAPage() throws Exception {
            server.enqueue(status(503, "{\"error\":\"unavailable\"}"));
            server.enqueue(status(200, "<html>gateway error</html>"));
            server.enqueue(status(200, "{\"data\":[{\"id\":\"r1\""));
            server.enqueue(ok(PAGE));
            RunsClient client = client();

            RunsPage page = client.fetch(query(RunFilter.NONE));

            assertThat(page.runs()).hasSize(1);
            assertThat(client.stats().retries()).isEqualTo(3);
            assertThat(sleeps).hasSize(3).allSatisfy(d -> assertThat(d).isPositive());
        }

        @Test
        void givesUpAfterMaxAttemptsAsUnavailable() {
            for (int i = 0; i < 4; i++) {
                server.enqueue(status(500, "{\"error\":\"boom\"}"));
            }

            assertThatThrownBy(() -> client().fetch(query(RunFilter.NONE)))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("after 4 attempts (last: HTTP 500)")
                    .extracting(e -> ((ApiException) e).kind())
                    .isEqualTo(ApiException.Kind.UNAVAILABLE);
            assertThat(server.getRequestCount()).isEqualTo(4);
        }
    }

    @Nested
    class Refusals {

        @Test
        void unauthorizedStopsAtOnceNamingTheSetting() {
            server.enqueue(status(401, "{\"error\":\"unauthorized\",\"message\":\"bad key\"}"));

            assertThatThrownBy(() -> client().fetch(query(RunFilter.NONE)))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("DUVO_API_KEY")
                    .hasMessageNotContaining("dv_test_key")
                    .extracting(e -> ((ApiException) e).kind())
                    .isEqualTo(ApiException.Kind.ACCESS_DENIED);
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void badRequestIsNotRetried() {
            server.enqueue(status(400, "{\"error\":\"invalid_parameter\",\"message\":\"limit\\nforged\"}"));

            assertThatThrownBy(() -> client().fetch(query(RunFilter.NONE)))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("invalid_parameter limit\\nforged")
                    .hasMessageNotContaining("\n")
                    .extracting(e -> ((ApiException) e).kind())
                    .isEqualTo(ApiException.Kind.REJECTED);
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void unknownTeamNamesTheTeamSetting() {
            server.enqueue(status(404, "{\"error\":\"not_found\"}"));

            assertThatThrownBy(() -> client().fetch(query(RunFilter.NONE)))
                    .hasMessageContaining("DUVO_TEAM_ID");
        }
    }

    @Nested
    class BaseUrl {

        @Test
        void plainHttpToARemoteHostIsRefused() {
            assertThatThrownBy(() -> RunsClient.builder().baseUrl("http://api.example.com")
                    .teamId(TEAM).apiKey(new ApiKey("k")).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duvo.allow-insecure-http");
        }

        @Test
        void plainHttpToLoopbackIsAllowed() {
            assertThat(RunsClient.builder().baseUrl("http://127.0.0.1:9")
                    .teamId(TEAM).apiKey(new ApiKey("k")).build()).isNotNull();
        }

        @Test
        void keyNeverShowsInItsStringForm() {
            assertThat(new ApiKey("dv_secret").toString()).doesNotContain("dv_secret");
        }
    }
}
