package io.duvoexport.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the last export wrote beside the dataset, as two relations for reports:
 *
 * <ul>
 *   <li>{@code manifest}: one row read from {@code <output>/manifest.json} (exported_at,
 *       finished_at, mode, team_id, window_start and window_end (NULL for a full export),
 *       status_source, api_totals as a MAP of listing to total, rows_published, rejects), no
 *       row before the first export;
 *   <li>{@code rejects}: one row per line of {@code <output>/rejects.jsonl} (reason, offset,
 *       run as JSON), no row when the file is absent or empty.
 * </ul>
 *
 * <p>Both are views over the files' absolute paths, typed explicitly so that they bind the same
 * way whether a file exists or not.
 */
final class ExportRecords {

    static final String MANIFEST_FILE = "manifest.json";
    static final String REJECTS_FILE = "rejects.jsonl";

    private static final String MANIFEST_COLUMNS = "{'exported_at': 'TIMESTAMPTZ',"
            + " 'finished_at': 'TIMESTAMPTZ', 'mode': 'VARCHAR', 'team_id': 'VARCHAR',"
            + " 'window_start': 'DATE', 'window_end': 'DATE',"
            + " 'status_source': 'VARCHAR', 'api_totals': 'MAP(VARCHAR, BIGINT)',"
            + " 'rows_published': 'BIGINT', 'rejects': 'BIGINT'}";
    private static final String EMPTY_MANIFEST = "SELECT CAST(NULL AS TIMESTAMPTZ) AS exported_at,"
            + " CAST(NULL AS TIMESTAMPTZ) AS finished_at, CAST(NULL AS VARCHAR) AS mode,"
            + " CAST(NULL AS VARCHAR) AS team_id, CAST(NULL AS DATE) AS window_start,"
            + " CAST(NULL AS DATE) AS window_end, CAST(NULL AS VARCHAR) AS status_source,"
            + " CAST(NULL AS MAP(VARCHAR, BIGINT)) AS api_totals,"
            + " CAST(NULL AS BIGINT) AS rows_published, CAST(NULL AS BIGINT) AS rejects"
            + " WHERE false";

    private static final String REJECT_COLUMNS =
            "{'reason': 'VARCHAR', 'offset': 'BIGINT', 'run': 'JSON'}";
    private static final String EMPTY_REJECTS = "SELECT CAST(NULL AS VARCHAR) AS reason,"
            + " CAST(NULL AS BIGINT) AS \"offset\", CAST(NULL AS JSON) AS run WHERE false";

    private final Path manifest;
    private final Path rejects;

    ExportRecords(Path outputRoot) {
        this.manifest = outputRoot.resolve(MANIFEST_FILE);
        this.rejects = outputRoot.resolve(REJECTS_FILE);
    }

    /**
     * Creates the views {@code manifest} and {@code rejects} in the connection's current schema.
     *
     * @throws ReportException when a file exists but cannot be read
     */
    void register(Connection connection) {
        create(connection, "manifest", Files.isRegularFile(manifest)
                ? "SELECT * FROM read_json(" + InMemoryDuckDb.literal(manifest)
                        + ", format = 'auto', columns = " + MANIFEST_COLUMNS + ")"
                : EMPTY_MANIFEST);
        create(connection, "rejects", Files.isRegularFile(rejects)
                ? "SELECT * FROM read_json(" + InMemoryDuckDb.literal(rejects)
                        + ", format = 'newline_delimited', columns = " + REJECT_COLUMNS + ")"
                : EMPTY_REJECTS);
    }

    private static void create(Connection connection, String view, String query) {
        try {
            InMemoryDuckDb.execute(connection, "CREATE VIEW " + view + " AS " + query);
            InMemoryDuckDb.execute(connection, "SELECT count(*) FROM " + view);
        } catch (SQLException e) {
            throw new ReportException("cannot read the export's " + view + ": " + e.getMessage(),
                    e);
        }
    }
}
