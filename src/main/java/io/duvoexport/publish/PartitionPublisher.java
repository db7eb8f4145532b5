package io.duvoexport.publish;

import io.duvoexport.export.PartitionMerger;
import io.duvoexport.export.RunParquetWriter;
import io.duvoexport.export.StagingArea;
import io.duvoexport.export.Storage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staged rows into the dataset, one partition at a time.
 *
 * <p>A partition's new content is the staged rows of its date with one row per {@code id} (the
 * newest {@code updated_at} wins), sorted by {@code created_at} then {@code id}
 * ({@link PartitionMerger}), written whole in the staging area and moved over the partition's
 * file in one atomic step. Partitions in scope that received no rows are removed: the API no
 * longer lists their runs. Partitions outside the scope are not touched. Running it twice over
 * the same staging gives the same dataset, which is what makes a restart during publication
 * safe.
 */
public final class PartitionPublisher {

    /** The one file of each partition. */
    public static final String PARTITION_FILE = "part-0.parquet";

    private static final Logger log = LoggerFactory.getLogger(PartitionPublisher.class);
    private static final String PREFIX = "created_date=";
    /** Partitions merged at the same time unless set: one per processor, at most 4. */
    static final int DEFAULT_CONCURRENCY =
            Math.min(4, Runtime.getRuntime().availableProcessors());

    /** The merges at the same time a setting means: its value, or the default for 0. */
    public static int concurrency(int setting) {
        return setting > 0 ? setting : DEFAULT_CONCURRENCY;
    }

    private static final ThreadFactory MERGE_THREADS = task -> {
        Thread thread = new Thread(task, "publish-merge");
        thread.setDaemon(true);
        return thread;
    };

    private final Storage storage;
    private final RunParquetWriter.Settings settings;
    private final int concurrency;

    /** Zstd Parquet with {@link RunParquetWriter.Settings#DEFAULT}, one merge per processor. */
    public PartitionPublisher(Storage storage) {
        this(storage, RunParquetWriter.Settings.DEFAULT, DEFAULT_CONCURRENCY);
    }

    /** @param concurrency partitions merged at the same time, at least 1 */
    public PartitionPublisher(Storage storage, RunParquetWriter.Settings settings,
            int concurrency) {
        if (concurrency < 1) {
            // duvo.publish.merge-concurrency is checked as it is bound
            throw new IllegalArgumentException("concurrency (partitions merged at the same "
                    + "time) must be at least 1, was " + concurrency);
        }
        this.storage = storage;
        this.settings = settings;
        this.concurrency = concurrency;
    }

    /**
     * The merged files of an export, written in its staging area and ready to move into place.
     *
     * @param files the merged file of each partition that received rows, by date
     * @param rows rows per partition, by date
     * @param open the partitions holding a run in a non-terminal status
     */
    public record Prepared(SortedMap<LocalDate, Path> files, SortedMap<LocalDate, Long> rows,
            SortedSet<LocalDate> open) {

        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Merges the staged rows of each date into its final file, without touching the dataset.
     * Dates are merged {@link #concurrency} at a time; each merge holds one date's staged rows
     * and one open Parquet writer.
     */
    public Prepared prepare(Path stagingDir) throws IOException {
        long started = System.nanoTime();
        SortedMap<LocalDate, List<Path>> staged =
                new StagingArea(storage, stagingDir).rowFilesByDate();
        Path scratch = new Path(stagingDir, "publish");
        storage.fs().mkdirs(scratch);
        PartitionMerger merger = new PartitionMerger(storage, settings);
        Map<LocalDate, Future<PartitionMerger.Merged>> merges = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(concurrency, staged.size())), MERGE_THREADS);
        try {
            for (Map.Entry<LocalDate, List<Path>> e : staged.entrySet()) {
                Path file = mergedFile(scratch, e.getKey());
                merges.put(e.getKey(), pool.submit(() -> merger.merge(e.getValue(), file)));
            }
            Prepared prepared = collect(scratch, merges);
            log.info("merged {} partitions, {} rows, {} at a time in {} ms",
                    prepared.rows().size(), prepared.totalRows(), concurrency,
                    (System.nanoTime() - started) / 1_000_000);
            return prepared;
        } finally {
            pool.shutdownNow();
        }
    }

    private Prepared collect(Path scratch, Map<LocalDate, Future<PartitionMerger.Merged>> merges)
            throws IOException {
        SortedMap<LocalDate, Path> files = new TreeMap<>();
        SortedMap<LocalDate, Long> counts = new TreeMap<>();
        SortedSet<LocalDate> open = new TreeSet<>();
        for (Map.Entry<LocalDate, Future<PartitionMerger.Merged>> e : merges.entrySet()) {
            PartitionMerger.Merged merged = result(e.getKey(), e.getValue());
            files.put(e.getKey(), mergedFile(scratch, e.getKey()));
            counts.put(e.getKey(), merged.rows());
            if (merged.open()) {
                open.add(e.getKey());
            }
        }
        return new Prepared(files, counts, open);
    }

