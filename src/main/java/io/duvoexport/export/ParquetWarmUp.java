package io.duvoexport.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a throw-away Parquet file of made-up runs in the background, so that the writing path
 * (a few hundred classes, the zstd library, code compiled as it runs hot) is ready when
 * publication starts. Paging mostly waits on the API, against its latency or its rate limit,
 * while the processors idle; publication then merges every partition at once, and would
 * otherwise spend its first second loading and compiling. The file goes to the local temporary
 * folder, whatever the output's file system, and is deleted at once.
 */
public final class ParquetWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ParquetWarmUp.class);
    private static final int FILES = 40;
    private static final int ROWS = 300;

    private ParquetWarmUp() {}

    /** Starts the warm-up on a daemon thread, and returns at once. */
    public static void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                writeFiles();
            } catch (IOException | RuntimeException e) {
                // only time is lost: publication loads the same code when it gets there
                log.debug("the Parquet warm-up failed", e);
            }
        }, "parquet-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes the throw-away files the way publication writes partitions, then deletes them. */
    static void writeFiles() throws IOException {
        java.nio.file.Path file = Files.createTempFile("duvo-warm-up", ".parquet");
        try {
            byte[] staged = stagedRows();
            Configuration conf = new Configuration(false);
            for (int i = 0; i < FILES; i++) {
                try (RunParquetWriter writer = new RunParquetWriter(new Path(file.toUri()), conf,
                        RunParquetWriter.Settings.DEFAULT)) {
                    StagedRows.Cursor cursor =
                            new StagedRows.Cursor(staged, StagedRows.MAGIC.length);
                    while (cursor.position() < staged.length) {
                        writer.write(cursor);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] stagedRows() throws IOException {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        StagedRows rows = new StagedRows(ROWS * 400);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new RunRow("warm-up-" + i, "team", (long) i, i % 2 == 0 ? "completed" : null,
                    "title " + i, "api", "agent-" + i % 8, "Agent " + i % 8, "build-" + i % 4,
                    "user-" + i % 16, i % 3 == 0 ? null : "queue-" + i % 3, "Queue",
                    "item-" + i, "case " + i, at.plusSeconds(i), at.plusSeconds(i + 60),
                    at.plusSeconds(i + 1), i % 4 == 0 ? null : at.plusSeconds(i + 90), null,
                    (long) (i % 5), "passed", 2L, 3L, 1L, "comment", 0L, 1L, 0L, at), at);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.writeTo(out);
        return out.toByteArray();
    }
}
