package io.duvoexport.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SQL reports over the published runs dataset and publishes their results.
 *
 * <p>A run opens an in-memory DuckDB in UTC, exposes the Parquet files under
 * {@code <output>/runs} as the relation {@code runs} (empty, with the same columns, when the
 * dataset has no file yet; only the selected runs when a {@link ReportFilter} is set), the
 * export's {@code manifest.json} and {@code rejects.jsonl} as {@code manifest} and
 * {@code rejects}, and runs every report file in name order. A result whose columns differ from
 * those its file's header declares fails the run. Each result is written as CSV (header,
 * RFC 4180 quoting, CRLF, UTF-8) and Parquet to
 *
 * <pre>
 * &lt;output&gt;/reports/&lt;name&gt;/&lt;name&gt;.csv and .parquet              the latest result
 * &lt;output&gt;/reports/&lt;name&gt;/history/&lt;run date&gt;/&lt;name&gt;.csv and .parquet
 * </pre>
 *
 * <p>A filtered run writes the same files under {@code <output>/filtered-reports} instead,
 * without dated copies.
 *
 * <p>All reports are computed in full before any file is published, so a failing report leaves
 * every published file as it was. Each file is then replaced atomically under its final name.
 * History folders older than the retention are deleted after publishing.
 *
 * <p>Instances are immutable and thread-safe. Only one run may publish under an output root at a
 * time (the job runs one at a time): two concurrent runs could each publish some of the files.
 */
public final class ReportRunner {

    /** Days of dated report copies kept unless told otherwise. */
    public static final int DEFAULT_HISTORY_DAYS = 30;

    private static final Logger log = LoggerFactory.getLogger(ReportRunner.class);

    /** Where a filtered run publishes, under the output root, apart from the nightly reports. */
    public static final String FILTERED_REPORTS = "filtered-reports";

    private final Path outputRoot;
    private final Path sqlDirectory;
    private final int historyDays;
    private final ReportFilter filter;

