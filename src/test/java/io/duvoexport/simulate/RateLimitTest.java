package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fixed window per key: headers on every answer, 429 with retry-after once spent. */
class RateLimitTest {

    /** 10:00:00.500, half a second into a two-second window that ends at 10:00:02. */
    private static final Instant WALL = Instant.parse("2026-12-01T10:00:00.500Z");
    private static final long WINDOW_END = Instant.parse("2026-12-01T10:00:02Z").getEpochSecond();

    private final TestClock clock = new TestClock(WALL);

    @Test
    void everyAnswerCarriesTheBudgetAndTheWindowEnd() {
        try (RunsSimulator simulator = start(RateLimit.of(5, Duration.ofSeconds(2)))) {
            RunsApi api = new RunsApi(simulator);
            List<String> remaining = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                RunsApi.Reply reply = api.list("limit=1");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.header("x-ratelimit-limit")).isEqualTo("5");
                assertThat(reply.header("x-ratelimit-reset")).isEqualTo(Long.toString(WINDOW_END));
                remaining.add(reply.header("x-ratelimit-remaining"));
            }
            assertThat(remaining).containsExactly("4", "3", "2", "1", "0");
        }
    }

    @Test
    void spentBudgetAnswersTooManyRequestsWithRetryAfter() {
        try (RunsSimulator simulator = start(RateLimit.of(5, Duration.ofSeconds(2)))) {
            RunsApi api = new RunsApi(simulator);
            for (int i = 0; i < 5; i++) {
                api.list("limit=1");
            }
            RunsApi.Reply refused = api.list("limit=1");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("retry-after")).isEqualTo("2");
            assertThat(refused.header("x-ratelimit-remaining")).isEqualTo("0");
            assertThat(refused.header("x-ratelimit-reset")).isEqualTo(Long.toString(WINDOW_END));
            assertThat(refused.json().get("error").stringValue()).isEqualTo("rate_limited");
            assertThat(simulator.requestCounts().count(429)).isEqualTo(1);
        }
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        try (RunsSimulator simulator = start(RateLimit.of(1, Duration.ofSeconds(2)))) {
            RunsApi api = new RunsApi(simulator);
            api.list("limit=1");
            clock.advance(Duration.ofMillis(1_450));

            assertThat(api.list("limit=1").header("retry-after")).isEqualTo("1");
        }
    }

    @Test
    void nextWindowRestoresTheBudget() {
        try (RunsSimulator simulator = start(RateLimit.of(2, Duration.ofSeconds(2)))) {
            RunsApi api = new RunsApi(simulator);
            api.list("limit=1");
            api.list("limit=1");
            assertThat(api.list("limit=1").status()).isEqualTo(429);

            clock.advance(Duration.ofMillis(1_500));
            RunsApi.Reply next = api.list("limit=1");

            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("x-ratelimit-remaining")).isEqualTo("1");
            assertThat(next.header("x-ratelimit-reset")).isEqualTo(Long.toString(WINDOW_END + 2));
        }
    }

    @Test
    void errorAnswersCarryTheHeadersToo() {
        try (RunsSimulator simulator = start(RateLimit.of(5, Duration.ofSeconds(2)))) {
            RunsApi api = new RunsApi(simulator);

            RunsApi.Reply badRequest = api.list("limit=0");
            RunsApi.Reply unauthorized = api.get(api.runsPath(), "dv_wrong");

            assertThat(badRequest.status()).isEqualTo(400);
            assertThat(badRequest.header("x-ratelimit-remaining")).isEqualTo("4");
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.header("x-ratelimit-limit")).isEqualTo("5");
        }
    }

    @Test
    void eachKeyHasItsOwnBudget() {
        try (RunsSimulator simulator = start(RateLimit.of(1, Duration.ofSeconds(2)))) {
            RunsApi api = new RunsApi(simulator);
            api.get(api.runsPath(), "dv_someone_else");

            assertThat(api.list("limit=1").status()).isEqualTo(200);
        }
    }

    @Test
    void theDefaultIsThreeHundredAMinute() {
        try (RunsSimulator simulator = RunsSimulator.start(TestTeams.team(10)
                .rateLimit(RateLimit.VENDOR_DEFAULT).build())) {
            RunsApi.Reply reply = new RunsApi(simulator).list("");

            assertThat(reply.header("x-ratelimit-limit")).isEqualTo("300");
            assertThat(reply.header("x-ratelimit-remaining")).isEqualTo("299");
        }
        assertThat(SimulatorSettings.builder().build().rateLimit())
                .isEqualTo(RateLimit.of(300, Duration.ofMinutes(1)));
    }

    @Test
    void withoutALimitThereAreNoHeadersAndNoRefusals() {
        try (RunsSimulator simulator = start(RateLimit.off())) {
            RunsApi api = new RunsApi(simulator);
            for (int i = 0; i < 20; i++) {
                assertThat(api.list("limit=1").status()).isEqualTo(200);
            }
            assertThat(api.list("limit=1").header("x-ratelimit-limit")).isNull();
        }
    }

    @Test
    void realClockWindowOfFiftyPerTwoSecondsRefusesTheFiftyFirst() {
        try (RunsSimulator simulator = RunsSimulator.start(TestTeams.team(10)
                .rateLimit(RateLimit.of(50, Duration.ofSeconds(2))).build())) {
            RunsApi api = new RunsApi(simulator);
            long refused = 0;
            for (int i = 0; i < 51; i++) {
                refused += api.list("limit=1").status() == 429 ? 1 : 0;
            }
            // a window boundary may fall inside the burst, and then nothing is refused
            assertThat(refused).isLessThanOrEqualTo(1);
            assertThat(simulator.requestCounts().total()).isEqualTo(51);
        }
    }

    private RunsSimulator start(RateLimit limit) {
        return RunsSimulator.start(TestTeams.team(10).rateLimit(limit).clock(clock).build());
    }
}
