package io.duvoexport.simulate;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code simulate}: serves a simulated runs endpoint until the process is killed.
 *
 * <p>Prints the three environment lines a client needs on standard output, as {@code export}
 * commands a shell accepts as pasted (so that programs it starts, such as {@code make run}, see
 * them), and one summary line on standard error.
 */
public final class SimulatorCommand {

    /** Exit code for a bad command line. */
    public static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: simulate [options]
            Serves a simulated Duvo GET /v2/teams/{teamId}/runs until killed, and prints the
            DUVO_BASE_URL, DUVO_TEAM_ID and DUVO_API_KEY a client needs.

              --host ADDRESS              address to bind (default 127.0.0.1)
              --port N                    port to bind, 0 for any free one (default 8080)
              --runs N                    runs to generate (default 20000)
              --days N                    span of the runs in days, ending at --now (default 90)
              --seed N                    seed of the data; same settings, same data (default 42)
              --now INSTANT               instant the data is generated for, e.g.
                                          2026-12-01T00:00:00Z (default: the current time)
              --team-id UUID              the team's id (default %s)
              --api-key KEY               the valid API key (default %s)
              --rate-limit N|off          requests per window per key, 0 or off for none
                                          (default 300)
              --rate-window-seconds N     length of a rate-limit window (default 60)
              --status-in-payload BOOL    whether rows carry status: true or false (default true)
              --latency-ms N              delay added to every response (default 0)
              --threads N                 threads serving requests (default 16)
              --prerendered BOOL          render each run once at start and serve pages
                                          assembled from those bytes (default false)
              -h, --help                  print this help

