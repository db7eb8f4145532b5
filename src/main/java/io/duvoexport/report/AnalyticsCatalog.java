package io.duvoexport.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <output>/analytics.duckdb}, a DuckDB database file that dashboards and the
 * DuckDB CLI open to query the export without knowing its layout. It holds views only, no data:
 *
 * <ul>
 *   <li>{@code runs}: the dataset, as the reports see it;
 *   <li>{@code manifest} and {@code rejects}: what the last export wrote beside it;
 *   <li>one view per published report, named as the report, over its latest Parquet file, with
 *       the report's question as the view's comment and each column's description as the
 *       column's comment.
 * </ul>
 *
 * <p>Every view reads its files through their absolute paths at query time, so the file works
 * from any working directory and always shows the latest published files. It stops working when
 * the output folder is moved or seen under another path (a container mounting it elsewhere):
 * rebuilding it there (the {@code report} command) fixes that.
 *
 * <p>The file is built under a temporary name in the output root and renamed over the old one in
 * one atomic step. A reader that holds the old file open keeps reading it undisturbed and never
 * blocks the rebuild, since nothing writes to it; the next connection opens the new one. The
 * file is written in DuckDB's v1.0.0 storage format, so DuckDB 1.0 and later (and the
 * dashboard drivers that bundle them) can open it.
 *
 * <p>Not thread-safe with respect to one output root: only one export rebuilds it at a time.
 */
public final class AnalyticsCatalog {

    /** The catalog's file name under the output root. */
    public static final String FILE_NAME = "analytics.duckdb";

    /** The oldest DuckDB storage format that the views need; readable by DuckDB 1.0 and later. */
    static final String STORAGE_VERSION = "v1.0.0";

    private static final Logger log = LoggerFactory.getLogger(AnalyticsCatalog.class);
    private static final String ALIAS = "analytics";

    private AnalyticsCatalog() {}

    /**
     * Rebuilds the catalog of {@code runner}'s output root from its nightly reports: one view per
     * report of the runner whose latest Parquet file exists.
     *
     * @return the catalog file
     * @throws IllegalArgumentException when the runner is filtered: the catalog shows the nightly
     *     reports only
     * @throws ReportException when DuckDB cannot build it; the previous catalog is left in place
     */
    public static Path rebuild(ReportRunner runner) {
        if (!runner.filter().isEmpty()) {
            throw new IllegalArgumentException("the catalog shows the nightly reports, not a"
                    + " filtered run (" + runner.filter().describe() + ")");
        }
        long started = System.nanoTime();
        Path root = runner.outputRoot().toAbsolutePath().normalize();
        Path target = root.resolve(FILE_NAME);
        removeLeftovers(root);
        Path temp = root.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            int views = build(temp, root, runner);
            AtomicFiles.moveIntoPlace(temp, target);
            log.info("rebuilt the catalog {}: {} views in {} ms", target, views,
                    (System.nanoTime() - started) / 1_000_000);
            return target;
        } finally {
            AtomicFiles.deleteQuietly(temp);
            AtomicFiles.deleteQuietly(wal(temp));
        }
    }

    /** Creates every view in a new database file; returns how many. */
    private static int build(Path file, Path root, ReportRunner runner) {
        try (Connection connection = InMemoryDuckDb.open()) {
            InMemoryDuckDb.execute(connection, "ATTACH " + InMemoryDuckDb.literal(file) + " AS "
                    + ALIAS + " (STORAGE_VERSION '" + STORAGE_VERSION + "')");
            InMemoryDuckDb.execute(connection, "USE " + ALIAS);
            new RunsDataset(root).register(connection);
            new ExportRecords(root).register(connection);
            int views = 3;
            for (ReportScript script : runner.scripts()) {
                Path parquet = runner.layout().latest(script.name(), ReportLayout.PARQUET);
                if (Files.isRegularFile(parquet)) {
                    createReportView(connection, script, parquet.toAbsolutePath());
                    views++;
                }
            }
            InMemoryDuckDb.execute(connection, "USE memory");
            InMemoryDuckDb.execute(connection, "DETACH " + ALIAS);
            return views;
        } catch (SQLException e) {
            throw new ReportException("cannot build the catalog " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private static void createReportView(Connection connection, ReportScript script,
            Path parquet) throws SQLException {
        String view = identifier(script.name());
        InMemoryDuckDb.execute(connection, "CREATE VIEW " + view
                + " AS SELECT * FROM read_parquet(" + InMemoryDuckDb.literal(parquet) + ")");
        ReportHeader header = ReportHeader.of(script.sql());
        if (!header.question().isEmpty()) {
            InMemoryDuckDb.execute(connection, "COMMENT ON VIEW " + view + " IS "
                    + InMemoryDuckDb.literal(header.question()));
        }
        for (ReportHeader.Column column : header.columns()) {
            InMemoryDuckDb.execute(connection, "COMMENT ON COLUMN " + view + "."
                    + identifier(column.name()) + " IS "
                    + InMemoryDuckDb.literal(column.description()));
        }
    }

    /** A quoted identifier; report and column names never hold a double quote. */
    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Path wal(Path database) {
        return database.resolveSibling(database.getFileName() + ".wal");
    }

    /** Deletes temporary catalogs an interrupted earlier rebuild left behind. */
    private static void removeLeftovers(Path root) {
        String prefix = "." + FILE_NAME + ".";
        try (Stream<Path> files = Files.list(root)) {
            List<Path> leftovers = files
                    .filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList();
            leftovers.forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the output root " + root, e);
        }
    }
}
