package io.duvoexport.job;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.duvoexport.simulate.SimulatorCommand;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parses the command line, runs the command, and returns the process's exit code. Every
 * non-zero exit prints one line on stderr stating the cause and what to do.
 */
public final class CommandLine {

    static final String USAGE = """
            Usage: duvo-runs-export [command] [options] [--duvo.<setting>=<value> ...]

            Commands:
              export     export every run from the API, publish the dataset, run the reports
                         (the default command)
              report     run the reports again over the exported dataset, without the API
              simulate   serve a simulated Duvo API on this machine (simulate --help)
              demo       export from a built-in simulator into ./out/demo and print the
                         failure rate by agent
              help       print this text

            Options of export:
              --mode=incremental   refresh the last days (duvo.incremental.*), the default;
                                   the first export of a new output is a full one
              --mode=full          rebuild the whole dataset from every run
              --from=YYYY-MM-DD --to=YYYY-MM-DD
                                   refresh the runs created in this range of UTC dates
              --date=YYYY-MM-DD    the night this export belongs to (default: today, UTC)
              --force              export again even if that night already completed
                                   (an unfinished export of that night resumes)

            Options of report:
              --from=YYYY-MM-DD    only runs created on or after that UTC day
              --to=YYYY-MM-DD      only runs created on or before that UTC day
              --agent=AGENT_ID     only runs of that agent
              --date=YYYY-MM-DD    the date unfiltered results are filed under (default: today)
              --print=REPORT       also print that report as a table
              With a filter, results go to <export-dir>/filtered-reports; without, the
              nightly reports, catalog and HTML report are published again.

            Settings come from the environment (DUVO_API_KEY or DUVO_API_KEY_FILE,
            DUVO_TEAM_ID, DUVO_BASE_URL, DUVO_EXPORT_DIR) or from --duvo.<setting>=<value>;
            README.md lists them all. The API key is never accepted on the command line, in
            any spelling, in --spring.application.json, or as a -D system property.
            """;

    private CommandLine() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String command = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.remove(0) : "export";
        try {
            return switch (command) {
                case "export" -> export(rest, out);
                case "demo" -> DemoCommand.run(rest, out);
                case "report" -> ReportCommand.run(rest, out);
                case "simulate" -> SimulatorCommand.run(rest.toArray(String[]::new));
                case "help" -> {
                    out.print(USAGE);
                    yield ExitCode.OK.code();
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage() + " (see duvo-runs-export help)");
            return ExitCode.CONFIGURATION.code();
        } catch (ExportCommand.ExportFailedException e) {
            err.println("error: " + e.outcome().message());
            return e.outcome().code().code();
        } catch (Throwable t) {
            FailureClassifier.Outcome outcome = FailureClassifier.classify(t);
            if (outcome.code() == ExitCode.UNEXPECTED) {
                // the one line below points here for the details
                LoggerFactory.getLogger(CommandLine.class).error("unexpected failure", t);
            }
            err.println("error: " + outcome.message());
            return outcome.code().code();
        }
    }

    private static int export(List<String> args, PrintStream out) throws Exception {
        ExportMode mode = null;
        LocalDate date = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = null;
        LocalDate to = null;
        boolean force = false;
        KeyArguments.refuse(args, System.getProperties(),
                "set DUVO_API_KEY or DUVO_API_KEY_FILE");
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--mode=")) {
                mode = parse(() -> ExportMode.parse(value(arg)));
            } else if (arg.startsWith("--date=")) {
                date = parse(() -> parseDate("--date", value(arg)));
            } else if (arg.startsWith("--from=")) {
                from = parse(() -> parseDate("--from", value(arg)));
            } else if (arg.startsWith("--to=")) {
                to = parse(() -> parseDate("--to", value(arg)));
            } else if (arg.equals("--force")) {
                force = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                springArgs.add(arg);
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return export(request(mode, date, from, to, force), springArgs, Map.of(), out);
    }

    private static ExportCommand.Request request(ExportMode mode, LocalDate date, LocalDate from,
            LocalDate to, boolean force) {
        boolean range = from != null || to != null;
        if (mode == null) {
            mode = range ? ExportMode.RANGE : ExportMode.INCREMENTAL;
        }
        if (mode == ExportMode.RANGE && (from == null || to == null)) {
            throw new UsageException("a range export needs both --from and --to");
        }
        if (mode != ExportMode.RANGE && range) {
            throw new UsageException("--from and --to apply to a range export only, not to --mode="
                    + mode.wireName());
        }
        if (range && to.isBefore(from)) {
            throw new UsageException("--to (" + to + ") is before --from (" + from + ")");
        }
        return new ExportCommand.Request(mode, date, from, to, force);
    }

    /**
     * Runs one export in a fresh application context.
     *
     * @param defaults settings of lowest precedence, for callers that embed the exporter
     */
    static int export(ExportCommand.Request request, List<String> springArgs,
            Map<String, Object> defaults, PrintStream out) throws Exception {
        try (OutputLockListener lock = new OutputLockListener();
                ConfigurableApplicationContext context = start(springArgs, defaults, lock)) {
            return context.getBean(ExportCommand.class).run(request, out).code();
        }
    }

    /** Starts the application; {@code lock} takes the output's lock before anything opens. */
    static ConfigurableApplicationContext start(List<String> springArgs,
            Map<String, Object> defaults, OutputLockListener lock) {
        SpringApplication application = new SpringApplication(ExportApplication.class);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(defaults);
        application.addListeners(lock);
        return application.run(springArgs.toArray(String[]::new));
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static LocalDate parseDate(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be YYYY-MM-DD, was '" + value + "'");
        }
    }

    private interface Parser<T> {
        T get();
    }

    private static <T> T parse(Parser<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A command line that cannot be understood. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
