package io.duvoexport.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Merges the staged rows of one creation date into the partition's Parquet file: one row per
 * {@code id} (the newest {@code updated_at} wins; on a tie, or when neither has one, the row
 * staged first), sorted by {@code created_at} then {@code id}.
 *
 * <p>Works on the staged bytes: rows are indexed where they lie and written to Parquet from
 * there, string columns without decoding. Memory is the date's staged bytes plus a few words
 * per row. Thread-safe: concurrent merges of different dates share nothing.
 */
public final class PartitionMerger {

    private static final Set<String> TERMINAL =
            Set.of("completed", "failed", "interrupted", "stopped");
    private static final int STATUS = RunColumn.STATUS.ordinal();
    private static final int CREATED_AT = RunColumn.CREATED_AT.ordinal();
    private static final int UPDATED_AT = RunColumn.UPDATED_AT.ordinal();

    private final Storage storage;
    private final RunParquetWriter.Settings settings;

    public PartitionMerger(Storage storage, RunParquetWriter.Settings settings) {
        this.storage = storage;
        this.settings = settings;
    }

    /**
     * What a merge wrote.
     *
     * @param rows rows in the file
     * @param open whether a row's status is not terminal (anything but completed, failed,
     *     interrupted and stopped, a missing status included)
     */
    public record Merged(long rows, boolean open) {}

    /** Merges {@code stagedFiles} (in staging order) into a new Parquet file at {@code target}. */
    public Merged merge(List<Path> stagedFiles, Path target) throws IOException {
        byte[] bytes = readAll(stagedFiles);
        Index index = index(bytes);
        int[] kept = newestPerId(index);
        Integer[] order = new Integer[kept.length];
        for (int i = 0; i < kept.length; i++) {
            order[i] = kept[i];
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(r -> index.createdAt[r])
                .thenComparing(r -> index.ids[r]));
        boolean open = false;
        StagedRows.Cursor cursor = new StagedRows.Cursor(bytes, 0);
        try (RunParquetWriter writer = new RunParquetWriter(target, storage.conf(), settings)) {
            for (Integer row : order) {
                open |= index.open[row];
                cursor.seek(index.starts[row]);
                writer.write(cursor);
            }
        }
        storage.sync(target);
        return new Merged(order.length, open);
    }

    /** The files' rows back to back, each file's magic dropped. */
    private byte[] readAll(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += storage.fs().getFileStatus(file).getLen() - StagedRows.MAGIC.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException("the staged rows of one partition exceed 2 GiB: " + files.get(0));
        }
        byte[] bytes = new byte[(int) total];
        int at = 0;
        byte[] magic = new byte[StagedRows.MAGIC.length];
        for (Path file : files) {
            try (InputStream in = storage.fs().open(file)) {
                if (in.readNBytes(magic, 0, magic.length) != magic.length
                        || !Arrays.equals(magic, StagedRows.MAGIC)) {
                    throw new IOException(file + " is not a file of staged rows");
                }
                int length = (int) (storage.fs().getFileStatus(file).getLen() - magic.length);
                if (in.readNBytes(bytes, at, length) != length) {
                    throw new IOException(file + " ended early");
                }
                at += length;
            }
        }
        return bytes;
    }

    /** Where each row starts, and the values the merge decides on. */
    private static final class Index {
        int count;
        int[] starts = new int[1024];
        String[] ids = new String[1024];
        long[] createdAt = new long[1024];
        long[] updatedAt = new long[1024];
        boolean[] hasUpdatedAt = new boolean[1024];
        boolean[] open = new boolean[1024];

        void grow() {
            int size = starts.length * 2;
            starts = Arrays.copyOf(starts, size);
            ids = Arrays.copyOf(ids, size);
            createdAt = Arrays.copyOf(createdAt, size);
            updatedAt = Arrays.copyOf(updatedAt, size);
            hasUpdatedAt = Arrays.copyOf(hasUpdatedAt, size);
            open = Arrays.copyOf(open, size);
        }
    }

    private static Index index(byte[] bytes) {
        Index index = new Index();
        StagedRows.Cursor cursor = new StagedRows.Cursor(bytes, 0);
        while (cursor.position() < bytes.length) {
            if (index.count == index.starts.length) {
                index.grow();
            }
            int row = index.count++;
            index.starts[row] = cursor.position();
            int mask = cursor.readInt();
            index.open[row] = (mask & (1 << STATUS)) == 0;
            for (int c = 0; c < StagedRows.COLUMNS.length; c++) {
                if ((mask & (1 << c)) == 0) {
                    continue;
                }
                if (StagedRows.COLUMNS[c].kind() != RunColumn.Kind.STRING) {
                    long value = cursor.readLong();
                    if (c == CREATED_AT) {
                        index.createdAt[row] = value;
                    } else if (c == UPDATED_AT) {
                        index.updatedAt[row] = value;
                        index.hasUpdatedAt[row] = true;
                    }
                } else if (c == 0) {
                    index.ids[row] = cursor.readString();
                } else if (c == STATUS) {
                    index.open[row] = !TERMINAL.contains(cursor.readString());
                } else {
                    cursor.skip(cursor.readStringLength());
                }
            }
        }
        return index;
    }

    /** The row kept for each id, in the order the ids were first staged. */
    private static int[] newestPerId(Index index) {
        Map<String, Integer> byId = new HashMap<>(index.count * 2);
        int[] kept = new int[index.count];
        int distinct = 0;
        for (int row = 0; row < index.count; row++) {
            Integer earlier = byId.putIfAbsent(index.ids[row], distinct);
            if (earlier == null) {
                kept[distinct++] = row;
            } else if (newer(index, row, kept[earlier])) {
                kept[earlier] = row;
            }
        }
        return Arrays.copyOf(kept, distinct);
    }

    /** Whether {@code row} was updated after {@code than}; a missing time is the oldest. */
    private static boolean newer(Index index, int row, int than) {
        if (!index.hasUpdatedAt[row]) {
            return false;
        }
        return !index.hasUpdatedAt[than] || index.updatedAt[row] > index.updatedAt[than];
    }
}