    private ReportRunner(
            Path outputRoot, Path sqlDirectory, int historyDays, ReportFilter filter) {
        this.outputRoot = Objects.requireNonNull(outputRoot, "outputRoot");
        this.sqlDirectory = sqlDirectory;
        this.historyDays = historyDays;
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /**
     * A runner over {@code outputRoot} (a local folder holding {@code runs/}), using the report
     * files shipped on the classpath under {@code sql/} and keeping
     * {@value #DEFAULT_HISTORY_DAYS} days of history.
     */
    public static ReportRunner forOutputRoot(Path outputRoot) {
        return new ReportRunner(outputRoot, null, DEFAULT_HISTORY_DAYS, ReportFilter.NONE);
    }

    /**
     * The same runner reading its report files from a folder on disk instead of the classpath;
     * the folder's {@code *.sql} files replace the shipped reports as a whole. {@code null} goes
     * back to the classpath.
     */
    public ReportRunner withSqlDirectory(Path directory) {
        return new ReportRunner(outputRoot, directory, historyDays, filter);
    }

    /**
     * The same runner keeping dated copies for {@code days} days: on a run for date D, history
     * folders dated before D minus {@code days} are deleted. 0 keeps only D's.
     *
     * @throws IllegalArgumentException when {@code days} is negative
     */
    public ReportRunner withHistoryDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("history days must be 0 or more, was " + days);
        }
        return new ReportRunner(outputRoot, sqlDirectory, days, filter);
    }

    /**
     * The same runner over only the runs {@code filter} selects. A filtered run publishes each
     * report's latest files under {@code <output>/filtered-reports/<name>/}, replacing the
     * previous filtered run's, and keeps no dated copies: the nightly files under
     * {@code <output>/reports} are left alone. {@link ReportFilter#NONE} goes back to the
     * nightly behaviour.
     */
    public ReportRunner withFilter(ReportFilter filter) {
        return new ReportRunner(outputRoot, sqlDirectory, historyDays, filter);
    }

    /** The runs this runner reports on. */
    public ReportFilter filter() {
        return filter;
    }

    /** The output root this runner reads and writes under. */
    public Path outputRoot() {
        return outputRoot;
    }

    /** The folder it publishes into: {@code <output>/reports}, or the filtered folder. */
    public Path reportsRoot() {
        return layout().reportsRoot();
    }

    /**
     * Runs every report and publishes the results, the dated copies filed under {@code runDate}.
     *
     * @throws ReportException naming the report file when one fails; nothing is published then
     * @throws java.io.UncheckedIOException when a file cannot be written or moved
     */
    public ReportRun run(LocalDate runDate) {
        return publish(stage(), runDate);
    }

    /**
     * Computes every report into temporary files beside the published ones, publishing nothing:
     * {@link #publish} makes them the latest results.
     *
     * @throws ReportException naming the report file when one fails; nothing is left staged then
     */
    public Staged stage() {
        List<ReportScript> scripts = scripts();
        return new Staged(scripts, stageAll(scripts), System.nanoTime());
    }

    /**
     * Publishes reports staged by this runner, the dated copies filed under {@code runDate}.
     *
     * @throws java.io.UncheckedIOException when a file cannot be written or moved
     */
    public ReportRun publish(Staged staged, LocalDate runDate) {
        Objects.requireNonNull(runDate, "runDate");
        List<PublishedReport> published = publishAll(staged.reports, runDate);
        List<Path> pruned = filter.isEmpty() ? pruneHistory(staged.scripts, runDate) : List.of();
        log.info("published {} reports for {} under {} in {} ms, pruned {} history folders",
                published.size(), runDate, layout().reportsRoot(),
                (System.nanoTime() - staged.startedNanos) / 1_000_000, pruned.size());
        return new ReportRun(runDate, published, pruned);
    }

    /** Reports computed by {@link #stage} and not yet published. */
    public static final class Staged {

        private final List<ReportScript> scripts;
        private final List<StagedReport> reports;
        private final long startedNanos;

        private Staged(List<ReportScript> scripts, List<StagedReport> reports, long startedNanos) {
            this.scripts = scripts;
            this.reports = reports;
            this.startedNanos = startedNanos;
        }
    }

    /**
     * The rows of a report's latest published result.
     *
     * @throws ReportException when the report has not been published under this output root
     * @throws IllegalArgumentException when {@code reportName} cannot be a report's name
     */
    public ReportTable readPublished(String reportName) {
        if (!ReportScript.isValidName(reportName)) {
            throw new IllegalArgumentException("not a report name: " + reportName);
        }
        Path parquet = layout().latest(reportName, ReportLayout.PARQUET);
        if (!Files.isRegularFile(parquet)) {
            throw new ReportException("report " + reportName + " is not published: no file "
                    + parquet + "; run the reports first");
        }
        try (Connection connection = InMemoryDuckDb.open();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT * FROM read_parquet(" + InMemoryDuckDb.literal(parquet) + ")");
                ResultSet result = statement.executeQuery()) {
            return ReportTable.read(result);
        } catch (SQLException e) {
            throw new ReportException("cannot read report " + parquet + ": " + e.getMessage(), e);
        }
    }

    /** The report names this runner would run, in order. */
    public List<String> reportNames() {
        return scripts().stream().map(ReportScript::name).toList();
    }

    /** The report files this runner runs, in order. */
    List<ReportScript> scripts() {
        return sqlDirectory == null
                ? ReportScripts.fromClasspath(ReportRunner.class.getClassLoader())
                : ReportScripts.fromDirectory(sqlDirectory);
    }

    /** Computes every report into temporary files; on any failure deletes them all. */
    private List<StagedReport> stageAll(List<ReportScript> scripts) {
        List<StagedReport> staged = new ArrayList<>();
        try (Connection connection = InMemoryDuckDb.open()) {
            new RunsDataset(outputRoot).register(connection, filter);
            new ExportRecords(outputRoot).register(connection);
            ReportStager stager = new ReportStager(connection, layout());
            for (ReportScript script : scripts) {
                staged.add(stager.stage(script));
                log.debug("computed report {}: {} rows", script.name(), last(staged).rowCount());
            }
            return staged;
        } catch (SQLException e) {
            staged.forEach(StagedReport::discard);
            throw new ReportException("cannot open an in-memory DuckDB: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            staged.forEach(StagedReport::discard);
            throw e;
        }
    }

    private List<PublishedReport> publishAll(List<StagedReport> staged, LocalDate runDate) {
        ReportPublisher publisher = new ReportPublisher(layout(), filter.isEmpty());
        List<PublishedReport> published = new ArrayList<>();
        try {
            for (StagedReport report : staged) {
                published.add(publisher.publish(report, runDate));
                log.info("published report {}: {} rows to {}",
                        report.script().name(), report.rowCount(), last(published).csv());
            }
            return published;
        } catch (RuntimeException e) {
            staged.forEach(StagedReport::discard);
            throw e;
        }
    }

    private List<Path> pruneHistory(List<ReportScript> scripts, LocalDate runDate) {
        HistoryPruner pruner = new HistoryPruner(historyDays);
        List<Path> pruned = new ArrayList<>();
        for (ReportScript script : scripts) {
            pruned.addAll(pruner.prune(layout().historyRoot(script.name()), runDate));
        }
        return pruned;
    }

    ReportLayout layout() {
        return filter.isEmpty()
                ? ReportLayout.under(outputRoot)
                : new ReportLayout(outputRoot.resolve(FILTERED_REPORTS));
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
