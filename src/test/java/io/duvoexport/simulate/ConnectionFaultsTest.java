package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on the wire: dropped connections, slow answers, bodies cut short or stalled. */
class ConnectionFaultsTest {

    private static RunsSimulator simulator;
    private static RunsApi api;

    @BeforeAll
    static void start() {
        simulator = RunsSimulator.start(TestTeams.team(500).build());
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
    }

    @Test
    void resetConnectionAndItsRetryFailTheRequestWithoutAnyAnswer() {
        simulator.faults(FaultPlan.of(Fault.CONNECTION_RESET, Trigger.next(2)));

        assertThatThrownBy(() -> api.list("limit=10"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("received no bytes");

        assertThat(simulator.faultCounts().count(Fault.CONNECTION_RESET)).isEqualTo(2);
        assertThat(simulator.requestCounts().total()).isZero();
        assertThat(api.list("limit=10").status()).isEqualTo(200);
    }

    @Test
    void singleResetIsHiddenByTheClientsOwnRetry() {
        long before = simulator.requestsReceived();
        simulator.faults(FaultPlan.of(Fault.CONNECTION_RESET, Trigger.next(1)));

        assertThat(api.list("limit=10").status()).isEqualTo(200);

        assertThat(simulator.requestsReceived()).isEqualTo(before + 2);
        assertThat(simulator.faultCounts().count(Fault.CONNECTION_RESET)).isEqualTo(1);
    }

    @Test
    void slowAnswerOutlastsTheClientsTimeoutThenAnswersNormally() {
        simulator.faults(FaultPlan.builder()
                .inject(Fault.SLOW_RESPONSE, Trigger.requests(1, 2))
                .slowResponseDelay(Duration.ofMillis(400))
                .build());

        assertThatThrownBy(() -> api.list("limit=1", Duration.ofMillis(100)))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        long started = System.nanoTime();
        RunsApi.Reply patient = api.list("limit=1", Duration.ofSeconds(5));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(patient.status()).isEqualTo(200);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(api.list("limit=1", Duration.ofSeconds(2)).status()).isEqualTo(200);
        assertThat(simulator.faultCounts().count(Fault.SLOW_RESPONSE)).isEqualTo(2);
    }

    @Test
    void bodyShorterThanItsContentLengthFailsTheRead() {
        simulator.faults(FaultPlan.of(Fault.TRUNCATED_LENGTH, Trigger.next(1)));

        assertThatThrownBy(() -> api.list("limit=50"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("content-length");

        assertThat(simulator.faultCounts().count(Fault.TRUNCATED_LENGTH)).isEqualTo(1);
        assertThat(simulator.injectedFaults()).singleElement()
                .extracting(InjectedFault::detail).asString().contains("then closed");
        assertThat(api.list("limit=50").status()).isEqualTo(200);
    }

    @Test
    void truncatedJsonArrivesWholeAndDoesNotParse() {
        simulator.faults(FaultPlan.of(Fault.TRUNCATED_JSON, Trigger.next(1)));

        RunsApi.Reply cut = api.list("limit=50&offset=100");
        RunsApi.Reply whole = api.list("limit=50&offset=100");

        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.header("content-length")).isNull();
        assertThat(cut.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(cut.body().length).isBetween(whole.body().length / 4,
                whole.body().length * 3 / 4);
        assertThat(cut.body()).isEqualTo(Arrays.copyOf(whole.body(), cut.body().length));
        assertThatThrownBy(cut::json).isInstanceOf(RuntimeException.class);
        assertThat(whole.json().get("data")).hasSize(50);
    }

    @Test
    void stalledBodySendsHeadersAndPartOfThePageThenStopsBeforeTheRest() throws Exception {
        byte[] clean = api.list("limit=50&offset=100").body();
        simulator.faults(FaultPlan.builder()
                .inject(Fault.STALLED_BODY, Trigger.next(1))
                .slowResponseDelay(Duration.ofMillis(1_500))
                .build());

        RawGet.Arrival stalled = RawGet.get(simulator.baseUrl(), api.runsPath()
                + "?limit=50&offset=100", simulator.apiKey(), Duration.ofMillis(500),
                Duration.ofSeconds(10));

        assertThat(stalled.status()).isEqualTo(200);
        assertThat(stalled.headers()).containsEntry("content-length",
                Integer.toString(clean.length));
        assertThat(stalled.beforeSilence().length).isBetween(clean.length / 4,
                clean.length * 3 / 4);
        assertThat(stalled.beforeSilence())
                .isEqualTo(Arrays.copyOf(clean, stalled.beforeSilence().length));
        assertThat(stalled.body()).isEqualTo(clean);
        assertThat(simulator.injectedFaults()).singleElement()
                .extracting(InjectedFault::detail).asString().endsWith("then stalled 1500 ms");
    }

    @Test
    void stalledBodyGivesWayToATruncation() {
        simulator.faults(FaultPlan.builder()
                .inject(Fault.STALLED_BODY, Trigger.next(1))
                .inject(Fault.TRUNCATED_JSON, Trigger.next(1))
                .build());

        assertThat(api.list("limit=50").status()).isEqualTo(200);

        assertThat(simulator.faultCounts().count(Fault.TRUNCATED_JSON)).isEqualTo(1);
        assertThat(simulator.faultCounts().count(Fault.STALLED_BODY)).isZero();
    }

    @Test
    void pageFaultsLeaveErrorAnswersAlone() {
        simulator.faults(FaultPlan.of(Fault.TRUNCATED_LENGTH, Trigger.always()));

        RunsApi.Reply refused = api.list("limit=0");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").stringValue()).isEqualTo("invalid_parameter");
        assertThat(simulator.faultCounts().total()).isZero();
    }
}
