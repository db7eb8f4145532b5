package io.duvoexport.export;

import java.io.IOException;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;

/**
 * Writes runs to one Parquet file, handing each value straight to its column's writer. Parquet's
 * record-at-a-time path ({@code ParquetWriter} with a write support) routes every value through a
 * record consumer that tracks fields, levels and missing columns for nested schemas; the runs
 * schema is flat, so a value needs only its column and whether it is present. The bytes are the
 * same as that path writes (a test compares them).
 *
 * <p>Row groups close when their buffered size nears {@link Settings#rowGroupBytes}. The file is
 * complete (footer written) only after {@link #close()}; callers write under a name readers do
 * not match and rename afterwards. After a failed write, close abandons the file. Not
 * thread-safe.
 */
public final class RunParquetWriter implements AutoCloseable {

    private static final RunColumn[] COLUMNS = RunColumn.values();
    private static final List<ColumnDescriptor> DESCRIPTORS =
            RunParquetSchema.SCHEMA.getColumns();
    static final Map<String, String> METADATA =
            Map.of(RunParquetSchema.VERSION_KEY, Integer.toString(RunParquetSchema.VERSION));

    /**
     * Columns whose values rarely repeat within a partition: a dictionary would only be built
     * to be dropped again at the first page, so they are written plain from the start.
     */
    static final List<RunColumn> NEARLY_UNIQUE = List.of(RunColumn.ID,
            RunColumn.RUN_NUMBER, RunColumn.TITLE, RunColumn.CASE_QUEUE_ITEM_ID,
            RunColumn.CASE_TITLE, RunColumn.CREATED_AT, RunColumn.UPDATED_AT,
            RunColumn.STARTED_AT, RunColumn.COMPLETED_AT, RunColumn.POSTPONED_TO);

    /** Text no query filters by range: min/max statistics of it would cost and never serve. */
    static final List<RunColumn> FREE_TEXT = List.of(RunColumn.TITLE,
            RunColumn.CASE_TITLE, RunColumn.CASE_QUEUE_ITEM_ID, RunColumn.EVAL_FINAL_COMMENT);

    private final ParquetFileWriter file;
    private final ParquetProperties properties;
    private final CompressionCodecFactory codecs;
    private final BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final ColumnWriter[] writers = new ColumnWriter[COLUMNS.length];
    // 1 for a nullable column (a value present), 0 for a required one
    private final int[] presentLevel = new int[COLUMNS.length];

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private int groups;
    private long groupRows;
    private long nextSizeCheck;
    private long rows;
    private boolean failed;
    private boolean closed;

    public RunParquetWriter(Path path, Configuration conf, CompressionCodecName codec)
            throws IOException {
        this(path, conf, Settings.DEFAULT.withCodec(codec));
    }

    public RunParquetWriter(Path path, Configuration conf, Settings settings) throws IOException {
        this(outputFile(path, conf), settings,
                new ZstdCodecFactory(conf, settings.pageBytes(), settings.zstdLevel()));
    }