            Faults (all off unless named):
              --fault KIND=WHEN           inject KIND on the requests WHEN selects; repeatable.
                                          KIND: key-revoked, forbidden, connection-reset,
                                          internal-error, bad-gateway, bad-gateway-html,
                                          service-unavailable, gateway-timeout,
                                          gateway-timeout-html, rate-limited, rate-limited-date,
                                          rate-limited-zero, html-page, truncated-length,
                                          truncated-json, wrong-total, duplicate-rows, bad-rows,
                                          slow-response, drift, stalled-body
                                          WHEN: always, never, or parts joined by commas:
                                          request:N, requests:N-M, next:K, after:N, every:N,
                                          chance:P; requests are numbered from 1 at start.
                                          e.g. --fault service-unavailable=chance:0.05
                                               --fault connection-reset=requests:10-11
                                               --fault drift=every:20
              --fault-seed N              seed of the fault draws (default 0)
              --slow-ms N                 how long slow-response holds an answer back, and
                                          stalled-body stops a page part way (default 5000)
              --retry-after-seconds N     wait announced by rate-limited and rate-limited-date
                                          (default 1)
              --bad-row-chance P          share of runs bad-rows breaks (default 0.01)
              --bad-row-kinds LIST        defects bad-rows uses, comma separated (default all):
                                          id-missing, created-at-missing, created-at-unparseable,
                                          run-number-as-string, negative-prompt-count,
                                          passed-over-total, title-as-number
              --total-error N             most that wrong-total is off by (default 3)
              --duplicate-rows N          rows a duplicate-rows page repeats (default 1)
              --drift-batch N             runs each drift deletes, changes and inserts
                                          (default 2)
            """.formatted(SimulatorSettings.DEFAULT_TEAM_ID, SimulatorSettings.DEFAULT_API_KEY);

    private static final String FAULT = "--fault";
    private static final Set<String> FLAGS = Set.of("--host", "--port", "--runs", "--days",
            "--seed", "--now", "--team-id", "--api-key", "--rate-limit", "--rate-window-seconds",
            "--status-in-payload", "--latency-ms", "--threads", "--prerendered", FAULT,
            "--fault-seed",
            "--slow-ms", "--retry-after-seconds", "--bad-row-chance", "--bad-row-kinds",
            "--total-error", "--duplicate-rows", "--drift-batch");
    private static final Pattern TEAM_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern API_KEY = Pattern.compile("\\S+");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private SimulatorCommand() {}

    /**
     * Runs the command; {@code args} may start with the word {@code simulate}. Returns only on
     * {@code --help} (0), a bad command line (2), a port that cannot be bound (1), or when the
     * calling thread is interrupted (0).
     */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, List<String>> flags;
        SimulatorSettings settings;
        try {
            flags = parse(args);
            if (flags.containsKey("--help")) {
                out.print(USAGE);
                return 0;
            }
            settings = settings(flags);
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage() + " (see --help)");
            return USAGE_ERROR;
        }
        return serve(settings, out, err);
    }

    private static int serve(SimulatorSettings settings, PrintStream out, PrintStream err) {
        RunsSimulator simulator;
        try {
            simulator = RunsSimulator.start(settings);
        } catch (UncheckedIOException e) {
            err.println("simulate: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        Thread closer = new Thread(simulator::close, "runs-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        // the summary first: whoever reads the settings from stdout finds it already written
        err.println(summary(settings) + "; stop with Ctrl-C");
        err.flush();
        out.println("export DUVO_BASE_URL=" + shellWord(simulator.baseUrl()));
        out.println("export DUVO_TEAM_ID=" + shellWord(simulator.teamId()));
        out.println("export DUVO_API_KEY=" + shellWord(simulator.apiKey()));
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(closer);
        simulator.close();
        return 0;
    }

    /** Every value of every flag, in order; only {@code --fault} uses more than its last. */
    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        int start = args.length > 0 && args[0].equals("simulate") ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                flags.put("--help", List.of());
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag " + name);
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            flags.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return flags;
    }

    private static SimulatorSettings settings(Map<String, List<String>> flags) {
        SimulatorSettings.Builder settings = SimulatorSettings.builder().port(8080);
        FaultPlan.Builder faults = FaultPlan.builder();
        flags.forEach((flag, values) -> {
            if (flag.equals(FAULT)) {
                values.forEach(value -> inject(faults, value));
            } else {
                String value = values.get(values.size() - 1);
                apply(settings, flag, value);
                shapeFaults(faults, flag, value);
            }
        });
        return settings.rateLimit(rateLimit(flags)).faults(faults.build()).build();
    }

    private static void apply(SimulatorSettings.Builder settings, String flag, String value) {
        switch (flag) {
            case "--host" -> settings.host(value);
            case "--port" -> settings.port(integer(flag, value, 0, 65_535));
            case "--runs" -> settings.runs(integer(flag, value, 0, Integer.MAX_VALUE));
            case "--days" -> settings.days(integer(flag, value, 1, 36_500));
            case "--seed" -> settings.seed(seed(flag, value));
            case "--now" -> settings.now(instant(value));
            case "--team-id" -> settings.teamId(matching(flag, value, TEAM_ID, "a lowercase uuid"));
            case "--api-key" -> settings.apiKey(matching(flag, value, API_KEY, "without spaces"));
            case "--status-in-payload" -> settings.statusInPayload(bool(flag, value));
            case "--latency-ms" ->
                    settings.latency(Duration.ofMillis(integer(flag, value, 0, 600_000)));
            case "--threads" -> settings.threads(integer(flag, value, 1, 1_024));
            case "--prerendered" -> settings.prerendered(bool(flag, value));
            default -> { } // rate-limit flags combine below, fault flags apart
        }
    }

    /** {@code KIND=WHEN}, e.g. {@code connection-reset=requests:10-11}. */
    private static void inject(FaultPlan.Builder faults, String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(FAULT
                    + " must be KIND=WHEN, e.g. service-unavailable=chance:0.05, was " + value);
        }
        try {
            faults.inject(Fault.fromFlagName(value.substring(0, equals).trim()),
                    Trigger.parse(value.substring(equals + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FAULT + " " + value + ": " + e.getMessage(), e);
        }
    }

    private static void shapeFaults(FaultPlan.Builder faults, String flag, String value) {
        switch (flag) {
            case "--fault-seed" -> faults.seed(seed(flag, value));
            case "--slow-ms" ->
                    faults.slowResponseDelay(Duration.ofMillis(integer(flag, value, 0, 600_000)));
            case "--retry-after-seconds" ->
                    faults.retryAfter(Duration.ofSeconds(integer(flag, value, 1, 86_400)));
            case "--bad-row-chance" -> faults.badRowChance(probability(flag, value));
            case "--bad-row-kinds" -> faults.badRowKinds(badRowKinds(value));
            case "--total-error" -> faults.totalError(integer(flag, value, 1, 1_000_000));
            case "--duplicate-rows" -> faults.duplicatedRows(integer(flag, value, 1, 100));
            case "--drift-batch" -> faults.driftBatch(integer(flag, value, 1, 1_000));
            default -> { } // not a fault flag
        }
    }

    private static Set<BadRow> badRowKinds(String value) {
        Set<BadRow> kinds = EnumSet.noneOf(BadRow.class);
        for (String name : value.split(",")) {
            try {
                kinds.add(BadRow.fromFlagName(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--bad-row-kinds: " + e.getMessage(), e);
            }
        }
        return kinds;
    }

    private static RateLimit rateLimit(Map<String, List<String>> flags) {
        String requests = last(flags, "--rate-limit", "300");
        if (requests.equals("off")) {
            return RateLimit.off();
        }
        int perWindow = integer("--rate-limit", requests, 0, Integer.MAX_VALUE);
        int seconds = integer("--rate-window-seconds",
                last(flags, "--rate-window-seconds", "60"), 1, 86_400);
        return perWindow == 0
                ? RateLimit.off()
                : RateLimit.of(perWindow, Duration.ofSeconds(seconds));
    }

    private static String last(Map<String, List<String>> flags, String flag, String otherwise) {
        List<String> values = flags.get(flag);
        return values == null ? otherwise : values.get(values.size() - 1);
    }

    private static int integer(String flag, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(
                flag + " must be an integer from " + min + " to " + max + ", was " + value);
    }

    private static String matching(String flag, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(flag + " must be " + what + ", was " + value);
        }
        return value;
    }

    private static long seed(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, was " + value);
        }
    }

    private static double probability(String flag, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(flag + " must be a number from 0 to 1, was " + value);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--now must be an instant like 2026-12-01T00:00:00Z, was " + value);
        }
    }

    private static boolean bool(String flag, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(flag + " must be true or false, was " + value);
    }

    private static String summary(SimulatorSettings s) {
        return "simulating " + s.runs() + " runs over " + s.days() + " days up to " + s.now()
                + " (seed " + s.seed() + "), rate limit " + s.rateLimit() + ", latency "
                + s.latency().toMillis() + " ms, status in payload " + s.statusInPayload()
                + (s.faults().isEmpty() ? "" : ", faults " + s.faults());
    }

    /** {@code value} as one shell word: as is when safe, otherwise single-quoted. */
    static String shellWord(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
