package io.duvoexport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitPacerTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when the pacer sleeps or the test says so. */
    private static final class FakeClock implements RateLimitPacer.Clock {
        long nanos = 1_700_000_000_250L * 1_000_000; // a quarter second into a second

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long epochMillis() {
            return nanos / 1_000_000;
        }

        @Override
        public void sleep(long duration) {
            nanos += duration;
        }
    }

    /** The API's fixed windows, on a clock that may run behind the client's. */
    private static final class FixedWindowApi {
        final int limit;
        final long windowMillis;
        final long lagMillis;
        long index = Long.MIN_VALUE;
        int used;
        int answered;
        int throttled;

        FixedWindowApi(int limit, long windowMillis, long lagMillis) {
            this.limit = limit;
            this.windowMillis = windowMillis;
            this.lagMillis = lagMillis;
        }

        /** Counts a request at the client's time and answers with headers. */
        RateLimit answer(long clientMillis, boolean[] throttledOut) {
            long now = clientMillis - lagMillis;
            long current = Math.floorDiv(now, windowMillis);
            if (current != index) {
                index = current;
                used = 0;
            }
            boolean allowed = used < limit;
            if (allowed) {
                used++;
                answered++;
            } else {
                throttled++;
            }
            throttledOut[0] = !allowed;
            long resetSeconds = Math.floorDiv((current + 1) * windowMillis + 999, 1_000);
            return new RateLimit(OptionalLong.of(limit), OptionalLong.of(limit - used),
                    Instant.ofEpochSecond(resetSeconds));
        }
    }

    private static void send(RateLimitPacer pacer, FakeClock clock, FixedWindowApi api,
            int requests, long requestNanos) throws Exception {
        boolean[] throttled = new boolean[1];
        for (int done = 0; done < requests; ) {
            pacer.acquire();
            clock.nanos += requestNanos;
            RateLimit headers = api.answer(clock.epochMillis(), throttled);
            pacer.observe(headers, throttled[0]);
            if (!throttled[0]) {
                done++;
            }
        }
    }

    @Test
    void usesEveryWindowsBudgetWithoutA429() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimitPacer pacer = new RateLimitPacer(0, clock);
        FixedWindowApi api = new FixedWindowApi(100, 1_000, 0);
        long start = clock.nanos;

        send(pacer, clock, api, 3_000, 1_000_000);

        double seconds = (clock.nanos - start) / (double) SECOND;
        assertThat(api.throttled).isZero();
        assertThat(3_000 / seconds).as("requests per second").isGreaterThanOrEqualTo(95);
    }

    @Test
    void keepsToTheCeilingWhenItIsBelowTheApisLimit() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimitPacer pacer = new RateLimitPacer(600, clock);
        FixedWindowApi api = new FixedWindowApi(100, 1_000, 0);
        List<Long> starts = new ArrayList<>();
        boolean[] throttled = new boolean[1];

        for (int i = 0; i < 50; i++) {
            pacer.acquire();
            starts.add(clock.nanos);
            pacer.observe(api.answer(clock.epochMillis(), throttled), throttled[0]);
        }

        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(SECOND / 10);
        }
        assertThat(api.throttled).isZero();
    }

    @Test
    void widensItsMarginWhenTheApisClockRunsBehind() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimitPacer pacer = new RateLimitPacer(0, clock);
        FixedWindowApi api = new FixedWindowApi(50, 1_000, 300);

        send(pacer, clock, api, 5_000, 1_000_000);

        assertThat(api.throttled).as("429s before the margin covers the lag")
                .isBetween(1, 5);
        assertThat(pacer.margin()).isGreaterThan(300_000_000L);
        assertThat(pacer.throttledResponses()).isEqualTo(api.throttled);
    }

    @Test
    void leavesToAnotherClientWhatItUsesOfTheSameKey() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimitPacer pacer = new RateLimitPacer(0, clock);
        FixedWindowApi api = new FixedWindowApi(100, 1_000, 0);
        boolean[] throttled = new boolean[1];
        int ours = 0;

        for (int i = 0; i < 2_000; i++) {
            pacer.acquire();
            clock.nanos += 1_000_000;
            if (i % 4 == 0) {
                api.answer(clock.epochMillis(), throttled); // the other client's request
            }
            pacer.observe(api.answer(clock.epochMillis(), throttled), throttled[0]);
            ours += throttled[0] ? 0 : 1;
        }

        assertThat(api.throttled).as("429s").isLessThanOrEqualTo(2_000 / 100);
        assertThat(ours).isGreaterThan(1_900);
    }

    @Test
    void slowsDownAfterA429WithoutHeadersAndRecoversAfterwards() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimitPacer pacer = new RateLimitPacer(0, clock);
        pacer.acquire();
        pacer.observe(RateLimit.UNKNOWN, true);
        pacer.acquire();
        pacer.observe(RateLimit.UNKNOWN, true);

        long before = clock.nanos;
        pacer.acquire();
        long waited = clock.nanos - before;
        for (int i = 0; i < 300; i++) {
            pacer.observe(RateLimit.UNKNOWN, false);
        }
        pacer.acquire();
        before = clock.nanos;
        pacer.acquire();

        assertThat(waited).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(clock.nanos - before).isLessThan(waited / 100);
    }

    @Test
    void refusesANegativeCeilingNamingTheSetting() {
        assertThatThrownBy(() -> new RateLimitPacer(-1))
                .hasMessageContaining("duvo.http.max-requests-per-minute");
    }
}
