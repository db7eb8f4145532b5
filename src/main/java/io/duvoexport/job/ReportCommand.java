package io.duvoexport.job;

import io.duvoexport.config.ConfigurationException;
import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.OutputLock;
import io.duvoexport.report.AnalyticsCatalog;
import io.duvoexport.report.DashboardPublisher;
import io.duvoexport.report.PublishedReport;
import io.duvoexport.report.ReportFilter;
import io.duvoexport.report.ReportRun;
import io.duvoexport.report.ReportRunner;
import io.duvoexport.report.TextTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code report}: runs the reports again over the dataset already exported, without calling the
 * API (no key needed).
 *
 * <p>Without a filter it republishes the nightly outputs: every report under
 * {@code <output>/reports} (dated copies filed under {@code --date}, default today), the
 * catalog {@code analytics.duckdb} and the HTML report. With {@code --from}, {@code --to} or
 * {@code --agent} it writes the filtered results under {@code <output>/filtered-reports}
 * instead, with their own HTML report, and leaves the nightly outputs alone. The filter's values
 * are bound as query parameters, never written into SQL.
 *
 * <p>Settings (the output root, the report settings) are read as the export reads them: the
 * environment, {@code application.properties}, {@code --duvo.<setting>=<value>}.
 */
final class ReportCommand {

    private ReportCommand() {}

    /** The settings the command needs, bound as the export binds them. */
    @EnableConfigurationProperties(ExportProperties.class)
    static class Settings {}

    static int run(List<String> args, PrintStream out) {
        Options options = Options.parse(args);
        ExportProperties settings = settings(options.springArgs());
        Storage storage = localStorage(settings);
        // reports are published files too: never beside a running export
        try (OutputLock lock = OutputLock.acquire(OutputLockListener.lockFile(settings.exportDir()))) {
            return report(options, settings, storage, out);
        }
    }

    private static int report(Options options, ExportProperties settings, Storage storage,
            PrintStream out) {
        ReportRunner runner = NightlyReports.runner(storage, settings.report())
                .withFilter(options.filter());

        ReportRun run = runner.run(options.date());
        printReports(run, runner, out);
        if (options.filter().isEmpty()) {
            out.printf("  catalog:  %s%n", AnalyticsCatalog.rebuild(runner));
        }
        out.printf("  html:     %s%n", DashboardPublisher.publish(runner));
        if (options.print() != null) {
            out.println();
            out.print(TextTable.render(runner.readPublished(options.print())));
        }
        return ExitCode.OK.code();
    }

    private static void printReports(ReportRun run, ReportRunner runner, PrintStream out) {
        out.printf("ran %d reports over %s (filter: %s)%n", run.reports().size(),
                runner.outputRoot(), runner.filter().describe());
        for (PublishedReport report : run.reports()) {
            out.printf("  %-28s %,8d rows  %s%n", report.name(), report.rowCount(), report.csv());
        }
        if (!runner.filter().isEmpty()) {
            out.printf("  filtered results are in %s; the nightly reports are unchanged%n",
                    runner.reportsRoot());
        }
    }

    private static ExportProperties settings(List<String> springArgs) {
        SpringApplication application = new SpringApplication(Settings.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        try (ConfigurableApplicationContext context =
                application.run(springArgs.toArray(String[]::new))) {
            return context.getBean(ExportProperties.class);
        }
    }

    private static Storage localStorage(ExportProperties settings) {
        Storage storage = Storage.open(settings.exportDir());
        if (!storage.isLocal()) {
            throw new ConfigurationException("the report command needs a local output root,"
                    + " and DUVO_EXPORT_DIR is " + storage.root());
        }
        Path root = storage.localRoot();
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException("the output root " + root + " does not exist:"
                    + " set DUVO_EXPORT_DIR to the folder an export wrote, or export first");
        }
        return storage;
    }

    /** The parsed command line. */
    private record Options(ReportFilter filter, LocalDate date, String print,
            List<String> springArgs) {

        static Options parse(List<String> args) {
            LocalDate from = null;
            LocalDate to = null;
            String agent = null;
            LocalDate date = LocalDate.now(ZoneOffset.UTC);
            String print = null;
            KeyArguments.refuse(args, System.getProperties(),
                    "the report command does not need it");
            List<String> springArgs = new ArrayList<>();
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                if (arg.startsWith("--from=")) {
                    from = date("--from", value);
                } else if (arg.startsWith("--to=")) {
                    to = date("--to", value);
                } else if (arg.startsWith("--agent=")) {
                    agent = value;
                } else if (arg.startsWith("--date=")) {
                    date = date("--date", value);
                } else if (arg.startsWith("--print=")) {
                    print = value;
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    springArgs.add(arg);
                } else {
                    throw new CommandLine.UsageException("unknown report option '" + arg + "'");
                }
            }
            return new Options(filter(from, to, agent), date, print, springArgs);
        }

        private static ReportFilter filter(LocalDate from, LocalDate to, String agent) {
            try {
                return new ReportFilter(from, to, agent);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.UsageException(e.getMessage());
            }
        }

        private static LocalDate date(String option, String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.UsageException(
                        option + " must be YYYY-MM-DD, was '" + value + "'");
            }
        }
    }
}
