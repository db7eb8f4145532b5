package io.duvoexport.job;

import io.duvoexport.simulate.RunsSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the exporter in a separate JVM, as cron would, so that it can be killed for real. */
final class ChildExporter {

    private final RunsSimulator sim;
    private final Path outputDir;
    private final Path log;
    private final List<String> settings = new ArrayList<>();

    ChildExporter(RunsSimulator sim, Path outputDir, Path log) {
        this.sim = sim;
        this.outputDir = outputDir;
        this.log = log;
    }

    ChildExporter with(String setting) {
        settings.add(setting);
        return this;
    }

    Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC",
                "-cp", System.getProperty("java.class.path"),
                "io.duvoexport.Main", "export",
                "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(),
                "--duvo.export-dir=" + outputDir));
        command.addAll(settings);
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DUVO_API_KEY", sim.apiKey());
        return builder.start();
    }

    /** Runs to the end and returns the exit code. */
    int run(String... options) throws Exception {
        return start(options).waitFor();
    }
}
