package io.duvoexport.publish;

import io.duvoexport.export.RunParquetReader;
import io.duvoexport.export.RunParquetWriter;
import io.duvoexport.export.RunRow;
import io.duvoexport.export.StagingArea;
import io.duvoexport.export.Storage;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staged rows into the dataset, one partition at a time.
 *
 * <p>A partition's new content is the staged rows of its date with one row per {@code id} (the
 * newest {@code updated_at} wins), sorted by {@code created_at} then {@code id}, written whole
 * in the staging area and moved over the partition's file in one atomic step. Partitions in
 * scope that received no rows are removed: the API no longer lists their runs. Partitions
 * outside the scope are not touched. Running it twice over the same staging gives the same
 * dataset, which is what makes a restart during publication safe.
 */
public final class PartitionPublisher {

    /** The one file of each partition. */
    public static final String PARTITION_FILE = "part-0.parquet";

    private static final Logger log = LoggerFactory.getLogger(PartitionPublisher.class);
    private static final String PREFIX = "created_date=";
    private static final Comparator<RunRow> FILE_ORDER =
            Comparator.comparing(RunRow::createdAt).thenComparing(RunRow::id);
    private static final Set<String> TERMINAL =
            Set.of("completed", "failed", "interrupted", "stopped");
    private static final Comparator<Instant> UPDATED =
            Comparator.nullsFirst(Comparator.naturalOrder());

    private final Storage storage;

    public PartitionPublisher(Storage storage) {
        this.storage = storage;
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

    /** Merges the staged rows of each date into its final file, without touching the dataset. */
    public Prepared prepare(Path stagingDir) throws IOException {
        SortedMap<LocalDate, List<Path>> staged =
                new StagingArea(storage, stagingDir).rowFilesByDate();
        SortedMap<LocalDate, Path> files = new TreeMap<>();
        SortedMap<LocalDate, Long> counts = new TreeMap<>();
        SortedSet<LocalDate> open = new TreeSet<>();
        Path scratch = new Path(stagingDir, "publish");
        storage.fs().mkdirs(scratch);
        for (Map.Entry<LocalDate, List<Path>> e : staged.entrySet()) {
            List<RunRow> rows = mergedRows(e.getValue());
            Path file = new Path(scratch, PREFIX + e.getKey() + ".merged");
            try (RunParquetWriter writer =
                    new RunParquetWriter(file, storage.conf(), CompressionCodecName.ZSTD)) {
                for (RunRow row : rows) {
                    writer.write(row);
                }
            }
            files.put(e.getKey(), file);
            counts.put(e.getKey(), (long) rows.size());
            if (rows.stream().anyMatch(r -> !TERMINAL.contains(r.status()))) {
                open.add(e.getKey());
            }
        }
        return new Prepared(files, counts, open);
    }

    /**
     * Moves each prepared file over its partition, then removes the partitions in scope that
     * received no rows. Each partition's previous file is kept aside in {@code backupDir} first;
     * if any step fails, every partition already touched is put back as it was before the
     * failure is rethrown, so a failed publication leaves the dataset as it found it.
     *
     * @param inScope which existing partitions this export owns: all of them for a full export,
     *     the window's dates for an incremental one
     */
    public void commit(Prepared prepared, Predicate<LocalDate> inScope, Path backupDir)
            throws IOException {
        Map<LocalDate, Boolean> touched = new LinkedHashMap<>(); // date -> had a previous file
        try {
            for (Map.Entry<LocalDate, Path> e : prepared.files().entrySet()) {
                touched.put(e.getKey(), keepAside(e.getKey(), backupDir));
                storage.replace(e.getValue(), partitionFile(e.getKey()));
            }
            removeVanished(prepared.files(), inScope, backupDir, touched);
        } catch (IOException | RuntimeException e) {
            restore(touched, backupDir, e);
            throw e;
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

    private List<RunRow> mergedRows(List<Path> files) throws IOException {
        Map<String, RunRow> byId = new HashMap<>();
        for (Path file : files) {
            for (RunRow row : RunParquetReader.readAll(file, storage.conf())) {
                byId.merge(row.id(), row, PartitionPublisher::newer);
            }
        }
        List<RunRow> rows = new ArrayList<>(byId.values());
        rows.sort(FILE_ORDER);
        return rows;
    }

    private static RunRow newer(RunRow a, RunRow b) {
        return UPDATED.compare(b.updatedAt(), a.updatedAt()) > 0 ? b : a;
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
