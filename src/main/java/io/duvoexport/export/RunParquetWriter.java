package io.duvoexport.export;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes runs to one Parquet file. The file is complete (footer written) only after
 * {@link #close()}; callers write under a name readers do not match and rename afterwards.
 * Not thread-safe.
 */
public final class RunParquetWriter implements AutoCloseable {

    private final ParquetWriter<RunRow> writer;
    private long rows;

    public RunParquetWriter(Path path, Configuration conf, CompressionCodecName codec)
            throws IOException {
        this.writer = new Builder(HadoopOutputFile.fromPath(path, conf))
                .withConf(conf)
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true)
                .build();
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

    private static final class Builder extends ParquetWriter.Builder<RunRow, Builder> {

        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RunRow> getWriteSupport(Configuration conf) {
            return new RunWriteSupport();
        }
    }
}
