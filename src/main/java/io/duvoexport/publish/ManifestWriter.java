package io.duvoexport.publish;

import io.duvoexport.export.Storage;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileStatus;
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

    /** Concatenates the staged rejects files into {@code rejects.jsonl}; returns the lines. */
    public long publishRejects(Path stagingDir) throws IOException {
        Path staged = new Path(stagingDir, "rejects");
        Path tmp = new Path(stagingDir, REJECTS + ".tmp");
        long lines = 0;
        try (OutputStream out = storage.fs().create(tmp, true)) {
            if (storage.fs().exists(staged)) {
                FileStatus[] files = storage.fs().listStatus(staged);
                java.util.Arrays.sort(files, java.util.Comparator.comparing(f -> f.getPath().getName()));
                for (FileStatus file : files) {
                    if (file.getPath().getName().endsWith(".jsonl")) {
                        byte[] content = storage.fs().open(file.getPath()).readAllBytes();
                        out.write(content);
                        lines += countLines(content);
                    }
                }
            }
        }
        storage.replace(tmp, new Path(storage.root(), REJECTS));
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
        try (java.io.InputStream in = storage.fs().open(new Path(storage.root(), MANIFEST))) {
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