    private static PartitionMerger.Merged result(LocalDate date,
            Future<PartitionMerger.Merged> merge) throws IOException {
        try {
            return merge.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while merging partition " + date);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("merging partition " + date + " failed", e.getCause());
        }
    }

    private static Path mergedFile(Path scratch, LocalDate date) {
        return new Path(scratch, PREFIX + date + ".merged");
    }

    /**
     * Moves each prepared file over its partition, then removes the partitions in scope that
     * received no rows. Each partition's previous file is kept aside in {@code backupDir} first;
     * if any step fails, every partition already touched is put back as it was before the
     * failure is rethrown, so a failed publication leaves the dataset as it found it. What
     * follows the swap can still fail: the returned {@link Swap} puts the partitions back then.
     *
     * @param inScope which existing partitions this export owns: all of them for a full export,
     *     the window's dates for an incremental one
     */
    public Swap commit(Prepared prepared, Predicate<LocalDate> inScope, Path backupDir)
            throws IOException {
        long started = System.nanoTime();
        Map<LocalDate, Boolean> touched = new LinkedHashMap<>(); // date -> had a previous file
        try {
            for (Map.Entry<LocalDate, Path> e : prepared.files().entrySet()) {
                touched.put(e.getKey(), keepAside(e.getKey(), backupDir));
                storage.replace(e.getValue(), partitionFile(e.getKey()));
            }
            removeVanished(prepared.files(), inScope, backupDir, touched);
            log.info("moved {} partitions into place in {} ms", prepared.files().size(),
                    (System.nanoTime() - started) / 1_000_000);
            return new Swap(touched, backupDir);
        } catch (IOException | RuntimeException e) {
            restore(touched, backupDir, e);
            throw e;
        }
    }

    /**
     * The partitions one {@link #commit} changed, with their previous files kept aside: valid
     * until the backup folder is removed.
     */
    public final class Swap {

        private final Map<LocalDate, Boolean> touched;
        private final Path backupDir;

        private Swap(Map<LocalDate, Boolean> touched, Path backupDir) {
            this.touched = Map.copyOf(touched);
            this.backupDir = backupDir;
        }

        /**
         * Puts every changed partition back as it was before the commit, and removes the ones it
         * added; what cannot be put back is added to {@code cause} as suppressed.
         */
        public void rollBack(Exception cause) {
            restore(touched, backupDir, cause);
        }
    }

    /** Links (or copies) a partition's current file into the backup; false when it has none. */
    private boolean keepAside(LocalDate date, Path backupDir) throws IOException {
        Path current = partitionFile(date);
        if (!storage.fs().exists(current)) {
            return false;
        }
        storage.keepCopy(current, new Path(backupDir, PREFIX + date + ".previous"));
        return true;
    }

    private void restore(Map<LocalDate, Boolean> touched, Path backupDir, Exception cause) {
        log.warn("publication failed; putting back the {} partitions it had changed",
                touched.size());
        for (Map.Entry<LocalDate, Boolean> e : touched.entrySet()) {
            try {
                Path current = partitionFile(e.getKey());
                if (e.getValue()) {
                    storage.replace(new Path(backupDir, PREFIX + e.getKey() + ".previous"), current);
                } else {
                    storage.fs().delete(current, false);
                    storage.fs().delete(current.getParent(), true);
                }
            } catch (IOException | RuntimeException failure) {
                cause.addSuppressed(failure);
            }
        }
    }

    /** The partitions the dataset holds now, by date. */
    public SortedMap<LocalDate, Path> existingPartitions() throws IOException {
        return partitions(storage.runsDir());
    }

    private Path partitionFile(LocalDate date) {
        return new Path(new Path(storage.runsDir(), PREFIX + date), PARTITION_FILE);
    }

    private void removeVanished(SortedMap<LocalDate, Path> staged, Predicate<LocalDate> inScope,
            Path backupDir, Map<LocalDate, Boolean> touched) throws IOException {
        TreeSet<LocalDate> removed = new TreeSet<>();
        for (Map.Entry<LocalDate, Path> e : existingPartitions().entrySet()) {
            if (!staged.containsKey(e.getKey()) && inScope.test(e.getKey())) {
                touched.put(e.getKey(), keepAside(e.getKey(), backupDir));
                storage.fs().delete(new Path(e.getValue(), PARTITION_FILE), false);
                storage.fs().delete(e.getValue(), true);
                removed.add(e.getKey());
            }
        }
        if (!removed.isEmpty()) {
            log.info("removed {} partitions whose runs the API no longer lists: {}",
                    removed.size(), removed);
        }
    }

    private SortedMap<LocalDate, Path> partitions(Path dir) throws IOException {
        SortedMap<LocalDate, Path> result = new TreeMap<>();
        if (!storage.fs().exists(dir)) {
            return result;
        }
        for (FileStatus status : storage.fs().listStatus(dir)) {
            String name = status.getPath().getName();
            if (status.isDirectory() && name.startsWith(PREFIX)) {
                try {
                    result.put(LocalDate.parse(name.substring(PREFIX.length())), status.getPath());
                } catch (DateTimeParseException e) {
                    log.warn("ignoring folder {}: not a created_date partition", status.getPath());
                }
            }
        }
        return result;
    }
}
