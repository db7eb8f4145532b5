package io.duvoexport.bench;

import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatedRun;
import io.duvoexport.simulate.SimulatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The performance benchmark of the exporter: {@code make bench} (full) or
 * {@code make bench-quick}. Each export runs the built jar in a child JVM (heap capped at
 * 512 MiB) against a simulator in this JVM; see BENCHMARKS.md for what each row shows.
 *
 * <p>Arguments: {@code full|quick}, then the jar, the report SQL folder and a work folder.
 * Prints the table and writes it as Markdown to {@code BENCHMARKS.md} (full) or to the work
 * folder (quick).
 */
public final class ExportBenchmark {

    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private static final String NIGHT = "2026-12-03";
    private static final String HEAP = "512m";
    private static final String SMALL_HEAP = "256m";

    private final Profile profile;
    private final Path jar;
    private final Path sqlDir;
    private final Path work;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Sizes of one benchmark run. */
    /**
     * Sizes of one benchmark run.
     *
     * @param repeats how many times the throughput export, the DuckDB reference and the latency
     *     export run: this host's speed drifts by some 10% from one minute to the next, so
     *     those figures are the median of the repeats, every one listed in the notes
     * @param halfHeap whether the memory export runs again with half the heap
     */
    record Profile(String name, int throughputRuns, int overlapZeroRuns, int latencyRuns,
            int rateRuns, int memoryRuns, long reportRows, int repeats, boolean halfHeap) {
        static final Profile FULL = new Profile("full", 1_000_000, 100_000, 100_000, 300_000,
                5_000_000, 10_000_000, 3, true);
        static final Profile QUICK = new Profile("quick", 100_000, 10_000, 10_000, 30_000,
                200_000, 300_000, 1, false);
    }

    /** One line of the table. */
    record Row(String scenario, ChildExport.Result result, long minimumRequests, String rate,
            long throttled, String duckDb) {}

    private ExportBenchmark(Profile profile, Path jar, Path sqlDir, Path work) {
        this.profile = profile;
        this.jar = jar;
        this.sqlDir = sqlDir;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Profile profile = args[0].equals("full") ? Profile.FULL : Profile.QUICK;
        Path work = Path.of(args[3]).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        ExportBenchmark bench = new ExportBenchmark(profile, Path.of(args[1]).toAbsolutePath(),
                Path.of(args[2]).toAbsolutePath(), work);
        long started = System.nanoTime();
        bench.runAll();
        String markdown = new BenchmarkReport(profile.name(), bench.rows, bench.notes,
                (System.nanoTime() - started) / 1e9).markdown();
        System.out.println();
        System.out.println(markdown);
        Path target = profile == Profile.FULL
                ? Path.of("BENCHMARKS.md") : work.resolve("BENCHMARKS.md");
        Files.writeString(target, markdown);
        System.out.println("written to " + target.toAbsolutePath());
    }

    /** Every scenario, or those named in the system property {@code bench.only}. */
    private void runAll() throws Exception {
        String only = System.getProperty("bench.only", "");
        if (only.isEmpty() || only.contains("throughput")) {
            throughputAndIncremental();
        }
        if (only.isEmpty() || only.contains("overlap")) {
            overlapZero();
        }
        if (only.isEmpty() || only.contains("latency")) {
            latency();
        }
        if (only.isEmpty() || only.contains("rate")) {
            rateLimited();
        }
        if (only.isEmpty() || only.contains("memory")) {
            memory();
        }
        if (only.isEmpty() || only.contains("report")) {
            report();
        }
    }

    private static SimulatorSettings.Builder simulator(int runs) {
        return SimulatorSettings.builder().seed(42).runs(runs).days(365).now(NOW).port(0)
                .rateLimit(RateLimit.off());
    }

    private ChildExport.Result export(RunsSimulator sim, String name, String... args)
            throws Exception {
        return exportWithHeap(sim, name, HEAP, args);
    }

