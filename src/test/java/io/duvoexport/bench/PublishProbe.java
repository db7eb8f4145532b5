package io.duvoexport.bench;

import io.duvoexport.api.ApiKey;
import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.api.RunsQuery;
import io.duvoexport.api.SortOrder;
import io.duvoexport.export.ExportWindow;
import io.duvoexport.export.PageStager;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.PartitionPublisher;
import io.duvoexport.simulate.RateLimit;
import io.duvoexport.simulate.RunsSimulator;
import io.duvoexport.simulate.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Times fetching, staging and merging in one JVM, without the job around them. */
public final class PublishProbe {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder().seed(42)
                .runs(runs).days(365).now(Instant.parse("2026-12-03T00:00:00Z"))
                .rateLimit(RateLimit.off()).prerendered(true).build())) {
            RunsClient client = RunsClient.builder().baseUrl(sim.baseUrl()).teamId(sim.teamId())
                    .apiKey(new ApiKey(sim.apiKey()))
                    .runDecoder(new io.duvoexport.export.RunRowDecoder(sim.teamId())).build();
            for (int round = 0; round < 3; round++) {
                Path dir = Files.createTempDirectory("probe");
                Storage storage = Storage.open(dir.toString());
                org.apache.hadoop.fs.Path staging =
                        new org.apache.hadoop.fs.Path(storage.workDir(), "s");
                PageStager stager = new PageStager(storage, staging, sim.teamId(),
                        Instant.parse("2026-12-03T00:00:00Z"), ExportWindow.EVERYTHING);
                long t0 = System.nanoTime();
                long fetchNanos = 0;
                List<RunsPage> batch = new ArrayList<>();
                for (long offset = 0; offset < runs; offset += 100) {
                    long f = System.nanoTime();
                    batch.add(client.fetch(
                            new RunsQuery(RunFilter.NONE, SortOrder.ASC, offset, 100)));
                    fetchNanos += System.nanoTime() - f;
                    if (batch.size() == 10) {
                        stager.stage(String.format("all-%012d", offset), batch, null, null);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    stager.stage("all-zzzz", batch, null, null);
                }
                long t1 = System.nanoTime();
                PartitionPublisher publisher = new PartitionPublisher(storage);
                PartitionPublisher.Prepared prepared = publisher.prepare(staging);
                long t2 = System.nanoTime();
                System.out.printf("round %d: fetch and stage %.2f s (http %.2f s), merge %.2f s,"
                        + " %d rows%n", round, (t1 - t0) / 1e9, fetchNanos / 1e9,
                        (t2 - t1) / 1e9, prepared.totalRows());
                ExportBenchmark.deleteTree(dir);
            }
        }
    }
}
