package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunParquetRoundTripTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T08:15:02.123456Z");

    @TempDir
    Path dir;

    @Test
    void duckDbReadsEveryColumnWithItsTypeAndTheDateAsAPartition() throws Exception {
        Path file = write("created_date=2026-11-30", List.of(TestRows.full("r1", CREATED)));

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            Map<String, String> types = describe(st, glob());
            assertThat(types).containsEntry("id", "VARCHAR")
                    .containsEntry("run_number", "BIGINT")
                    .containsEntry("created_at", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("submitted_prompt_count", "BIGINT")
                    .containsEntry("eval_low", "BIGINT")
                    .containsEntry("exported_at", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("created_date", "DATE");
            assertThat(types).hasSize(RunColumn.values().length + 1);

            ResultSet rs = st.executeQuery("SELECT title, created_at, submitted_prompt_count, "
                    + "eval_failed, created_date FROM read_parquet('" + glob()
                    + "', hive_partitioning = true)");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Title, \"quoted\"\nline 2 ✓ שלום");
            assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(CREATED);
            assertThat(rs.getLong(3)).isEqualTo(4503599627370495L);
            assertThat(rs.getLong(4)).isEqualTo(2L);
            assertThat(rs.getString(5)).isEqualTo("2026-11-30");
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void fileOfNullsKeepsItsColumnTypesSoFilesUnionByName() throws Exception {
        write("created_date=2026-11-29", List.of(TestRows.minimal("r0", CREATED.minusSeconds(86400))));
        write("created_date=2026-11-30", List.of(TestRows.full("r1", CREATED)));

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*), count(eval_low), max(run_number) "
                    + "FROM read_parquet('" + glob() + "', hive_partitioning = true, "
                    + "union_by_name = true)");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.getLong(3)).isEqualTo(7);

            // the file of nulls alone declares the same columns, in order, with the same types
            String nulls = dir.resolve("runs/created_date=2026-11-29/part-0.parquet").toString();
            String full = dir.resolve("runs/created_date=2026-11-30/part-0.parquet").toString();
            assertThat(describe(st, nulls)).containsExactlyEntriesOf(describe(st, full));
            rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + glob()
                    + "', hive_partitioning = true, union_by_name = false)");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void javaReaderReturnsTheRowsWritten() throws Exception {
        List<RunRow> rows = List.of(TestRows.full("r1", CREATED), TestRows.minimal("r2", CREATED));
        Path file = write("created_date=2026-11-30", rows);

        Storage storage = Storage.open(dir.toString());
        List<RunRow> read = RunParquetReader.readAll(
                new org.apache.hadoop.fs.Path(file.toUri()), storage.conf());

        assertThat(read).containsExactlyElementsOf(rows);
    }

    @Test
    void writesZstdWithoutChecksumSideFiles() throws Exception {
        write("created_date=2026-11-30", List.of(TestRows.full("r1", CREATED)));

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("part-0.parquet");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('"
                    + glob() + "')");
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("ZSTD");
            assertThat(rs.next()).isFalse();
        }
    }

    private Path write(String partition, List<RunRow> rows) throws Exception {
        Storage storage = Storage.open(dir.toString());
        Path file = dir.resolve("runs").resolve(partition).resolve("part-0.parquet");
        Files.createDirectories(file.getParent());
        try (RunParquetWriter writer = new RunParquetWriter(
                new org.apache.hadoop.fs.Path(file.toUri()), storage.conf(),
                CompressionCodecName.ZSTD)) {
            for (RunRow row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    private String glob() {
        return dir.resolve("runs").toString() + "/**/*.parquet";
    }

    private static Map<String, String> describe(Statement st, String glob) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + glob
                + "', hive_partitioning = true)");
        while (rs.next()) {
            types.put(rs.getString("column_name"), rs.getString("column_type"));
        }
        return types;
    }
}
