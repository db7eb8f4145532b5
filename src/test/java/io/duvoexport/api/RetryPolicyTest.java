package io.duvoexport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final int SAMPLES = 500;

    /** Backoff from 100 ms, capped at 2 s, floor 500 ms. */
    private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMinutes(1));

    private List<Long> waitsInMillis(int attempt) {
        return IntStream.range(0, SAMPLES)
                .mapToObj(i -> policy.backoff(attempt, null).toMillis())
                .toList();
    }

    @ParameterizedTest(name = "attempt {0}: {1} to {2} ms")
    @CsvSource({"1, 50, 100", "2, 100, 200", "3, 200, 400", "4, 400, 800", "5, 800, 1600"})
    void backoffDoublesWithEachAttemptJitteredToBetweenHalfAndAll(int attempt, long low,
            long high) {
        assertThat(waitsInMillis(attempt)).allSatisfy(wait -> assertThat(wait)
                .isBetween(low, high));
    }

    @ParameterizedTest(name = "attempt {0}")
    @CsvSource({"6", "7", "30", "64", "1000"})
    void backoffIsCappedAtMaxBackoff(int attempt) {
        assertThat(waitsInMillis(attempt)).allSatisfy(wait -> assertThat(wait)
                .isBetween(1_000L, 2_000L));
    }

    @Test
    void jitterSpreadsTheWaitsOverTheWholeRange() {
        List<Long> waits = waitsInMillis(3);

        assertThat(waits.stream().distinct().count()).isGreaterThan(20);
        assertThat(waits.stream().mapToLong(Long::longValue).min().orElseThrow())
                .isLessThan(240);
        assertThat(waits.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isGreaterThan(360);
    }

    @Test
    void retryAfterReplacesTheBackoffWhateverTheAttempt() {
        assertThat(policy.backoff(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.backoff(6, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterBelowTheFloorWaitsTheFloor() {
        assertThat(policy.backoff(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(3, Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-attempts must be at least 1, was 0");
    }
}