    private ChildExport.Result exportWithHeap(RunsSimulator sim, String name, String heap,
            String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--date=" + NIGHT));
        all.addAll(List.of(args));
        log("export %s: %,d runs ...", name, sim.runs().size());
        ChildExport.Result result = ChildExport.run(jar, sim, work.resolve(name), heap, all);
        log("  %,d rows in %.1f s (job; publication %.1f s) / %.1f s (process), %,d requests,"
                + " %.1f CPU s, peak RSS %,d / %,d MiB, live heap %,d MiB", result.rows(),
                result.jobSeconds(), result.publishSeconds(), result.wallSeconds(),
                result.requests(), result.cpuSeconds(), result.jobPeakRssKib() / 1024,
                result.peakRssKib() / 1024, result.liveHeapMib());
        return result;
    }

    /** Point 4 (and 1): pre-rendered pages, no limit; then an incremental night after it. */
    private void throughputAndIncremental() throws Exception {
        int runs = profile.throughputRuns();
        log("starting a pre-rendered simulator of %,d runs ...", runs);
        try (RunsSimulator sim = RunsSimulator.start(simulator(runs).prerendered(true).build())) {
            // saving the pages requests every one of them once: the simulator's serving code
            // is compiled before the first measured export, as a long-running API's would be
            boolean reference = !Boolean.getBoolean("bench.noReference");
            Path pages = work.resolve("pages");
            long bytes = 0;
            if (reference) {
                log("saving the pages for DuckDB ...");
                bytes = DuckDbReference.savePages(sim, pages);
                sim.resetRequestLog();
            }
            long serverTicks = ChildExport.ownCpuTicks();
            List<ChildExport.Result> fulls = new ArrayList<>();
            for (int i = 0; i < profile.repeats(); i++) {
                deleteTree(work.resolve("throughput"));
                fulls.add(export(sim, "throughput", "--mode=full", "--force"));
            }
            double serverCpu = (ChildExport.ownCpuTicks() - serverTicks) / 100.0 / fulls.size();
            ChildExport.Result full = median(fulls);
            notes.add(String.format(Locale.ROOT, "Throughput: the full export ran %d times, jobs"
                    + " of %s s; the row is the median one. While each ran, the simulator (this"
                    + " JVM, warmed up by serving every page once before) used %.1f CPU seconds"
                    + " of the same 2 cores to serve it, on average.", fulls.size(),
                    jobTimes(fulls), serverCpu));

            if (!reference) {
                return;
            }
            List<Double> ducks = new ArrayList<>();
            for (int i = 0; i < profile.repeats(); i++) {
                deleteTree(work.resolve("duckdb"));
                ducks.add(DuckDbReference.convert(pages, work.resolve("duckdb"), sim.teamId()));
                log("  DuckDB: %.2f s for %,d MiB of JSON", ducks.get(i), bytes >> 20);
            }
            double duck = ducks.stream().sorted().toList().get(ducks.size() / 2);
            long duckBytes = ChildExport.size(work.resolve("duckdb"));
            notes.add(String.format(Locale.ROOT, "DuckDB reference: `read_json` of the %,d saved"
                    + " pages (%,d MiB of JSON) and `COPY ... (FORMAT parquet, PARTITION_BY"
                    + " (created_date), COMPRESSION zstd)` took %s s, median %.2f s (%,.0f"
                    + " runs/s), %.0f bytes per run on disk.", (runs + 99) / 100, bytes >> 20,
                    ducks.stream().map(d -> String.format(Locale.ROOT, "%.2f", d))
                            .collect(Collectors.joining(" / ")),
                    duck, runs / duck, duckBytes / (double) runs));
            rows.add(new Row("full export, pre-rendered pages, no limit", full,
                    minimumPages(runs, 1), "no limit", sim.requestCounts().count(429),
                    String.format(Locale.ROOT, "%.2f x", full.jobSeconds() / duck)));
            deleteTree(pages);

            sim.resetRequestLog();
            ChildExport.Result night = export(sim, "throughput", "--mode=incremental");
            LocalDate from = LocalDate.parse(night.manifest().get("window_start").asString());
            Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            long inWindow = sim.runs().stream().map(SimulatedRun::createdAt)
                    .filter(at -> !at.isBefore(start)).count();
            notes.add(String.format(Locale.ROOT, "Incremental night: window from %s holds %,d"
                    + " runs; it pages newest first and stops at the first page reaching before"
                    + " the window, so the minimum is the pages covering those runs and the one"
                    + " after them.", from, inWindow));
            rows.add(new Row("incremental night after it (window " + from + " on)", night,
                    minimumPages(inWindow + 1, 1), "no limit", sim.requestCounts().count(429),
                    ""));
        }
    }

