package io.duvoexport.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duvoexport.export.BatchProgress;
import io.duvoexport.export.ExportWindow;
import io.duvoexport.export.PageStager;
import io.duvoexport.export.Storage;
import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.RateLimit;
import io.duvoexport.api.SortOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PartitionPublisherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private JsonNode run(String id, String createdAt, String status, String updatedAt) {
        return JSON.readTree("{\"id\":\"" + id + "\",\"created_at\":\"" + createdAt
                + "\",\"updated_at\":\"" + updatedAt + "\",\"status\":\"" + status + "\"}");
    }

    private org.apache.hadoop.fs.Path stage(Storage storage, String name, JsonNode... runs)
            throws Exception {
        org.apache.hadoop.fs.Path staging =
                new org.apache.hadoop.fs.Path(storage.workDir(), name);
        RunsPage page = new RunsPage(new RunsQuery(RunFilter.NONE, SortOrder.ASC, 0, 100),
                List.of(runs), runs.length, RateLimit.UNKNOWN);
        new PageStager(storage, staging, "team", Instant.parse("2026-12-03T00:00:00Z"),
                ExportWindow.EVERYTHING).stage("all-00000-000000000000", List.of(page), null,
                new BatchProgress(100, true, null, List.of(), runs.length));
        return staging;
    }

    private Map<String, byte[]> files() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir.resolve("runs"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void keepsTheNewestVersionOfARunSeenTwice() throws Exception {
        Storage storage = Storage.open(dir.toString());
        org.apache.hadoop.fs.Path staging = stage(storage, "a",
                run("r1", "2026-11-30T08:00:00Z", "running", "2026-11-30T08:00:00Z"),
                run("r1", "2026-11-30T08:00:00Z", "completed", "2026-11-30T09:00:00Z"),
                run("r2", "2026-11-29T08:00:00Z", "failed", "2026-11-29T09:00:00Z"));
        PartitionPublisher publisher = new PartitionPublisher(storage);

        PartitionPublisher.Prepared prepared = publisher.prepare(staging);
        publisher.commit(prepared, d -> true, new org.apache.hadoop.fs.Path(staging, "previous"));

        assertThat(prepared.rows()).containsEntry(LocalDate.parse("2026-11-30"), 1L)
                .containsEntry(LocalDate.parse("2026-11-29"), 1L);
        assertThat(prepared.open()).isEmpty();
    }

    @Test
    void aFailedCommitPutsEveryPartitionBackAsItWas() throws Exception {
        Storage storage = Storage.open(dir.toString());
        PartitionPublisher publisher = new PartitionPublisher(storage);
        org.apache.hadoop.fs.Path first = stage(storage, "first",
                run("r1", "2026-11-28T08:00:00Z", "completed", "2026-11-28T09:00:00Z"),
                run("r2", "2026-11-29T08:00:00Z", "completed", "2026-11-29T09:00:00Z"));
        publisher.commit(publisher.prepare(first), d -> true,
                new org.apache.hadoop.fs.Path(first, "previous"));
        Map<String, byte[]> before = files();

        // a second export changes 11-28, drops 11-29, adds 11-30, and its 11-30 file vanishes
        org.apache.hadoop.fs.Path second = stage(storage, "second",
                run("r1", "2026-11-28T08:00:00Z", "failed", "2026-11-28T10:00:00Z"),
                run("r3", "2026-11-30T08:00:00Z", "completed", "2026-11-30T09:00:00Z"));
        PartitionPublisher.Prepared prepared = publisher.prepare(second);
        storage.fs().delete(prepared.files().get(LocalDate.parse("2026-11-30")), false);

        assertThatThrownBy(() -> publisher.commit(prepared, d -> true,
                new org.apache.hadoop.fs.Path(second, "previous")))
                .isInstanceOf(java.io.IOException.class);

        Map<String, byte[]> after = files();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        List<String> changed = new ArrayList<>();
        before.forEach((name, bytes) -> {
            if (!java.util.Arrays.equals(bytes, after.get(name))) {
                changed.add(name);
            }
        });
        assertThat(changed).isEmpty();
    }
}
