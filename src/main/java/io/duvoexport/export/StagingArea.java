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
 * The layout of one export's staging area, outside the dataset: a batch named
 * {@code <unit>-<offset>} is the folder {@code batches/<unit>/<offset>/}, holding
 * {@code created_date=YYYY-MM-DD.rows} ({@link StagedRows}) per date, {@code rejects.jsonl} and
 * {@code progress}. Staged rows are not Parquet and never match a glob for {@code *.parquet}.
 *
 * <p>A batch (the pages of one committed chunk) is written in a hidden folder and renamed into
 * place whole, so a batch folder is either complete or absent; hidden folders are leftovers of a
 * killed attempt and are ignored.
 */
public final class StagingArea {

    public static final String REJECTS_FILE = "rejects.jsonl";
    static final String PROGRESS_FILE = "progress";

    private static final String DATE_PREFIX = "created_date=";
    private static final String ROWS = ".rows";

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
        return DATE_PREFIX + date + ROWS;
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
     * The progress recorded by the last staged batch of a unit, or empty when none is staged.
     * Lists only that unit's folder, so asking for every unit costs as much as one listing.
     */
    public Optional<BatchProgress> latestProgress(String unitName) throws IOException {
        List<Path> batches = batchesOf(new Path(batchesDir(), unitName));
        if (batches.isEmpty()) {
            return Optional.empty();
        }
        Path latest = batches.get(batches.size() - 1); // offsets are zero-padded: name order
        if (!storage.fs().exists(new Path(latest, PROGRESS_FILE))) {
            return Optional.empty();
        }
        try (InputStream in = storage.fs().open(new Path(latest, PROGRESS_FILE))) {
            return Optional.of(BatchProgress.decode(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    /**
     * The folder of a batch named {@code <unit>-<offset>}: {@code batches/<unit>/<offset>}, so
     * that a unit's batches can be found without listing every other unit's.
     */
    Path batchDir(String batchName) {
        int dash = batchName.lastIndexOf('-');
        String unit = dash > 0 ? batchName.substring(0, dash) : batchName;
        String rest = dash > 0 ? batchName.substring(dash + 1) : "0";
        return new Path(new Path(batchesDir(), unit), rest);
    }

    /** Every complete batch, in batch-name order (unit, then offset). */
    private List<Path> batches() throws IOException {
        List<Path> batches = new ArrayList<>();
        for (Path unit : batchesOf(batchesDir())) {
            batches.addAll(batchesOf(unit));
        }
        return batches;
    }

    /** The folders directly in {@code dir} that are not hidden, by name. */
    private List<Path> batchesOf(Path dir) throws IOException {
        if (!storage.fs().exists(dir)) {
            return List.of();
        }
        FileStatus[] statuses = storage.fs().listStatus(dir);
        Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
        List<Path> folders = new ArrayList<>();
        for (FileStatus status : statuses) {
            if (status.isDirectory() && !status.getPath().getName().startsWith(".")) {
                folders.add(status.getPath());
            }
        }
        return folders;
    }

    private static LocalDate dateOf(String name) {
        if (!name.startsWith(DATE_PREFIX) || !name.endsWith(ROWS)) {
            return null;
        }
        try {
            return LocalDate.parse(
                    name.substring(DATE_PREFIX.length(), name.length() - ROWS.length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