    /** Point 1: without the overlap the request count is exactly ceil(N / 100). */
    private void overlapZero() throws Exception {
        int runs = profile.overlapZeroRuns();
        try (RunsSimulator sim = RunsSimulator.start(simulator(runs).prerendered(true).build())) {
            ChildExport.Result result = export(sim, "overlap-zero", "--mode=full", "--force",
                    "--duvo.fetch.boundary-overlap=0");
            rows.add(new Row("full export, boundary-overlap=0", result, minimumPages(runs, 0),
                    "no limit", sim.requestCounts().count(429), ""));
        }
    }

    /** Point 3: latency hidden by concurrent units. */
    private void latency() throws Exception {
        int runs = profile.latencyRuns();
        Duration latency = Duration.ofMillis(50);
        int concurrency = 4;
        try (RunsSimulator sim = RunsSimulator.start(
                simulator(runs).latency(latency).prerendered(true).build())) {
            List<ChildExport.Result> results = new ArrayList<>();
            for (int i = 0; i < profile.repeats(); i++) {
                deleteTree(work.resolve("latency"));
                results.add(export(sim, "latency", "--mode=full", "--force",
                        "--duvo.fetch.concurrency=" + concurrency));
            }
            ChildExport.Result result = median(results);
            long pages = minimumPages(runs, 1);
            double bound = 1.25 * pages * latency.toMillis() / 1000.0 / concurrency;
            notes.add(String.format(Locale.ROOT, "Latency: %,d pages at 50 ms each (pre-rendered)"
                    + " with concurrency %d: the bound 1.25 x pages x latency / concurrency is"
                    + " %.2f s. The export ran %d times, jobs of %s s; in the median one paging"
                    + " (plan, fetch, verify) took %.2f s (%s), and the whole job, publication of"
                    + " %,d runs included, %.2f s (%s).", pages, concurrency, bound,
                    results.size(), jobTimes(results), result.pagingSeconds(),
                    result.pagingSeconds() <= bound ? "within" : "OVER", result.rows(),
                    result.jobSeconds(), result.jobSeconds() <= bound ? "within" : "OVER"));
            rows.add(new Row("full export, 50 ms latency, concurrency 4", result, pages,
                    "no limit", sim.requestCounts().count(429), ""));
        }
    }

    /** Point 2: paced to a rate limit of 100 requests per 1 s window. */
    private void rateLimited() throws Exception {
        int runs = profile.rateRuns();
        RateLimit limit = RateLimit.of(100, Duration.ofSeconds(1));
        try (RunsSimulator sim = RunsSimulator.start(
                simulator(runs).prerendered(true).rateLimit(limit).build())) {
            RequestTimes times = new RequestTimes(sim);
            times.start();
            ChildExport.Result result = export(sim, "rate-limited", "--mode=full", "--force");
            times.finish();
            // a fixed window admits its 100 at any moment within it: first-to-last time would
            // overstate the rate of a short export, so the rate is that of the whole windows
            List<Long> whole = times.completeWindows();
            double perWindow = whole.stream().mapToLong(Long::longValue).average().orElse(0);
            rows.add(new Row("full export, limit 100 requests per 1 s window", result,
                    minimumPages(runs, 1), String.format(Locale.ROOT, "%.1f/s of 100/s (%.1f%%)",
                            perWindow, 100 * perWindow / 100.0),
                    sim.requestCounts().count(429), ""));
            notes.add(String.format(Locale.ROOT, "Rate limit: %,d requests over %.2f s from the"
                    + " first to the last; in the %d whole 1 s windows between them %.1f per"
                    + " window on average against 100 allowed; %d answered 429.", times.count(),
                    times.seconds(), whole.size(), perWindow, sim.requestCounts().count(429)));
        }
    }

