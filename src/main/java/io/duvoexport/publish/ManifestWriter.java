package io.duvoexport.publish;

import io.duvoexport.export.StagingArea;
import io.duvoexport.export.Storage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Removes the success marker: the dataset is about to change. True when it was there. */
    public boolean clearSuccess() throws IOException {
        return storage.fs().delete(new Path(storage.root(), SUCCESS), false);
    }

    /** Writes the success marker: the dataset is complete. */
    public void markSuccess(Path stagingDir) throws IOException {
        Path marker = new Path(stagingDir, SUCCESS + ".tmp");
        storage.fs().create(marker, true).close();
        storage.replace(marker, new Path(storage.root(), SUCCESS));
    }

    /**
     * Writes the staged rejects into {@code rejects.jsonl}, each run once (overlapping and
     * re-read pages see some runs twice); returns the lines written.
     */
    public long publishRejects(Path stagingDir) throws IOException {
        Path tmp = new Path(stagingDir, REJECTS + ".tmp");
        Collection<String> lines = stagedRejects(stagingDir);
        try (OutputStream out = storage.fs().create(tmp, true)) {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        storage.replace(tmp, new Path(storage.root(), REJECTS));
        return lines.size();
    }

    /** Counts the staged rejects, each run once, without publishing anything. */
    public long countStagedRejects(Path stagingDir) throws IOException {
        return stagedRejects(stagingDir).size();
    }

    /** Staged reject lines in batch order, one per distinct raw run. */
    private Collection<String> stagedRejects(Path stagingDir) throws IOException {
        Map<String, String> byRun = new LinkedHashMap<>();
        for (Path file : new StagingArea(storage, stagingDir).rejectFiles()) {
            String content;
            try (InputStream in = storage.fs().open(file)) {
                content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : content.split("\n")) {
                if (!line.isBlank()) {
                    byRun.putIfAbsent(JSON.readTree(line).path("run").toString(), line);
                }
            }
        }
        return byRun.values();
    }

    public void write(Manifest manifest, Path stagingDir) throws IOException {
        Path tmp = new Path(stagingDir, MANIFEST + ".tmp");
        try (OutputStream out = storage.fs().create(tmp, true)) {
            JSON.writeValue(out, manifest);
        }
        storage.replace(tmp, new Path(storage.root(), MANIFEST));
        markSuccess(stagingDir);
    }

    /**
     * Links (or copies) the manifest and the rejects file as they are now into {@code backupDir},
     * so that {@link #putBack} can restore them if the publication fails after writing new ones.
     */
    public void keepAside(Path backupDir) throws IOException {
        for (String name : List.of(MANIFEST, REJECTS)) {
            Path current = new Path(storage.root(), name);
            Path copy = new Path(backupDir, name + ".previous");
            storage.fs().delete(copy, false);
            if (storage.fs().exists(current)) {
                storage.keepCopy(current, copy);
            }
        }
    }

    /**
     * Restores the manifest and the rejects file kept aside by {@link #keepAside}, removing the
     * ones that did not exist then, and the success marker unless it was there before.
     */
    public void putBack(Path backupDir, boolean wasComplete) throws IOException {
        for (String name : List.of(MANIFEST, REJECTS)) {
            Path current = new Path(storage.root(), name);
            Path copy = new Path(backupDir, name + ".previous");
            if (storage.fs().exists(copy)) {
                storage.replace(copy, current);
            } else {
                storage.fs().delete(current, false);
            }
        }
        if (wasComplete) {
            markSuccess(backupDir);
        } else {
            clearSuccess();
        }
    }

    public static boolean exists(Storage storage) throws IOException {
        return storage.fs().exists(new Path(storage.root(), MANIFEST));
    }

    public static Manifest read(Storage storage) throws IOException {
        try (InputStream in = storage.fs().open(new Path(storage.root(), MANIFEST))) {
            return JSON.readValue(in, Manifest.class);
        }
    }

}
