package io.duvoexport.simulate;

import java.time.Instant;

/** Settings of the simulated teams the tests use. */
final class TestTeams {

    /** The fixed "now" of every test team: a Tuesday morning. */
    static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");

    private TestTeams() {}

    /** A reproducible team of {@code runs} runs with no rate limit. */
    static SimulatorSettings.Builder team(int runs) {
        return SimulatorSettings.builder()
                .seed(20_261_201)
                .runs(runs)
                .now(NOW)
                .rateLimit(RateLimit.off())
                .threads(4);
    }
}
