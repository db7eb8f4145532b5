package io.duvoexport.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The layout of one export's staging area, outside the dataset:
 * {@code batches/<batch>/created_date=YYYY-MM-DD.parquet.staged} and
 * {@code batches/<batch>/rejects.jsonl}.
 *
 * <p>A batch (the pages of one committed chunk) is written in a hidden folder and renamed into
 * place whole, so a batch folder is either complete or absent; hidden folders are leftovers of a
 * killed attempt and are ignored.
 */
public final class StagingArea {

    public static final String REJECTS_FILE = "rejects.jsonl";
    static final String PROGRESS_FILE = "progress";

    private static final String DATE_PREFIX = "created_date=";
    // staged files are Parquet, named so that no glob for *.parquet ever picks them up
    private static final String SUFFIX = ".parquet.staged";

    private final Storage storage;
    private final Path root;

    public StagingArea(Storage storage, Path root) {
        this.storage = storage;
        this.root = root;
    }

    public Path root() {
        return root;
    }

    Path batchesDir() {
        return new Path(root, "batches");
    }

    static String rowFileName(LocalDate date) {
        return DATE_PREFIX + date + SUFFIX;
    }

    /** Every staged row file, grouped by creation date, each group in batch-name order. */
    public SortedMap<LocalDate, List<Path>> rowFilesByDate() throws IOException {
        SortedMap<LocalDate, List<Path>> result = new TreeMap<>();
        for (Path batch : batches()) {
            for (FileStatus file : storage.fs().listStatus(batch)) {
                LocalDate date = dateOf(file.getPath().getName());
                if (date != null) {
                    result.computeIfAbsent(date, d -> new ArrayList<>()).add(file.getPath());
                }
            }
        }
        return result;
    }

    /** Every staged rejects file, in batch-name order. */
    public List<Path> rejectFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path batch : batches()) {
            Path file = new Path(batch, REJECTS_FILE);
            if (storage.fs().exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The progress recorded by the last staged batch of a unit (batches are named
     * {@code <unit>-<zero-padded offset>}), or empty when none is staged.
     */
    public Optional<BatchProgress> latestProgress(String unitName) throws IOException {
        Path latest = null;
        for (Path batch : batches()) {
            if (batch.getName().startsWith(unitName + "-")) {
                latest = batch; // batches are listed in name order, hence offset order
            }
        }
        if (latest == null || !storage.fs().exists(new Path(latest, PROGRESS_FILE))) {
            return Optional.empty();
        }
        try (InputStream in = storage.fs().open(new Path(latest, PROGRESS_FILE))) {
            return Optional.of(BatchProgress.decode(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private List<Path> batches() throws IOException {
        if (!storage.fs().exists(batchesDir())) {
            return List.of();
        }
        FileStatus[] statuses = storage.fs().listStatus(batchesDir());
        Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
        List<Path> batches = new ArrayList<>();
        for (FileStatus status : statuses) {
            if (status.isDirectory() && !status.getPath().getName().startsWith(".")) {
                batches.add(status.getPath());
            }
        }
        return batches;
    }

    private static LocalDate dateOf(String name) {
        if (!name.startsWith(DATE_PREFIX) || !name.endsWith(SUFFIX)) {
            return null;
        }
        try {
            String date = name.substring(DATE_PREFIX.length(), name.length() - SUFFIX.length());
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
