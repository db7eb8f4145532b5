package io.duvoexport.export;

import io.duvoexport.api.LogText;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flattens pages and stages their rows in the export's staging area, one file of
 * {@link StagedRows} per creation date and batch of pages, and the runs that break the contract
 * in a rejects file. Runs come flattened by the client ({@link RunRowDecoder}), or are flattened
 * straight from the page's bytes ({@link StreamingRunFlattener}), or from JSON trees otherwise
 * and for every run the fast path declines ({@link RunFlattener}): the rows and rejects are the
 * same every way. Each reject is logged at WARN with its id, escaped, and the reason.
 *
 * <p>File names derive from the unit and the offset of the batch's first page, so staging the
 * same pages again (after a restart) replaces the earlier files instead of adding to them. Each
 * file appears whole, by rename. Thread-safe: concurrent units write distinct files.
 */
public final class PageStager {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS_BUFFER = 64 * 1024;
    private static final int MAX_LOGGED_ID = 100;
    // rejects may run into thousands before the threshold fails the export: WARN the first ones
    private static final int REJECTS_WARNED = 50;
    private static final String FURTHER_REJECTS =
            " (further rejects of this unit at DEBUG only; all are in the rejects file)";
    private static final Logger log = LoggerFactory.getLogger(PageStager.class);

    private final AtomicInteger rejectsLogged = new AtomicInteger();

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
     * Stages a batch of pages of one unit, replacing what an earlier attempt staged under the
     * same name.
     *
     * @param batchName unique per unit and first offset, safe as a file name
     * @param listedStatus the listing's status filter, tagged on runs without a status
     * @param progress where the unit stands after these pages, or null for a first page
     */
    public Staged stage(String batchName, List<RunsPage> pages, String listedStatus,
            BatchProgress progress) throws IOException {
        Map<LocalDate, StagedRows> byDate = new TreeMap<>();
        List<String> rejects = new ArrayList<>();
        StreamingRunFlattener streaming = new StreamingRunFlattener();
        for (RunsPage page : pages) {
            if (page.isDecoded()) {
                for (int i = 0; i < page.size(); i++) {
                    if (page.decoded(i) instanceof RunRow row) {
                        add(row, byDate);
                    } else {
                        stageRun(page, i, listedStatus, byDate, rejects);
                    }
                }
            } else if (page.hasBytes()) {
                stageFast(streaming, page, listedStatus, byDate, rejects);
            } else {
                for (int i = 0; i < page.size(); i++) {
                    stageRun(page, i, listedStatus, byDate, rejects);
                }
            }
        }
        writeBatch(batchName, byDate, rejects, progress);
        long rows = byDate.values().stream().mapToLong(StagedRows::rows).sum();
        return new Staged(rows, rejects.size());
    }

    /** Flattens the page from its bytes; runs the fast path declines take the tree path. */
    private void stageFast(StreamingRunFlattener streaming, RunsPage page, String listedStatus,
            Map<LocalDate, StagedRows> byDate, List<String> rejects) throws IOException {
        try {
            streaming.flattenPage(page.runBytes(), teamId, listedStatus, exportedAt,
                    (index, row) -> {
                        if (row == null) {
                            stageRun(page, index, listedStatus, byDate, rejects);
                        } else {
                            add(row, byDate);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flattens run {@code i} of the page from its JSON tree: a row, or a reject. */
    private void stageRun(RunsPage page, int i, String listedStatus,
            Map<LocalDate, StagedRows> byDate, List<String> rejects) {
        JsonNode run = page.run(i);
        try {
            add(flattener.flatten(run, teamId, listedStatus, exportedAt), byDate);
        } catch (RejectedRunException e) {
            long offset = page.query().offset() + i;
            int logged = rejectsLogged.incrementAndGet();
            if (logged <= REJECTS_WARNED) {
                log.warn("quarantined run {} at offset {}: {}{}", describeId(run), offset,
                        e.getMessage(), logged == REJECTS_WARNED ? FURTHER_REJECTS : "");
            } else {
                log.debug("quarantined run {} at offset {}: {}", describeId(run), offset,
                        e.getMessage());
            }
            rejects.add(rejectLine(e.getMessage(), offset, run));
        }
    }

    /** The run's id for a log line, escaped: it comes from the API and may hold anything. */
    private static String describeId(JsonNode run) {
        JsonNode id = run == null ? null : run.get("id");
        if (id == null || id.isNull()) {
            return "without id";
        }
        String text = id.isString() ? id.asString() : id.toString();
        return "'" + LogText.visible(text, MAX_LOGGED_ID) + "'";
    }

    private void add(RunRow row, Map<LocalDate, StagedRows> byDate) {
        LocalDate date = createdDate(row);
        if (window.contains(date)) {
            byDate.computeIfAbsent(date, d -> new StagedRows(ROWS_BUFFER)).add(row, exportedAt);
        }
    }

    /** The UTC date of a run's creation: its partition. */
    public static LocalDate createdDate(RunRow row) {
        return LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC);
    }

    /** Writes the batch in a hidden folder, then renames it over any earlier attempt's. */
    private void writeBatch(String batchName, Map<LocalDate, StagedRows> byDate,
            List<String> rejects, BatchProgress progress) throws IOException {
        Path target = new StagingArea(storage, stagingDir).batchDir(batchName);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        storage.fs().delete(tmp, true);
        storage.fs().mkdirs(tmp);
        for (Map.Entry<LocalDate, StagedRows> e : byDate.entrySet()) {
            Path file = new Path(tmp, StagingArea.rowFileName(e.getKey()));
            try (OutputStream out = storage.fs().create(file)) {
                e.getValue().writeTo(out);
            }
        }
        if (!rejects.isEmpty()) {
            try (OutputStream out = storage.fs().create(new Path(tmp, StagingArea.REJECTS_FILE))) {
                for (String line : rejects) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        }
        if (progress != null) {
            try (OutputStream out =
                    storage.fs().create(new Path(tmp, StagingArea.PROGRESS_FILE))) {
                out.write(progress.encode().getBytes(StandardCharsets.UTF_8));
            }
        }
        // the batch was not committed, so no one relies on an earlier attempt's folder
        storage.fs().delete(target, true);
        if (!storage.fs().rename(tmp, target)) {
            throw new IOException("cannot move staged batch " + tmp + " to " + target);
        }
    }

    private static String rejectLine(String reason, long offset, JsonNode run) {
        ObjectNode line = JSON.createObjectNode();
        line.put("reason", reason);
        line.put("offset", offset);
        line.set("run", run);
        return JSON.writeValueAsString(line);
    }
}
