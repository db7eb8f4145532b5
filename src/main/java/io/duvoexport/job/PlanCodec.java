package io.duvoexport.job;

import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps an export's {@link ExportPlan} as {@code plan.json} in its staging area, written whole by
 * rename before the plan step commits: every later step, in this process or after a restart, reads
 * the plan from there, so it is never lost between a step's completion and the job's bookkeeping.
 */
final class PlanCodec {

    static final String FILE = "plan.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanCodec() {}

    static void save(Storage storage, Path stagingDir, ExportPlan plan) throws IOException {
        Path tmp = new Path(stagingDir, FILE + ".tmp");
        try (OutputStream out = storage.fs().create(tmp, true)) {
            JSON.writeValue(out, plan);
        }
        storage.replace(tmp, new Path(stagingDir, FILE));
    }

    /** The plan of a job instance; fails when its plan step has not completed. */
    static ExportPlan load(Storage storage, long jobInstanceId) {
        Path file = new Path(PlanTasklet.stagingDir(storage, jobInstanceId), FILE);
        try (InputStream in = storage.fs().open(file)) {
            return JSON.readValue(in, ExportPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the export plan " + file + " cannot be read: "
                    + "re-run with --force to export again", e);
        }
    }
}
