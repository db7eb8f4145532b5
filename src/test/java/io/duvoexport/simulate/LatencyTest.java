package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The latency setting delays every answer by at least the configured time. */
class LatencyTest {

    @Test
    void everyAnswerWaitsForTheConfiguredLatency() {
        try (RunsSimulator simulator = RunsSimulator.start(TestTeams.team(20)
                .latency(Duration.ofMillis(150)).build())) {
            RunsApi api = new RunsApi(simulator);
            api.list("limit=1");

            assertThat(timed(() -> api.list("limit=1")))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertThat(timed(() -> api.list("limit=0")))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    private static Duration timed(Runnable request) {
        long started = System.nanoTime();
        request.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
