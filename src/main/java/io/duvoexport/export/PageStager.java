package io.duvoexport.export;

import io.duvoexport.api.RunsPage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flattens pages and stages their rows in the export's staging area, one Parquet file per
 * creation date and batch of pages, and the runs that break the contract in a rejects file.
 *
 * <p>File names derive from the unit and the offset of the batch's first page, so staging the
 * same pages again (after a restart) replaces the earlier files instead of adding to them. Each
 * file appears whole, by rename. Thread-safe: concurrent units write distinct files.
 */
public final class PageStager {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CompressionCodecName STAGING_CODEC = CompressionCodecName.UNCOMPRESSED;

    private final Storage storage;
    private final Path stagingDir;
    private final String teamId;
    private final Instant exportedAt;
    private final ExportWindow window;
    private final RunFlattener flattener = new RunFlattener();

    /** @param window rows created outside it are not staged: their partitions are not ours */
    public PageStager(Storage storage, Path stagingDir, String teamId, Instant exportedAt,
            ExportWindow window) {
        this.storage = storage;
        this.stagingDir = stagingDir;
        this.teamId = teamId;
        this.exportedAt = exportedAt;
        this.window = window;
    }

    /** Counts of one staged batch. */
    public record Staged(long rows, long rejects) {}

    /**
     * Stages a batch of pages of one unit.
     *
     * @param batchName unique per unit and first offset, safe as a file name
     * @param listedStatus the listing's status filter, tagged on runs without a status
     */
    public Staged stage(String batchName, List<RunsPage> pages, String listedStatus)
            throws IOException {
        Map<LocalDate, List<RunRow>> byDate = new TreeMap<>();
        List<String> rejects = new ArrayList<>();
        for (RunsPage page : pages) {
            for (int i = 0; i < page.runs().size(); i++) {
                JsonNode run = page.runs().get(i);
                try {
                    RunRow row = flattener.flatten(run, teamId, listedStatus, exportedAt);
                    LocalDate date = createdDate(row);
                    if (window.contains(date)) {
                        byDate.computeIfAbsent(date, d -> new ArrayList<>()).add(row);
                    }
                } catch (RejectedRunException e) {
                    rejects.add(rejectLine(e.getMessage(), page.query().offset() + i, run));
                }
            }
        }
        long rows = 0;
        for (Map.Entry<LocalDate, List<RunRow>> e : byDate.entrySet()) {
            writeRows(new Path(partitionDir(e.getKey()), batchName + ".parquet"), e.getValue());
            rows += e.getValue().size();
        }
        if (!rejects.isEmpty()) {
            writeRejects(new Path(new Path(stagingDir, "rejects"), batchName + ".jsonl"), rejects);
        }
        return new Staged(rows, rejects.size());
    }

    /** The UTC date of a run's creation: its partition. */
    public static LocalDate createdDate(RunRow row) {
        return LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC);
    }

    private Path partitionDir(LocalDate date) {
        return new Path(new Path(stagingDir, "rows"), "created_date=" + date);
    }

    private void writeRows(Path target, List<RunRow> rows) throws IOException {
        Path tmp = new Path(target.getParent(), target.getName() + ".tmp");
        storage.fs().mkdirs(target.getParent());
        try (RunParquetWriter writer = new RunParquetWriter(tmp, storage.conf(), STAGING_CODEC)) {
            for (RunRow row : rows) {
                writer.write(row);
            }
        }
        storage.replace(tmp, target);
    }

    private void writeRejects(Path target, List<String> lines) throws IOException {
        Path tmp = new Path(target.getParent(), target.getName() + ".tmp");
        try (OutputStream out = storage.fs().create(tmp, true)) {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        storage.replace(tmp, target);
    }

    private static String rejectLine(String reason, long offset, JsonNode run) {
        ObjectNode line = JSON.createObjectNode();
        line.put("reason", reason);
        line.put("offset", offset);
        line.set("run", run);
        return JSON.writeValueAsString(line);
    }
}
