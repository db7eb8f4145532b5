package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Faults that replace the answer: error statuses, proxy pages, and the permanent ones. */
class ErrorFaultsTest {

    /** A quarter past ten and a bit, on the Thursday after the test teams' "now". */
    private static final Instant WALL = Instant.parse("2026-12-03T10:15:27.250Z");

    private static RunsSimulator simulator;
    private static RunsApi api;

    @BeforeAll
    static void start() {
        simulator = RunsSimulator.start(TestTeams.team(200).clock(new TestClock(WALL)).build());
        api = new RunsApi(simulator);
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
        simulator.acceptConnections();
    }

    @Test
    void withoutFaultsEveryRequestIsAnswered() {
        for (int i = 0; i < 30; i++) {
            assertThat(api.list("limit=5&offset=" + i).status()).isEqualTo(200);
        }

        assertThat(simulator.faultCounts().total()).isZero();
        assertThat(simulator.injectedFaults()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "INTERNAL_ERROR,      500, internal_error",
        "BAD_GATEWAY,         502, bad_gateway",
        "SERVICE_UNAVAILABLE, 503, service_unavailable",
        "GATEWAY_TIMEOUT,     504, gateway_timeout",
    })
    void serverErrorsCarryAJsonBodyAndStopWhenTheirRequestsArePast(Fault fault, int status,
            String error) {
        simulator.faults(FaultPlan.of(fault, Trigger.next(2)));

        RunsApi.Reply first = api.list("limit=1");
        RunsApi.Reply second = api.list("limit=1");
        RunsApi.Reply third = api.list("limit=1");

        assertThat(first.status()).isEqualTo(status);
        assertThat(first.header("content-type")).startsWith("application/json");
        assertThat(first.json().get("error").stringValue()).isEqualTo(error);
        assertThat(first.json().get("message").stringValue()).isNotBlank();
        assertThat(second.status()).isEqualTo(status);
        assertThat(third.status()).isEqualTo(200);
        assertThat(simulator.faultCounts().count(fault)).isEqualTo(2);
        assertThat(simulator.requestCounts().count(status)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "BAD_GATEWAY_HTML,     502, Bad Gateway",
        "GATEWAY_TIMEOUT_HTML, 504, Gateway Timeout",
    })
    void proxyErrorsCarryAnHtmlPage(Fault fault, int status, String reason) {
        simulator.faults(FaultPlan.of(fault, Trigger.next(1)));

        RunsApi.Reply reply = api.list("");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(reply.text()).startsWith("<!DOCTYPE html>")
                .contains("<title>" + status + " " + reason + "</title>");
        assertThatThrownBy(reply::json).isInstanceOf(RuntimeException.class);
    }

