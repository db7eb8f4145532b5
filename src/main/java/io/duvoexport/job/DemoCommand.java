package io.duvoexport.job;

import io.duvoexport.report.AnalyticsCatalog;
import io.duvoexport.report.DashboardPublisher;
import io.duvoexport.report.ReportRunner;
import io.duvoexport.report.TextTable;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The whole product in one command: starts the built-in simulator, exports from it into
 * {@code ./out/demo} (or {@code --out=DIR}), and prints where everything went and the failure
 * rate by agent. Options: {@code --runs=N} (default 20,000), {@code --days=N} (default 90),
 * {@code --seed=N} (default 42).
 */
final class DemoCommand {

    private DemoCommand() {}

    static int run(List<String> args, PrintStream out) throws Exception {
        SimulatorSettings.Builder settings = SimulatorSettings.builder().runs(20_000).days(90)
                .seed(42).port(0);
        Path outputDir = Path.of("out", "demo");
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--runs=")) {
                settings.runs(Integer.parseInt(value));
            } else if (arg.startsWith("--days=")) {
                settings.days(Integer.parseInt(value));
            } else if (arg.startsWith("--seed=")) {
                settings.seed(Long.parseLong(value));
            } else if (arg.startsWith("--out=")) {
                outputDir = Path.of(value);
            } else {
                throw new CommandLine.UsageException("unknown demo option '" + arg + "'");
            }
        }

        try (RunsSimulator simulator = RunsSimulator.start(settings.build())) {
            out.printf("simulator: %,d runs over %d days at %s (rate limit %s)%n",
                    simulator.runs().size(), simulator.settings().days(), simulator.baseUrl(),
                    simulator.settings().rateLimit());
            Map<String, Object> defaults = Map.of(
                    "duvo.base-url", simulator.baseUrl(),
                    "duvo.team-id", simulator.teamId(),
                    "duvo.api-key", simulator.apiKey(),
                    "duvo.export-dir", outputDir.toString());
            ExportCommand.Request request = new ExportCommand.Request(
                    ExportMode.FULL, LocalDate.now(ZoneOffset.UTC), true);
            int exit = CommandLine.export(request, List.of(), defaults, out);
            if (exit != 0) {
                return exit;
            }
        }
        printReports(outputDir.toAbsolutePath().normalize(), out);
        return ExitCode.OK.code();
    }

    private static void printReports(Path root, PrintStream out) {
        ReportRunner reports = ReportRunner.forOutputRoot(root);
        out.println();
        out.println("Failure rate by agent (failed / runs that reached a terminal status):");
        out.println(TextTable.render(reports.readPublished("failure_rate_by_agent")));
        out.printf("HTML report: %s%n",
                reports.reportsRoot().resolve(DashboardPublisher.FILE_NAME));
        out.printf("catalog:     %s (duckdb -readonly <path>)%n",
                root.resolve(AnalyticsCatalog.FILE_NAME));
    }
}
