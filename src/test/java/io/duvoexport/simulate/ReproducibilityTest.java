package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The same settings give the same bytes; another seed gives other runs. */
class ReproducibilityTest {

    @Test
    void sameSettingsServeByteIdenticalPages() {
        SimulatorSettings settings = TestTeams.team(4_000).build();

        assertThat(allPages(settings)).isEqualTo(allPages(settings));
    }

    @Test
    void portAndRateLimitDoNotChangeTheData() {
        byte[] plain = allPages(TestTeams.team(500).build());
        byte[] limited = allPages(TestTeams.team(500)
                .rateLimit(RateLimit.of(6_000, Duration.ofMinutes(1))).build());

        assertThat(limited).isEqualTo(plain);
    }

    @Test
    void anotherSeedServesOtherRuns() {
        byte[] first = allPages(TestTeams.team(500).build());
        byte[] second = allPages(TestTeams.team(500).seed(7).build());

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void generatesTwentyThousandRunsInWellUnderASecond() {
        Instant now = TestTeams.NOW;
        generate(20_000, now);

        long started = System.nanoTime();
        SimulatedRun[] runs = generate(20_000, now);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(runs).hasSize(20_000);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    private static SimulatedRun[] generate(int count, Instant now) {
        SplittableRandom root = new SplittableRandom(1);
        RunFactory factory = new RunFactory(
                SyntheticTeam.create(root.split(), now.minus(Duration.ofDays(90)), now));
        return RunGenerator.generate(count, 90, now, factory, new RunNumbers(), root.split());
    }

    /** Every page of the team, ascending, concatenated as received. */
    private static byte[] allPages(SimulatorSettings settings) {
        try (RunsSimulator simulator = RunsSimulator.start(settings)) {
            RunsApi api = new RunsApi(simulator);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int offset = 0; offset < settings.runs(); offset += 100) {
                bytes.writeBytes(api.list("sort_order=asc&limit=100&offset=" + offset).body());
            }
            return bytes.toByteArray();
        }
    }
}
