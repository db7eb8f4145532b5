package io.duvoexport.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The compact binary form of staged rows: what a batch stages per creation date, read back once
 * at publication. Cheaper than Parquet both ways (no column writers, no page or footer
 * machinery) and lossless: every column of {@link RunRow} as it is.
 *
 * <p>A file is the magic {@code DVRUNS01} followed by rows. A row is a 32-bit mask of the
 * columns present (bit {@code i} for {@link RunColumn} ordinal {@code i}), then each present
 * column in column order: a string as an unsigned LEB128 length and its UTF-8 bytes; an integer
 * or a timestamp (microseconds since the epoch) as 8 bytes, big-endian.
 *
 * <p>An instance is a growable buffer of encoded rows; not thread-safe.
 */
final class StagedRows {

    static final byte[] MAGIC = "DVRUNS01".getBytes(StandardCharsets.US_ASCII);
    static final RunColumn[] COLUMNS = RunColumn.values();
    private static final int EXPORTED_AT = RunColumn.EXPORTED_AT.ordinal();

    private byte[] bytes;
    private int length;
    private int rows;

    StagedRows(int capacity) {
        this.bytes = new byte[Math.max(capacity, MAGIC.length)];
        System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
        this.length = MAGIC.length;
    }

    int rows() {
        return rows;
    }

    /** Adds a row, its {@code exported_at} replaced by the export's. */
    void add(RunRow row, Instant exportedAt) {
        int maskAt = length;
        writeInt(0); // the mask, filled in once the values are written
        int mask = 0;
        for (int i = 0; i < COLUMNS.length; i++) {
            Object value = i == EXPORTED_AT ? exportedAt : COLUMNS[i].valueOf(row);
            if (value == null) {
                continue;
            }
            mask |= 1 << i;
            switch (COLUMNS[i].kind()) {
                case STRING -> writeString((String) value);
                case INT64 -> writeLong((Long) value);
                case TIMESTAMP -> writeLong(RunColumn.toMicros((Instant) value));
            }
        }
        bytes[maskAt] = (byte) (mask >>> 24);
        bytes[maskAt + 1] = (byte) (mask >>> 16);
        bytes[maskAt + 2] = (byte) (mask >>> 8);
        bytes[maskAt + 3] = (byte) mask;
        rows++;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(5 + utf8.length);
        int n = utf8.length;
        while ((n & ~0x7F) != 0) {
            bytes[length++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        bytes[length++] = (byte) n;
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    private void writeInt(int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Reads rows from encoded bytes; a cursor over one buffer, not thread-safe. */
    static final class Cursor {
        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        byte[] bytes() {
            return bytes;
        }

        int position() {
            return position;
        }

        void seek(int value) {
            position = value;
        }

        int readInt() {
            int p = position;
            position += 4;
            return (bytes[p] & 0xFF) << 24 | (bytes[p + 1] & 0xFF) << 16
                    | (bytes[p + 2] & 0xFF) << 8 | (bytes[p + 3] & 0xFF);
        }

        long readLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (bytes[position++] & 0xFF);
            }
            return value;
        }

        /** Reads a string's length and leaves the position on its first byte. */
        int readStringLength() {
            int value = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[position++];
                value |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }

        void skip(int count) {
            position += count;
        }

        String readString() {
            int n = readStringLength();
            String value = new String(bytes, position, n, StandardCharsets.UTF_8);
            position += n;
            return value;
        }

        /** Decodes one whole row. */
        RunRow readRow() {
            int mask = readInt();
            Object[] v = new Object[COLUMNS.length];
            for (int i = 0; i < COLUMNS.length; i++) {
                if ((mask & (1 << i)) == 0) {
                    continue;
                }
                v[i] = switch (COLUMNS[i].kind()) {
                    case STRING -> readString();
                    case INT64 -> readLong();
                    case TIMESTAMP -> RunColumn.fromMicros(readLong());
                };
            }
            return RunColumn.row(v);
        }
    }
}
