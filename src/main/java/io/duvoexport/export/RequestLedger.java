package io.duvoexport.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The requests each execution of an export has sent, kept in its staging area
 * ({@code requests/execution-<id>}), so that an export resumed by another process still reports
 * every request it cost. An execution's count is as of its last {@link #record}: a process killed
 * in between loses the requests since then from the count. Thread-safe.
 */
public final class RequestLedger {

    private static final String PREFIX = "execution-";

    private final Storage storage;
    private final Path dir;

    public RequestLedger(Storage storage, Path stagingDir) {
        this.storage = storage;
        this.dir = new Path(stagingDir, "requests");
    }

    /** Records the requests the execution has sent so far, replacing its earlier count. */
    public synchronized void record(long executionId, long requests) throws IOException {
        storage.fs().mkdirs(dir);
        Path tmp = new Path(dir, "." + PREFIX + executionId + ".tmp");
        try (OutputStream out = storage.fs().create(tmp, true)) {
            out.write(Long.toString(requests).getBytes(StandardCharsets.US_ASCII));
        }
        storage.replace(tmp, new Path(dir, PREFIX + executionId));
    }

    /** The requests recorded by every execution but {@code executionId}. */
    public long others(long executionId) throws IOException {
        if (!storage.fs().exists(dir)) {
            return 0;
        }
        long sum = 0;
        for (FileStatus file : storage.fs().listStatus(dir)) {
            String name = file.getPath().getName();
            if (name.startsWith(PREFIX) && !name.equals(PREFIX + executionId)) {
                try (InputStream in = storage.fs().open(file.getPath())) {
                    String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
                    sum += text.matches("\\d{1,18}") ? Long.parseLong(text) : 0;
                }
            }
        }
        return sum;
    }
}