    @Test
    void htmlPageIsAnOkThatIsNotJson() {
        simulator.faults(FaultPlan.of(Fault.HTML_PAGE, Trigger.request(2)));

        RunsApi.Reply normal = api.list("limit=1");
        RunsApi.Reply html = api.list("limit=1");

        assertThat(normal.header("content-type")).startsWith("application/json");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("content-type")).startsWith("text/html");
        assertThat(html.text()).contains("<html").contains("maintenance");
        assertThatThrownBy(html::json).isInstanceOf(RuntimeException.class);
        assertThat(simulator.faultCounts().count(Fault.HTML_PAGE)).isEqualTo(1);
    }

    @Nested
    class TooManyRequests {

        @Test
        void retryAfterInSeconds() {
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.RATE_LIMITED, Trigger.next(1))
                    .retryAfter(Duration.ofSeconds(3))
                    .build());

            RunsApi.Reply reply = api.list("");

            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.header("retry-after")).isEqualTo("3");
            assertThat(reply.json().get("error").stringValue()).isEqualTo("rate_limited");
        }

        @Test
        void retryAfterAsAnHttpDateRoundedUpToTheSecond() {
            simulator.faults(FaultPlan.builder()
                    .inject(Fault.RATE_LIMITED_DATE, Trigger.next(1))
                    .retryAfter(Duration.ofSeconds(3))
                    .build());

            RunsApi.Reply reply = api.list("");

            String date = reply.header("retry-after");
            assertThat(reply.status()).isEqualTo(429);
            assertThat(date).isEqualTo("Thu, 03 Dec 2026 10:15:31 GMT");
            assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                    .isEqualTo(Instant.parse("2026-12-03T10:15:31Z"));
        }

        @Test
        void retryAfterZero() {
            simulator.faults(FaultPlan.of(Fault.RATE_LIMITED_ZERO, Trigger.next(1)));

            RunsApi.Reply reply = api.list("");

            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.header("retry-after")).isEqualTo("0");
        }
    }

    @Nested
    class PermanentFaults {

        @Test
        void revokedKeyIsRefusedOnEveryRequestUntilSwitchedOff() {
            simulator.faults(FaultPlan.of(Fault.KEY_REVOKED, Trigger.always()));

            for (int i = 0; i < 5; i++) {
                RunsApi.Reply reply = api.list("limit=1");
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
                assertThat(reply.json().get("error").stringValue()).isEqualTo("unauthorized");
                assertThat(reply.json().get("message").stringValue()).contains("revoked");
            }
            simulator.faults(FaultPlan.none());

            assertThat(api.list("limit=1").status()).isEqualTo(200);
            assertThat(simulator.faultCounts().count(Fault.KEY_REVOKED)).isEqualTo(5);
        }

        @Test
        void keyWithoutAccessIsForbidden() {
            simulator.faults(FaultPlan.of(Fault.FORBIDDEN, Trigger.after(1)));

            assertThat(api.list("").status()).isEqualTo(200);
            RunsApi.Reply reply = api.list("");
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get("error").stringValue()).isEqualTo("forbidden");
            assertThat(reply.json().get("message").stringValue()).contains(simulator.teamId());
            assertThat(api.list("").status()).isEqualTo(403);
        }

        @Test
        void outageAnswersEveryRequestWithServiceUnavailable() {
            simulator.faults(FaultPlan.of(Fault.SERVICE_UNAVAILABLE, Trigger.always()));

            for (int i = 0; i < 10; i++) {
                assertThat(api.list("limit=1&offset=" + i).status()).isEqualTo(503);
            }

            assertThat(simulator.requestCounts().count(503)).isEqualTo(10);
        }

        @Test
        void refusedConnectionsLastUntilTheSimulatorListensAgain() {
            String before = simulator.baseUrl();
            simulator.refuseConnections();

            assertThatThrownBy(() -> api.list("limit=1"))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
            simulator.acceptConnections();

            assertThat(simulator.baseUrl()).isEqualTo(before);
            assertThat(api.list("limit=1").status()).isEqualTo(200);
        }
    }

    @Test
    void earlierFaultInDeclarationOrderWinsWhenSeveralFire() {
        simulator.faults(FaultPlan.builder()
                .inject(Fault.SERVICE_UNAVAILABLE, Trigger.next(1))
                .inject(Fault.KEY_REVOKED, Trigger.next(1))
                .build());

        assertThat(api.list("").status()).isEqualTo(401);
        assertThat(simulator.faultCounts().count(Fault.SERVICE_UNAVAILABLE)).isZero();
    }

    @Test
    void queuedFailuresComeBeforeThePlan() {
        simulator.faults(FaultPlan.of(Fault.BAD_GATEWAY, Trigger.always()));
        simulator.failNextRequests(1, 413);

        assertThat(api.list("").status()).isEqualTo(413);
        assertThat(api.list("").status()).isEqualTo(502);
    }

    @Test
    void triggersCountRequestsFromWhenThePlanIsSet() {
        api.list("");
        api.list("");
        long before = simulator.requestsReceived();
        simulator.faults(FaultPlan.of(Fault.INTERNAL_ERROR, Trigger.request(2)));

        assertThat(statuses(3)).containsExactly(200, 500, 200);
        assertThat(simulator.injectedFaults()).singleElement().satisfies(injected -> {
            assertThat(injected.request()).isEqualTo(before + 2);
            assertThat(injected.fault()).isEqualTo(Fault.INTERNAL_ERROR);
            assertThat(injected.detail()).startsWith("500");
        });
    }

    @Test
    void chanceIsReproducibleForTheSameSeedAndRequestSequence() {
        FaultPlan plan = FaultPlan.builder()
                .inject(Fault.SERVICE_UNAVAILABLE, Trigger.chance(0.2))
                .seed(3)
                .build();
        simulator.faults(plan);
        List<Integer> first = statuses(150);
        simulator.faults(plan);
        List<Integer> again = statuses(150);
        simulator.faults(plan.toBuilder().seed(4).build());
        List<Integer> otherSeed = statuses(150);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first.stream().filter(status -> status == 503).count()).isBetween(15L, 50L);
        assertThat(first).containsOnly(200, 503);
    }

    private static List<Integer> statuses(int requests) {
        List<Integer> statuses = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            statuses.add(api.list("limit=1").status());
        }
        return statuses;
    }
}
