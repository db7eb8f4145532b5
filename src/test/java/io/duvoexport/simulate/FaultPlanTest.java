package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Triggers select the requests they say; plans hold only faults that can fire. */
class FaultPlanTest {

    @Test
    void requestRangesSelectExactlyTheirRequests() {
        assertThat(hits(Trigger.requests(3, 5), 10)).containsExactly(3, 4, 5);
        assertThat(hits(Trigger.request(7), 10)).containsExactly(7);
        assertThat(hits(Trigger.next(2), 10)).containsExactly(1, 2);
        assertThat(hits(Trigger.after(8), 10)).containsExactly(9, 10);
        assertThat(hits(Trigger.every(4), 12)).containsExactly(4, 8, 12);
        assertThat(hits(Trigger.after(10).withPeriod(5), 30)).containsExactly(15, 20, 25, 30);
        assertThat(hits(Trigger.always(), 3)).containsExactly(1, 2, 3);
        assertThat(hits(Trigger.never(), 3)).isEmpty();
    }

    @Test
    void chanceFiresWhenTheDrawIsBelowIt() {
        Trigger trigger = Trigger.requests(1, 10).withChance(0.25);

        assertThat(trigger.fires(5, 0.2)).isTrue();
        assertThat(trigger.fires(5, 0.3)).isFalse();
        assertThat(trigger.fires(11, 0.0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"always", "never", "request:4", "requests:3-9", "after:100",
        "every:10", "chance:0.05", "requests:10-50,chance:0.3", "after:20,every:5,chance:0.5"})
    void textFormReadsBackToTheSameTrigger(String text) {
        Trigger trigger = Trigger.parse(text);

        assertThat(trigger.toString()).isEqualTo(text);
        assertThat(Trigger.parse(trigger.toString())).isEqualTo(trigger);
    }

    @Test
    void nextIsTheSameAsTheFirstRequests() {
        assertThat(Trigger.parse("next:3")).isEqualTo(Trigger.requests(1, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometimes", "requests:5", "after:x", "chance:2", "requests:9-3",
        "every:0", "request:0"})
    void malformedTextIsRefused(String text) {
        assertThatThrownBy(() -> Trigger.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planDropsFaultsThatNeverFireAndKeepsDefaults() {
        FaultPlan plan = FaultPlan.builder()
                .inject(Fault.BAD_GATEWAY, Trigger.never())
                .inject(Fault.DRIFT, Trigger.every(5))
                .build();

        assertThat(plan.triggers()).containsOnlyKeys(Fault.DRIFT);
        assertThat(plan.trigger(Fault.BAD_GATEWAY)).isEqualTo(Trigger.never());
        assertThat(plan.with(Fault.DRIFT, Trigger.never()).isEmpty()).isTrue();
        assertThat(plan.slowResponseDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(plan.badRowKinds()).containsExactlyInAnyOrder(BadRow.values());
        assertThat(FaultPlan.none().isEmpty()).isTrue();
        assertThat(FaultPlan.none()).hasToString("none");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> FaultPlan.builder().retryAfter(Duration.ofMillis(1_500)).build())
                .hasMessageStartingWith("retryAfter");
        assertThatThrownBy(() -> FaultPlan.builder().badRowChance(1.5).build())
                .hasMessageStartingWith("badRowChance");
        assertThatThrownBy(() -> FaultPlan.builder().badRowKinds(Set.of()).build())
                .hasMessageStartingWith("badRowKinds");
        assertThatThrownBy(() -> FaultPlan.builder().driftBatch(0).build())
                .hasMessageStartingWith("driftBatch");
    }

    @Test
    void namesOnTheCommandLineMapToFaultsAndDefects() {
        assertThat(Fault.fromFlagName("rate-limited-date")).isEqualTo(Fault.RATE_LIMITED_DATE);
        assertThat(BadRow.fromFlagName("title-as-number")).isEqualTo(BadRow.TITLE_AS_NUMBER);
        assertThatThrownBy(() -> Fault.fromFlagName("teapot"))
                .hasMessageContaining("connection-reset");
    }

    private static long[] hits(Trigger trigger, long requests) {
        return LongStream.rangeClosed(1, requests).filter(n -> trigger.fires(n, 0.5)).toArray();
    }
}
