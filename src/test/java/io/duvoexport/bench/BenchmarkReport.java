package io.duvoexport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as Markdown: the machine, the table, the notes, how to reproduce. */
final class BenchmarkReport {

    private static final String WHAT_EACH_ROW_SHOWS = """

            ## What each row shows

            - **No wasted requests**: *requests / minimum* of every export. The minimum is
              ceil((N - 100) / 99) + 1 with pages overlapping by one run (the default), ceil(N / 100)
              with `--duvo.fetch.boundary-overlap=0`; the overlap costs the difference, about 1%.
              The incremental night's minimum is the pages covering the runs of its window and the
              first page reaching before it.
            - **Paced to the limit**: the rate-limited row, against a simulator limit of 100
              requests per 1 s window (6,000 a minute), with the pacer reading the API's
              `x-ratelimit-*` headers; the rate is the simulator's answers per whole window
              between the first answer and the last (a fixed window admits its 100 at any moment,
              so first-to-last time flatters a short export). The pacer's own tests
              (`RateLimitPacerTest`, fake clock) cover 429s, a clock running behind, a shared key
              and a ceiling.
            - **Latency hidden**: the 50 ms row and its note, against 1.25 x pages x latency /
              concurrency.
            - **Cheap per run**: the pre-rendered row (the simulator renders each run once and
              serves pages from those bytes): runs per second of the job and of the whole process,
              CPU seconds, and the job's time against DuckDB's own `read_json` + `COPY` of the
              same pages, each the median of the repeats the notes list. The simulator shares
              the 2 cores; its CPU is in the notes.
            - **Bounded memory**: peak RSS of the 1 million row (pre-rendered row) and the
              5 million row export, each with `-Xmx512m`, and of the 5 million row export again
              with half that heap. What bounds it is settings, not runs:
              the heap cap, the pages in flight (`duvo.fetch.concurrency`, one page ahead per
              worker), the rows staged per commit (`duvo.fetch.pages-per-commit`), one
              partition's rows per merge worker, and DuckDB's `memory_limit` (1 GB) for the
              reports, which is what the *process* column adds. The job's RSS is that of a heap
              the collector grows within its cap as the export runs longer; the run with half
              the heap shows what the export needs.
            - **Reports stay instant**: the report note.
            """;

    private final String profile;
    private final List<ExportBenchmark.Row> rows;
    private final List<String> notes;
    private final double seconds;

    BenchmarkReport(String profile, List<ExportBenchmark.Row> rows, List<String> notes,
            double seconds) {
        this.profile = profile;
        this.rows = rows;
        this.notes = notes;
        this.seconds = seconds;
    }

    String markdown() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `make ").append(profile.equals("full") ? "bench" : "bench-quick")
                .append("` on ").append(LocalDate.now(ZoneOffset.UTC)).append(", in ")
                .append(String.format(Locale.ROOT, "%.0f", seconds))
                .append(" s. Reproduce with `make ")
                .append(profile.equals("full") ? "bench" : "bench-quick")
                .append("` (the harness is `src/test/java/io/duvoexport/bench/`).\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores (`nproc`), ").append(memory()).append(" memory, CPU ")
                .append(cpuModel()).append(", Java ").append(System.getProperty("java.vm.vendor"))
                .append(" ").append(System.getProperty("java.runtime.version")).append(".\n\n");
        String launcher = ChildExport.LAUNCHER_OPTIONS.isBlank() ? ""
                : "@" + ChildExport.LAUNCHER_OPTIONS + " ";
        List<String> options = ChildExport.launcherOptions();
        md.append("Every export runs `java ").append(launcher)
                .append("-Xmx512m -jar target/duvo-runs-export.jar export`")
                .append(options.isEmpty() ? "" : " (the file holds `"
                        + String.join(" ", options) + "`, as for every launch of the exporter)")
                .append(" in a child JVM against the simulator in the harness's JVM, on the same 2 cores;"
                + " 365 days of runs, concurrency 4, pages of 100 overlapping by 1 run unless"
                + " said. *Job* is from the plan's first request to the published dataset"
                + " (the manifest's `started_at` to `finished_at`); *process* is from starting"
                + " the JVM to its exit, reports included. *Requests* are the manifest's count"
                + " against the minimum for that paging. CPU is the child's user + system time;"
                + " peak RSS its `VmHWM` (sampled every 20 ms) when the dataset was published"
                + " (*job*) and at exit (*process*: the reports' DuckDB added); *live heap*"
                + " the most heap still in use after any garbage collection (from `-Xlog:gc`):"
                + " an upper bound of what the export holds, since after a young collection"
                + " old garbage not yet collected still counts.\n\n");
        md.append("| scenario | runs | job s | runs/s (job) | process s | runs/s (process)"
                + " | requests / minimum | request rate vs limit | 429s | CPU s"
                + " | peak RSS MiB (job / process)"
                + " | live heap MiB"
                + " | bytes/run on disk | job time vs DuckDB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (ExportBenchmark.Row row : rows) {
            ChildExport.Result r = row.result();
            md.append(String.format(Locale.ROOT,
                    "| %s | %,d | %.2f | %,.0f | %.2f | %,.0f | %,d / %,d | %s | %d | %.1f"
                            + " | %,d / %,d | %,d | %.0f | %s |\n",
                    row.scenario(), r.rows(), r.jobSeconds(), r.rows() / r.jobSeconds(),
                    r.wallSeconds(), r.rows() / r.wallSeconds(), r.requests(),
                    row.minimumRequests(), row.rate(), row.throttled(), r.cpuSeconds(),
                    r.jobPeakRssKib() / 1024, r.peakRssKib() / 1024, r.liveHeapMib(),
                    r.rows() == 0 ? 0.0 : r.datasetBytes() / (double) r.rows(),
                    row.duckDb()));
        }
        md.append('\n');
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        md.append(WHAT_EACH_ROW_SHOWS);
        return md.toString();
    }

    private static String memory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    private static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }
}