    /** Point 5: peak resident memory of the child at 5 million runs (1 million: see above). */
    private void memory() throws Exception {
        int runs = profile.memoryRuns();
        log("starting a simulator of %,d runs (rendering per request) ...", runs);
        try (RunsSimulator sim = RunsSimulator.start(simulator(runs).build())) {
            ChildExport.Result result = export(sim, "memory", "--mode=full", "--force");
            rows.add(new Row("full export, pages rendered per request", result,
                    minimumPages(runs, 1), "no limit", sim.requestCounts().count(429), ""));
            if (profile.halfHeap()) {
                // what the export needs, as opposed to what the collector takes: half the heap
                deleteTree(work.resolve("memory"));
                ChildExport.Result half = exportWithHeap(sim, "memory", SMALL_HEAP,
                        "--mode=full", "--force");
                rows.add(new Row("the same with -Xmx" + SMALL_HEAP, half, minimumPages(runs, 1),
                        "no limit", sim.requestCounts().count(429), ""));
            }
        }
        deleteTree(work.resolve("memory"));
    }

    /** Point 6: the failure-rate-by-agent report over a year of daily partitions. */
    private void report() throws Exception {
        log("generating %,d rows for the report ...", profile.reportRows());
        ReportBenchmark.Result result =
                ReportBenchmark.run(work.resolve("report"), profile.reportRows(), sqlDir);
        notes.add(String.format(Locale.ROOT, "Report: failure_rate_by_agent over %,d rows in %d"
                + " daily files (%,d MiB, generated by DuckDB in the dataset's schema in %.1f s)"
                + " ran in %.3f / %.3f / %.3f s (fresh DuckDB each time: view, query, CSV and"
                + " Parquet published); median %.3f s.", result.rows(), result.files(),
                result.bytes() >> 20, result.generateSeconds(), result.seconds()[0],
                result.seconds()[1], result.seconds()[2], result.median()));
        log("  report: %.3f s median", result.median());
        deleteTree(work.resolve("report"));
    }

    /** List requests needed for {@code runs} runs: pages of 100 starting 100 - overlap apart. */
    static long minimumPages(long runs, int overlap) {
        if (runs <= 100) {
            return 1;
        }
        long stride = 100 - overlap;
        return (runs - 100 + stride - 1) / stride + 1;
    }

    /** When the simulator answered its first and last request, polled every 2 ms. */
    /**
     * Watches the simulator's answer count, by the 1 s windows of its rate limit (aligned to
     * whole seconds of the clock, as the simulator's are). A request is counted in the window of
     * the poll that saw it, at most a millisecond late.
     */
    private static final class RequestTimes extends Thread {
        private final RunsSimulator sim;
        private final Map<Long, Long> byWindow = new ConcurrentHashMap<>();
        private final AtomicLong first = new AtomicLong();
        private final AtomicLong last = new AtomicLong();
        private volatile long count;
        private volatile boolean running = true;

        RequestTimes(RunsSimulator sim) {
            this.sim = sim;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long now = System.nanoTime();
                long total = sim.requestCounts().total();
                if (total != count) {
                    if (count == 0) {
                        first.set(now);
                    }
                    last.set(now);
                    byWindow.merge(System.currentTimeMillis() / 1000, total - count, Long::sum);
                    count = total;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }

        long count() {
            return count;
        }

        double seconds() {
            return (last.get() - first.get()) / 1e9;
        }

        /** The windows between the first and the last, which the export used whole. */
        List<Long> completeWindows() {
            List<Long> windows = new ArrayList<>(new TreeMap<>(byWindow).values());
            return windows.size() <= 2 ? List.of() : windows.subList(1, windows.size() - 1);
        }
    }


    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    /** The result of median job time (the upper one of an even count). */
    private static ChildExport.Result median(List<ChildExport.Result> results) {
        List<ChildExport.Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(ChildExport.Result::jobSeconds));
        return sorted.get(sorted.size() / 2);
    }

    private static String jobTimes(List<ChildExport.Result> results) {
        return results.stream()
                .map(r -> String.format(Locale.ROOT, "%.2f", r.jobSeconds()))
                .collect(Collectors.joining(" / "));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
