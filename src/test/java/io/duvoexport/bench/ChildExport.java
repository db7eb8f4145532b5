package io.duvoexport.bench;

import io.duvoexport.simulate.RunsSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one export of the built jar in a child JVM against a simulator of this process, and
 * measures it from outside: wall time, CPU time (the child's, from this process's reaped
 * children times), peak resident memory (the child's VmHWM, sampled every 20 ms), and what the
 * manifest says about the job.
 */
final class ChildExport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    /**
     * What one export measured.
     *
     * @param jobSeconds from the plan's first request to the published dataset (the manifest's
     *     started_at to finished_at)
     * @param wallSeconds from starting the JVM to its exit, reports included
     */
    record Result(long rows, double jobSeconds, double wallSeconds, long requests,
            double cpuSeconds, long peakRssKib, long jobPeakRssKib, long datasetBytes,
            long liveHeapMib, double publishSeconds, JsonNode manifest) {

        /** Plan, fetch and verify: the job without publication. */
        double pagingSeconds() {
            return jobSeconds - publishSeconds;
        }
    }

    private static final Pattern GC_PAUSE =
            Pattern.compile("Pause (Young|Full).*?(\\d+)M->(\\d+)M");
    private static final Pattern PUBLISHED =
            Pattern.compile("PublishTasklet - published .*? in (\\d+) ms");

    /** The options file every launcher of the exporter passes; empty for none. */
    static final String LAUNCHER_OPTIONS =
            System.getProperty("bench.jvm.options", "jobs/jvm.options");

    private ChildExport() {}

    /** The options {@link #LAUNCHER_OPTIONS} holds, its comments left out. */
    static List<String> launcherOptions() throws IOException {
        if (LAUNCHER_OPTIONS.isBlank()) {
            return List.of();
        }
        return Files.readAllLines(Path.of(LAUNCHER_OPTIONS)).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    static Result run(Path jar, RunsSimulator sim, Path out, String heap, List<String> args)
            throws Exception {
        Path gcLog = out.resolveSibling(out.getFileName() + ".gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>(List.of("java"));
        if (!LAUNCHER_OPTIONS.isBlank()) {
            command.add("@" + Path.of(LAUNCHER_OPTIONS).toAbsolutePath());
        }
        command.addAll(List.of("-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
        String options = System.getProperty("bench.child.options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.replace("{name}", out.getFileName().toString())
                    .strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "export"));
        command.addAll(args);
        command.addAll(List.of("--duvo.base-url=" + sim.baseUrl(),
                "--duvo.team-id=" + sim.teamId(), "--duvo.export-dir=" + out));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(
                        out.getFileName() + ".log").toFile()));
        builder.environment().put("DUVO_API_KEY", sim.apiKey());
        builder.environment().remove("DUVO_API_KEY_FILE");
        long cpuBefore = childrenCpuTicks();
        long started = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        long jobPeak = 0;
        Path manifestFile = out.resolve("manifest.json");
        long manifestBefore = modified(manifestFile);
        while (!process.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwmKib(process.pid()));
            if (jobPeak == 0 && modified(manifestFile) != manifestBefore) {
                jobPeak = peak; // the dataset is published: what follows is the reports
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (childrenCpuTicks() - cpuBefore) / (double) CLOCK_TICKS;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the export exited with " + process.exitValue()
                    + "; see " + out + ".log");
        }
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        double job = Duration.between(Instant.parse(manifest.get("started_at").asString()),
                Instant.parse(manifest.get("finished_at").asString())).toNanos() / 1e9;
        return new Result(manifest.get("rows_published").asLong(), job, wall,
                manifest.get("requests").asLong(), cpu, peak, jobPeak == 0 ? peak : jobPeak,
                size(out.resolve("runs")), maxLiveHeapMib(gcLog),
                publishSeconds(out.resolveSibling(out.getFileName() + ".log")), manifest);
    }

    /** The most heap still in use after any collection, in MiB: the live set's peak. */
    static long maxLiveHeapMib(Path gcLog) throws IOException {
        long max = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    max = Math.max(max, Long.parseLong(m.group(3)));
                }
            }
        }
        return max;
    }

    /** How long the last publication took, from the exporter's log. */
    static double publishSeconds(Path log) throws IOException {
        double seconds = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = PUBLISHED.matcher(line);
            if (m.find()) {
                seconds = Long.parseLong(m.group(1)) / 1000.0;
            }
        }
        return seconds;
    }

    private static long modified(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The highest resident set of a live process so far, or 0 once it is gone. */
    static long vmHwmKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just ended
        }
        return 0;
    }

    /** User and system time of this process's reaped children, in clock ticks. */
    static long childrenCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // cutime, cstime
    }

    /** User and system time of this process, in clock ticks. */
    static long ownCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
