package io.duvoexport.simulate;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code simulate}: serves a simulated runs endpoint until the process is killed.
 *
 * <p>Prints the three environment lines a client needs on standard output, in a form a shell
 * accepts as pasted, and one summary line on standard error.
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
              -h, --help                  print this help
            """.formatted(SimulatorSettings.DEFAULT_TEAM_ID, SimulatorSettings.DEFAULT_API_KEY);

    private static final Set<String> FLAGS = Set.of("--host", "--port", "--runs", "--days",
            "--seed", "--now", "--team-id", "--api-key", "--rate-limit", "--rate-window-seconds",
            "--status-in-payload", "--latency-ms", "--threads");
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
        Map<String, String> flags;
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
        out.println("DUVO_BASE_URL=" + shellWord(simulator.baseUrl()));
        out.println("DUVO_TEAM_ID=" + shellWord(simulator.teamId()));
        out.println("DUVO_API_KEY=" + shellWord(simulator.apiKey()));
        out.flush();
        err.println(summary(settings) + "; stop with Ctrl-C");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(closer);
        simulator.close();
        return 0;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        int start = args.length > 0 && args[0].equals("simulate") ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                flags.put("--help", "");
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag " + name);
            }
            if (equals > 0) {
                flags.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                flags.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return flags;
    }

    private static SimulatorSettings settings(Map<String, String> flags) {
        SimulatorSettings.Builder settings = SimulatorSettings.builder().port(8080);
        flags.forEach((flag, value) -> apply(settings, flag, value));
        return settings.rateLimit(rateLimit(flags)).build();
    }

    private static void apply(SimulatorSettings.Builder settings, String flag, String value) {
        switch (flag) {
            case "--host" -> settings.host(value);
            case "--port" -> settings.port(integer(flag, value, 0, 65_535));
            case "--runs" -> settings.runs(integer(flag, value, 0, Integer.MAX_VALUE));
            case "--days" -> settings.days(integer(flag, value, 1, 36_500));
            case "--seed" -> settings.seed(seed(value));
            case "--now" -> settings.now(instant(value));
            case "--team-id" -> settings.teamId(matching(flag, value, TEAM_ID, "a lowercase uuid"));
            case "--api-key" -> settings.apiKey(matching(flag, value, API_KEY, "without spaces"));
            case "--status-in-payload" -> settings.statusInPayload(bool(flag, value));
            case "--latency-ms" ->
                    settings.latency(Duration.ofMillis(integer(flag, value, 0, 600_000)));
            case "--threads" -> settings.threads(integer(flag, value, 1, 1_024));
            default -> { } // rate-limit flags combine below
        }
    }

    private static RateLimit rateLimit(Map<String, String> flags) {
        String requests = flags.getOrDefault("--rate-limit", "300");
        if (requests.equals("off")) {
            return RateLimit.off();
        }
        int perWindow = integer("--rate-limit", requests, 0, Integer.MAX_VALUE);
        int seconds = integer("--rate-window-seconds",
                flags.getOrDefault("--rate-window-seconds", "60"), 1, 86_400);
        return perWindow == 0
                ? RateLimit.off()
                : RateLimit.of(perWindow, Duration.ofSeconds(seconds));
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

    private static long seed(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, was " + value);
        }
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
                + s.latency().toMillis() + " ms, status in payload " + s.statusInPayload();
    }

    /** {@code value} as one shell word: as is when safe, otherwise single-quoted. */
    static String shellWord(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
