package io.duvoexport.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that shapes a simulated team and its server. Build with {@link #builder()}; every
 * setting has a default, listed on the builder's setters.
 *
 * <p>The data is a pure function of {@code seed}, {@code runs}, {@code days} and {@code now}: the
 * same four values give byte-identical responses. Leave {@code now} unset only when the data may
 * differ between starts.
 *
 * @param seed seed of the synthetic data
 * @param runs runs generated at start, >= 0
 * @param days span of the data in days, ending at {@code now}, >= 1
 * @param now the instant the data is generated for: in-flight runs are the recent ones
 * @param teamId the one team that exists, a lowercase uuid
 * @param apiKey the one valid bearer token
 * @param host address to bind
 * @param port port to bind, 0 for an ephemeral one
 * @param statusInPayload whether rows carry {@code status} (the filter works either way)
 * @param rateLimit request budget per key
 * @param latency fixed delay added to every response
 * @param threads threads serving requests
 * @param clock wall clock of the rate-limit windows and of injected retry-after dates (not of
 *     the data)
 * @param faults faults injected from the first request on; {@link FaultPlan#none()} for none
 * @param prerendered whether each run's JSON is rendered once at start and pages are assembled
 *     from those bytes (same bytes, far less work per request; memory of about 1 KiB per run);
 *     runs changed or added later, and pages that faults distort, are rendered per request
 */
public record SimulatorSettings(
        long seed,
        int runs,
        int days,
        Instant now,
        String teamId,
        String apiKey,
        String host,
        int port,
        boolean statusInPayload,
        RateLimit rateLimit,
        Duration latency,
        int threads,
        Clock clock,
        FaultPlan faults,
        boolean prerendered) {

    /** Team id used unless another is set. */
    public static final String DEFAULT_TEAM_ID = "5f1c2b7e-8d4a-4e0b-9c61-2a7d3e9f4b10";
    /** API key used unless another is set. */
    public static final String DEFAULT_API_KEY = "dv_sim_4kQ9xT2mWz7LbR8pN3vC6yHd";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public SimulatorSettings {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(faults, "faults");
        require(runs >= 0, "runs must be >= 0, was " + runs);
        require(days >= 1, "days must be >= 1, was " + days);
        require(UUID_TEXT.matcher(teamId).matches(),
                "teamId must be a lowercase uuid, was " + teamId);
        require(!apiKey.isBlank() && apiKey.chars().noneMatch(Character::isWhitespace),
                "apiKey must be non-empty without whitespace");
        require(port >= 0 && port <= 65_535, "port must be between 0 and 65535, was " + port);
        require(!latency.isNegative(), "latency must be >= 0, was " + latency);
        require(threads >= 1, "threads must be >= 1, was " + threads);
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** All defaults, with {@code now} the current time. */
    public static SimulatorSettings defaults() {
        return builder().build();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builder of {@link SimulatorSettings}; not thread-safe. */
    public static final class Builder {
        private long seed = 42;
        private int runs = 20_000;
        private int days = 90;
        private Instant now;
        private String teamId = DEFAULT_TEAM_ID;
        private String apiKey = DEFAULT_API_KEY;
        private String host = "127.0.0.1";
        private int port;
        private boolean statusInPayload = true;
        private RateLimit rateLimit = RateLimit.VENDOR_DEFAULT;
        private Duration latency = Duration.ZERO;
        private int threads = 16;
        private Clock clock = Clock.systemUTC();
        private FaultPlan faults = FaultPlan.none();
        private boolean prerendered;

        private Builder() {}

        private Builder(SimulatorSettings s) {
            seed = s.seed;
            runs = s.runs;
            days = s.days;
            now = s.now;
            teamId = s.teamId;
            apiKey = s.apiKey;
            host = s.host;
            port = s.port;
            statusInPayload = s.statusInPayload;
            rateLimit = s.rateLimit;
            latency = s.latency;
            threads = s.threads;
            clock = s.clock;
            faults = s.faults;
            prerendered = s.prerendered;
        }

        /** Seed of the synthetic data; default 42. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Runs generated at start; default 20,000. */
        public Builder runs(int value) {
            runs = value;
            return this;
        }

        /** Span of the data in days; default 90. */
        public Builder days(int value) {
            days = value;
            return this;
        }

        /** The instant the data is generated for; default the current time, to the millisecond. */
        public Builder now(Instant value) {
            now = value;
            return this;
        }

        /** The team id; default {@link SimulatorSettings#DEFAULT_TEAM_ID}. */
        public Builder teamId(String value) {
            teamId = value;
            return this;
        }

        /** The API key; default {@link SimulatorSettings#DEFAULT_API_KEY}. */
        public Builder apiKey(String value) {
            apiKey = value;
            return this;
        }

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** Port to bind; default 0, an ephemeral port. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Whether rows carry {@code status}; default true. */
        public Builder statusInPayload(boolean value) {
            statusInPayload = value;
            return this;
        }

        /** Request budget per key; default {@link RateLimit#VENDOR_DEFAULT}, 300 a minute. */
        public Builder rateLimit(RateLimit value) {
            rateLimit = value;
            return this;
        }

        /** Fixed delay added to every response; default zero. */
        public Builder latency(Duration value) {
            latency = value;
            return this;
        }

        /** Threads serving requests; default 16. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** Wall clock of the rate-limit windows and retry-after dates; default the system clock. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Faults injected from the first request on; default {@link FaultPlan#none()}. */
        public Builder faults(FaultPlan value) {
            faults = value;
            return this;
        }

        /** Whether rows are rendered once at start and pages assembled from them; default false. */
        public Builder prerendered(boolean value) {
            prerendered = value;
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} naming the first bad value. */
        public SimulatorSettings build() {
            Instant anchor = now != null ? now : Instant.now().truncatedTo(ChronoUnit.MILLIS);
            return new SimulatorSettings(seed, runs, days, anchor, teamId, apiKey, host, port,
                    statusInPayload, rateLimit, latency, threads, clock, faults, prerendered);
        }
    }
}
