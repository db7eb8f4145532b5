package io.duvoexport.publish;

import io.duvoexport.export.StagingArea;
import io.duvoexport.export.Storage;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.Path;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the files that close an export: the merged rejects, the manifest, then the
 * {@code _SUCCESS} marker, each whole and by rename. The marker is removed when publication
 * starts, so its presence means the dataset is complete.
 */
public final class ManifestWriter {

    public static final String MANIFEST = "manifest.json";
    public static final String SUCCESS = "_SUCCESS";
    public static final String REJECTS = "rejects.jsonl";

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Storage storage;

    public ManifestWriter(Storage storage) {
        this.storage = storage;
    }

    /** Removes the success marker: the dataset is about to change. */
    public void clearSuccess() throws IOException {
        storage.fs().delete(new Path(storage.root(), SUCCESS), false);
    }

    /** Concatenates the staged rejects into {@code rejects.jsonl}; returns its lines. */
    public long publishRejects(Path stagingDir) throws IOException {
        Path tmp = new Path(stagingDir, REJECTS + ".tmp");
        long lines = 0;
        try (OutputStream out = storage.fs().create(tmp, true)) {
            for (Path file : new StagingArea(storage, stagingDir).rejectFiles()) {
                byte[] content;
                try (InputStream in = storage.fs().open(file)) {
                    content = in.readAllBytes();
                }
                out.write(content);
                lines += countLines(content);
            }
        }
        storage.replace(tmp, new Path(storage.root(), REJECTS));
        return lines;
    }

    /** Counts the staged rejects without publishing anything. */
    public long countStagedRejects(Path stagingDir) throws IOException {
        long lines = 0;
        for (Path file : new StagingArea(storage, stagingDir).rejectFiles()) {
            try (InputStream in = storage.fs().open(file)) {
                lines += countLines(in.readAllBytes());
            }
        }
        return lines;
    }

    public void write(Manifest manifest, Path stagingDir) throws IOException {
        Path tmp = new Path(stagingDir, MANIFEST + ".tmp");
        try (OutputStream out = storage.fs().create(tmp, true)) {
            JSON.writeValue(out, manifest);
        }
        storage.replace(tmp, new Path(storage.root(), MANIFEST));
        Path marker = new Path(stagingDir, SUCCESS + ".tmp");
        storage.fs().create(marker, true).close();
        storage.replace(marker, new Path(storage.root(), SUCCESS));
    }

    public static boolean exists(Storage storage) throws IOException {
        return storage.fs().exists(new Path(storage.root(), MANIFEST));
    }

    public static Manifest read(Storage storage) throws IOException {
        try (InputStream in = storage.fs().open(new Path(storage.root(), MANIFEST))) {
            return JSON.readValue(in, Manifest.class);
        }
    }

    private static long countLines(byte[] content) {
        long n = 0;
        for (byte b : content) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