    RunParquetWriter(OutputFile out, Settings settings, CompressionCodecFactory codecs)
            throws IOException {
        this.properties = settings.properties();
        this.rowGroupBytes = settings.rowGroupBytes();
        this.codecs = codecs;
        this.compressor = codecs.getCompressor(settings.codec());
        for (int i = 0; i < COLUMNS.length; i++) {
            presentLevel[i] = DESCRIPTORS.get(i).getMaxDefinitionLevel();
        }
        this.file = new ParquetFileWriter(out, RunParquetSchema.SCHEMA,
                ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        try {
            file.start();
            startGroup();
        } catch (IOException | RuntimeException e) {
            file.abort();
            codecs.release();
            throw e;
        }
    }

    /** A local file straight through java.nio; anything else through Hadoop's file system. */
    private static OutputFile outputFile(Path path, Configuration conf) throws IOException {
        if ("file".equals(path.toUri().getScheme())) {
            return new LocalOutputFile(Paths.get(path.toUri()));
        }
        return HadoopOutputFile.fromPath(path, conf);
    }

    /**
     * How files are written.
     *
     * @param codec the compression codec
     * @param zstdLevel the zstd level (1 fastest to 22 smallest), when the codec is zstd
     * @param rowGroupBytes the target size of a row group before compression
     * @param pageBytes the target size of a data page
     * @param dictionary whether columns are dictionary-encoded (falling back to plain when a
     *     column's dictionary outgrows a page); ids, titles and timestamps never are
     */
    public record Settings(CompressionCodecName codec, int zstdLevel, long rowGroupBytes,
            int pageBytes, boolean dictionary) {

        /** Zstd at level 3, 128 MiB row groups, 1 MiB pages, dictionaries: Parquet's defaults. */
        public static final Settings DEFAULT = new Settings(CompressionCodecName.ZSTD, 3,
                ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.DEFAULT_PAGE_SIZE, true);

        public Settings withCodec(CompressionCodecName value) {
            return new Settings(value, zstdLevel, rowGroupBytes, pageBytes, dictionary);
        }

        public Settings withZstdLevel(int value) {
            return new Settings(codec, value, rowGroupBytes, pageBytes, dictionary);
        }

        /** The encoding properties of these settings. */
        ParquetProperties properties() {
            ParquetProperties.Builder builder = ParquetProperties.builder()
                    .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                    .withPageSize(pageBytes)
                    .withDictionaryPageSize(pageBytes)
                    .withDictionaryEncoding(dictionary)
                    .withSizeStatisticsEnabled(false);
            for (RunColumn column : NEARLY_UNIQUE) {
                builder.withDictionaryEncoding(column.columnName(), false);
            }
            for (RunColumn column : FREE_TEXT) {
                builder.withStatisticsEnabled(column.columnName(), false);
            }
            return builder.build();
        }
    }

    public long rows() {
        return rows;
    }

    public void write(RunRow row) throws IOException {
        try {
            for (int i = 0; i < COLUMNS.length; i++) {
                Object value = COLUMNS[i].valueOf(row);
                if (value == null) {
                    absent(i);
                    continue;
                }
                switch (COLUMNS[i].kind()) {
                    case STRING -> writers[i].write(
                            Binary.fromString((String) value), 0, presentLevel[i]);
                    case INT64 -> writers[i].write((Long) value, 0, presentLevel[i]);
                    case TIMESTAMP -> writers[i].write(
                            RunColumn.toMicros((Instant) value), 0, presentLevel[i]);
                }
            }
            endRow();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Writes the staged row at the cursor and leaves the cursor after it. Strings go over as
     * slices of the cursor's buffer, never decoded: the buffer must not change until close.
     */
    void write(StagedRows.Cursor row) throws IOException {
        try {
            int mask = row.readInt();
            for (int i = 0; i < COLUMNS.length; i++) {
                if ((mask & (1 << i)) == 0) {
                    absent(i);
                } else if (COLUMNS[i].kind() == RunColumn.Kind.STRING) {
                    int length = row.readStringLength();
                    writers[i].write(Binary.fromConstantByteArray(row.bytes(), row.position(),
                            length), 0, presentLevel[i]);
                    row.skip(length);
                } else {
                    writers[i].write(row.readLong(), 0, presentLevel[i]);
                }
            }
            endRow();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void absent(int column) {
        if (presentLevel[column] == 0) {
            throw new IllegalArgumentException("a run without " + COLUMNS[column].columnName()
                    + ", which every row must have");
        }
        writers[column].writeNull(0, 0);
    }

    private void endRow() throws IOException {
        columns.endRecord();
        rows++;
        if (++groupRows >= nextSizeCheck) {
            checkGroupSize();
        }
    }

    /**
     * Closes the row group once it is within two rows' size of the target, and otherwise plans
     * the next look halfway to the row count that would fill it at the current row size: the
     * schedule of Parquet's own writer, so that the row groups come out where its would.
     */
    private void checkGroupSize() throws IOException {
        long buffered = columns.getBufferedSize();
        long rowBytes = Math.max(1, buffered / groupRows);
        if (buffered > rowGroupBytes - 2 * rowBytes
                || groupRows >= properties.getRowGroupRowCountLimit()) {
            flushGroup();
            startGroup();
            return;
        }
        nextSizeCheck = Math.min(
                Math.max(properties.getMinRowCountForPageSizeCheck(),
                        (groupRows + rowGroupBytes / rowBytes) / 2),
                groupRows + properties.getMaxRowCountForPageSizeCheck());
    }

    private void startGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(RunParquetSchema.SCHEMA)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withCompressorProvider(column -> compressor)
                .withRowGroupOrdinal(groups)
                .build();
        columns = properties.newColumnWriteStore(RunParquetSchema.SCHEMA, pages, pages);
        for (int i = 0; i < COLUMNS.length; i++) {
            writers[i] = columns.getColumnWriter(DESCRIPTORS.get(i));
        }
        groupRows = 0;
        nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
    }

    private void flushGroup() throws IOException {
        try {
            if (groupRows > 0) {
                file.startBlock(groupRows);
                columns.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
                groups++;
            }
        } finally {
            closeGroup();
        }
    }

    private void closeGroup() {
        columns.close();
        pages.close();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed) {
                closeGroup();
                file.abort();
                return;
            }
            flushGroup();
            file.end(METADATA);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            file.close();
            codecs.release();
        }
    }
}
