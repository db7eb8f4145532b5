package io.duvoexport.export;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes runs to one Parquet file. The file is complete (footer written) only after
 * {@link #close()}; callers write under a name readers do not match and rename afterwards.
 * Not thread-safe.
 */
public final class RunParquetWriter implements AutoCloseable {

    /**
     * Columns whose values rarely repeat within a partition: a dictionary would only be built
     * to be dropped again at the first page, so they are written plain from the start.
     */
    private static final List<RunColumn> NEARLY_UNIQUE = List.of(RunColumn.ID,
            RunColumn.RUN_NUMBER, RunColumn.TITLE, RunColumn.CASE_QUEUE_ITEM_ID,
            RunColumn.CASE_TITLE, RunColumn.CREATED_AT, RunColumn.UPDATED_AT,
            RunColumn.STARTED_AT, RunColumn.COMPLETED_AT, RunColumn.POSTPONED_TO);

    /** Text no query filters by range: min/max statistics of it would cost and never serve. */
    private static final List<RunColumn> FREE_TEXT = List.of(RunColumn.TITLE,
            RunColumn.CASE_TITLE, RunColumn.CASE_QUEUE_ITEM_ID, RunColumn.EVAL_FINAL_COMMENT);

    private final ParquetWriter<RunRow> writer;
    private long rows;

    public RunParquetWriter(Path path, Configuration conf, CompressionCodecName codec)
            throws IOException {
        this(path, conf, Settings.DEFAULT.withCodec(codec));
    }

    public RunParquetWriter(Path path, Configuration conf, Settings settings) throws IOException {
        this.writer = settings.apply(new Builder<>(outputFile(path, conf),
                new RunWriteSupport()), conf).build();
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

        <T, B extends ParquetWriter.Builder<T, B>> B apply(B builder, Configuration conf) {
            for (RunColumn column : NEARLY_UNIQUE) {
                builder.withDictionaryEncoding(column.columnName(), false);
            }
            for (RunColumn column : FREE_TEXT) {
                builder.withStatisticsEnabled(column.columnName(), false);
            }
            return builder.withConf(conf)
                    .withCompressionCodec(codec)
                    .withCodecFactory(new ZstdCodecFactory(conf, pageBytes, zstdLevel))
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                    .withRowGroupSize(rowGroupBytes)
                    .withPageSize(pageBytes)
                    .withDictionaryPageSize(pageBytes)
                    .withDictionaryEncoding(dictionary)
                    .withSizeStatisticsEnabled(false);
        }
    }

    /** A writer of rows still in their staged form: the cursor's current row each time. */
    static Staged forStaged(Path path, Configuration conf, Settings settings) throws IOException {
        return new Staged(settings.apply(new Builder<>(outputFile(path, conf),
                new StagedRowWriteSupport()), conf).build());
    }

    public void write(RunRow row) throws IOException {
        writer.write(row);
        rows++;
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Writes staged rows; see {@link #forStaged}. Not thread-safe. */
    static final class Staged implements AutoCloseable {
        private final ParquetWriter<StagedRows.Cursor> writer;

        private Staged(ParquetWriter<StagedRows.Cursor> writer) {
            this.writer = writer;
        }

        /** Writes the row at the cursor and leaves the cursor after it. */
        void write(StagedRows.Cursor cursor) throws IOException {
            writer.write(cursor);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {

        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
