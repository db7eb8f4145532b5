package io.duvoexport.job;

import io.duvoexport.simulate.RunsSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the exporter's command line in this JVM against a simulator, capturing its output. */
final class ExportRunner {

    private final RunsSimulator sim;
    private final Path outputDir;
    private final Path keyFile;
    private final List<String> settings = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ExportRunner(RunsSimulator sim, Path outputDir) throws Exception {
        this.sim = sim;
        this.outputDir = outputDir;
        this.keyFile = Files.createTempFile("duvo-key", ".txt");
        Files.writeString(keyFile, sim.apiKey());
        keyFile.toFile().deleteOnExit();
    }

    /** Adds a {@code --duvo.x=y} setting to every later run. */
    ExportRunner with(String setting) {
        settings.add(setting);
        return this;
    }

    int export(String... options) {
        List<String> args = new ArrayList<>(List.of("export",
                "--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(),
                "--duvo.export-dir=" + outputDir,
                "--duvo.api-key-file=" + keyFile));
        args.addAll(settings);
        args.addAll(List.of(options));
        return CommandLine.run(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
