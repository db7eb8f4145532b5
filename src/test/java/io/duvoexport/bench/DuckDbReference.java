package io.duvoexport.bench;

import io.duvoexport.simulate.RunsSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * DuckDB's own conversion of the same pages, as the reference: the unfiltered pages saved as
 * JSON files (not timed), then one {@code COPY} from {@code read_json} to zstd Parquet
 * partitioned by creation date (timed), with the same columns as the exporter's dataset.
 */
final class DuckDbReference {

    private static final String RUN_TYPE = "STRUCT(id VARCHAR, created_at VARCHAR,"
            + " updated_at VARCHAR, started_at VARCHAR, completed_at VARCHAR, status VARCHAR,"
            + " source VARCHAR, title VARCHAR, run_number BIGINT, agent_id VARCHAR,"
            + " agent_name VARCHAR, build_id VARCHAR, user_id VARCHAR,"
            + " case_queue_item_id VARCHAR, case_queue_id VARCHAR, case_queue_name VARCHAR,"
            + " case_title VARCHAR, postponed_to VARCHAR, submitted_prompt_count BIGINT,"
            + " eval_summaries STRUCT(passed BIGINT, total BIGINT, final_comment VARCHAR,"
            + " status VARCHAR, \"severityCounts\" STRUCT(critical BIGINT, medium BIGINT,"
            + " low BIGINT)))";

    private DuckDbReference() {}

    /** Saves every unfiltered page of 100 runs, oldest first, as one JSON file each. */
    static long savePages(RunsSimulator sim, Path dir) throws Exception {
        Files.createDirectories(dir);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long bytes = 0;
        for (long offset = 0; offset < sim.settings().runs(); offset += 100) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v2/teams/"
                            + sim.teamId() + "/runs?limit=100&sort_order=asc&offset=" + offset))
                    .header("Authorization", "Bearer " + sim.apiKey()).build();
            byte[] body = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
            Files.write(dir.resolve(String.format("page-%09d.json", offset)), body);
            bytes += body.length;
        }
        return bytes;
    }

    /** Seconds DuckDB takes to turn the saved pages into a partitioned zstd Parquet dataset. */
    static double convert(Path pages, Path out, String teamId) throws Exception {
        String sql = "COPY (SELECT r.id, '" + teamId + "' AS team_id, r.run_number, r.status,"
                + " r.title, r.source, r.agent_id, r.agent_name, r.build_id, r.user_id,"
                + " r.case_queue_id, r.case_queue_name, r.case_queue_item_id, r.case_title,"
                + " CAST(r.created_at AS TIMESTAMPTZ) AS created_at,"
                + " CAST(r.updated_at AS TIMESTAMPTZ) AS updated_at,"
                + " CAST(r.started_at AS TIMESTAMPTZ) AS started_at,"
                + " CAST(r.completed_at AS TIMESTAMPTZ) AS completed_at,"
                + " CAST(r.postponed_to AS TIMESTAMPTZ) AS postponed_to,"
                + " r.submitted_prompt_count, r.eval_summaries.status AS eval_status,"
                + " r.eval_summaries.passed AS eval_passed, r.eval_summaries.total AS eval_total,"
                + " r.eval_summaries.total - r.eval_summaries.passed AS eval_failed,"
                + " r.eval_summaries.final_comment AS eval_final_comment,"
                + " r.eval_summaries.severityCounts.critical AS eval_critical,"
                + " r.eval_summaries.severityCounts.medium AS eval_medium,"
                + " r.eval_summaries.severityCounts.low AS eval_low,"
                + " TIMESTAMPTZ '2026-12-03 00:00:00+00' AS exported_at,"
                + " CAST(timezone('UTC', CAST(r.created_at AS TIMESTAMPTZ)) AS DATE)"
                + " AS created_date"
                + " FROM (SELECT unnest(data) AS r FROM read_json('" + pages + "/*.json',"
                + " columns = {data: '" + RUN_TYPE.replace("'", "''") + "[]', total: 'BIGINT'},"
                + " format = 'auto')))"
                + " TO '" + out + "' (FORMAT parquet, PARTITION_BY (created_date),"
                + " COMPRESSION zstd)";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            long started = System.nanoTime();
            statement.execute(sql);
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
