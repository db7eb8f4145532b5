package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The column-at-a-time writer writes the very bytes of Parquet's record-at-a-time path. */
class RunParquetWriterTest {

    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    @Test
    void writesTheBytesOfParquetsRecordPathFromRowsAndFromStagedRows() throws IOException {
        List<RunRow> rows = rows(3_000);
        for (RunParquetWriter.Settings settings : List.of(RunParquetWriter.Settings.DEFAULT,
                RunParquetWriter.Settings.DEFAULT.withZstdLevel(1),
                RunParquetWriter.Settings.DEFAULT.withCodec(CompressionCodecName.SNAPPY),
                new RunParquetWriter.Settings(CompressionCodecName.ZSTD, 3, 128 * 1024,
                        8 * 1024, false))) {
            byte[] reference = recordPath(rows, settings);

            Path fromRows = dir.resolve("rows.parquet");
            try (RunParquetWriter writer = new RunParquetWriter(
                    new org.apache.hadoop.fs.Path(fromRows.toUri()), CONF, settings)) {
                for (RunRow row : rows) {
                    writer.write(row);
                }
                assertThat(writer.rows()).isEqualTo(rows.size());
            }
            Path fromStaged = dir.resolve("staged.parquet");
            byte[] staged = staged(rows);
            try (RunParquetWriter writer = new RunParquetWriter(
                    new org.apache.hadoop.fs.Path(fromStaged.toUri()), CONF, settings)) {
                StagedRows.Cursor cursor = new StagedRows.Cursor(staged, StagedRows.MAGIC.length);
                while (cursor.position() < staged.length) {
                    writer.write(cursor);
                }
            }

            assertThat(Files.readAllBytes(fromRows)).as("from rows, %s", settings)
                    .isEqualTo(reference);
            assertThat(Files.readAllBytes(fromStaged)).as("from staged rows, %s", settings)
                    .isEqualTo(reference);
        }
    }

    @Test
    void closesRowGroupsWhereParquetsWriterDoes() throws IOException {
        RunParquetWriter.Settings small =
                new RunParquetWriter.Settings(CompressionCodecName.ZSTD, 3, 64 * 1024, 8 * 1024, true);
        List<RunRow> rows = rows(5_000);
        Path file = dir.resolve("groups.parquet");
        try (RunParquetWriter writer =
                new RunParquetWriter(new org.apache.hadoop.fs.Path(file.toUri()), CONF, small)) {
            for (RunRow row : rows) {
                writer.write(row);
            }
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(recordPath(rows, small));
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
            assertThat(reader.getFooter().getBlocks()).hasSizeGreaterThan(3);
            assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData())
                    .containsEntry(RunParquetSchema.VERSION_KEY,
                            Integer.toString(RunParquetSchema.VERSION));
        }
    }

    @Test
    void refusesARowWithoutARequiredColumnAndNeverCompletesTheFile() throws IOException {
        Path file = dir.resolve("broken.parquet");
        RunRow missingTeam = new RunRow("r1", null, null, null, null, null, null, null, null,
                null, null, null, null, null, Instant.EPOCH, null, null, null, null, null, null,
                null, null, null, null, null, null, null, TestRows.EXPORTED_AT);

        RunParquetWriter writer = new RunParquetWriter(
                new org.apache.hadoop.fs.Path(file.toUri()), CONF, RunParquetWriter.Settings.DEFAULT);
        assertThatThrownBy(() -> writer.write(missingTeam))
                .hasMessageContaining("team_id");
        writer.close();

        // no footer: no reader takes the abandoned file for a dataset file
        assertThatThrownBy(() -> ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), CONF)).close())
                .hasMessageContaining("not a Parquet file");
    }

    /** Rows with repeats, gaps and every column kind, in the shapes the API gives. */
    private static List<RunRow> rows(int count) {
        List<RunRow> rows = new ArrayList<>();
        Instant base = Instant.parse("2026-11-30T00:00:00.123456Z");
        for (int i = 0; i < count; i++) {
            rows.add(new RunRow("run-" + i, "team-1", (long) i,
                    i % 4 == 0 ? null : List.of("completed", "failed", "running").get(i % 3),
                    "title " + i + " \u00e9\u4e2d", "api", "agent-" + i % 7, "Agent " + i % 7,
                    i % 9 == 0 ? "build-" + i : null, "user-" + i % 11,
                    i % 2 == 0 ? null : "queue-" + i % 3, i % 2 == 0 ? null : "Queue " + i % 3,
                    i % 2 == 0 ? null : "item-" + i, i % 2 == 0 ? null : "case " + i,
                    base.plusSeconds(i), i % 5 == 0 ? null : base.plusSeconds(i + 60),
                    base.plusSeconds(i + 1), i % 3 == 0 ? null : base.plusSeconds(i + 90), null,
                    (long) (i % 4), i % 6 == 0 ? null : "passed", (long) (i % 3), 3L,
                    (long) (3 - i % 3), i % 10 == 0 ? "comment " + i : null, 0L, (long) (i % 2),
                    1L, TestRows.EXPORTED_AT));
        }
        return rows;
    }

    private static byte[] staged(List<RunRow> rows) throws IOException {
        StagedRows staged = new StagedRows(1024);
        for (RunRow row : rows) {
            staged.add(row, TestRows.EXPORTED_AT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        staged.writeTo(out);
        return out.toByteArray();
    }

    /** The file Parquet's ParquetWriter writes with the same settings. */
    private byte[] recordPath(List<RunRow> rows, RunParquetWriter.Settings settings)
            throws IOException {
        Path file = dir.resolve("reference.parquet");
        Files.deleteIfExists(file);
        RecordPath builder = new RecordPath(new LocalOutputFile(file));
        for (RunColumn column : RunParquetWriter.NEARLY_UNIQUE) {
            builder.withDictionaryEncoding(column.columnName(), false);
        }
        for (RunColumn column : RunParquetWriter.FREE_TEXT) {
            builder.withStatisticsEnabled(column.columnName(), false);
        }
        try (ParquetWriter<RunRow> writer = builder.withConf(CONF)
                .withCompressionCodec(settings.codec())
                .withCodecFactory(new ZstdCodecFactory(CONF, settings.pageBytes(),
                        settings.zstdLevel()))
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.pageBytes())
                .withDictionaryEncoding(settings.dictionary())
                .withSizeStatisticsEnabled(false)
                .build()) {
            for (RunRow row : rows) {
                writer.write(row);
            }
        }
        return Files.readAllBytes(file);
    }

    private static final class RecordPath extends ParquetWriter.Builder<RunRow, RecordPath> {
        RecordPath(OutputFile file) {
            super(file);
        }

        @Override
        protected RecordPath self() {
            return this;
        }

        @Override
        protected WriteSupport<RunRow> getWriteSupport(Configuration conf) {
            return new RecordPathWriteSupport();
        }
    }
}
