package io.duvoexport.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens in-memory DuckDB connections set to UTC, and quotes values for its SQL text. */
final class InMemoryDuckDb {

    /**
     * The most memory one database may use, beyond which it spills to {@link #SPILL_DIR}: DuckDB
     * would otherwise cache up to 80% of the machine's memory as the dataset grows.
     */
    static final String MEMORY_LIMIT = "1GB";

    /** Where a database spills what does not fit its memory limit, under the temp directory. */
    static final Path SPILL_DIR = Path.of(System.getProperty("java.io.tmpdir"), "duvo-duckdb");

    private InMemoryDuckDb() {}

    /**
     * Opens a fresh in-memory database whose session time zone is UTC, so that casts from
     * TIMESTAMPTZ to DATE and the text of timestamps in CSV do not depend on the machine, and
     * whose memory is bounded by {@link #MEMORY_LIMIT}.
     */
    static Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try {
            execute(connection, "SET TimeZone = 'UTC'");
            execute(connection, "SET memory_limit = " + literal(MEMORY_LIMIT));
            execute(connection, "SET temp_directory = " + literal(SPILL_DIR));
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Runs one statement on a statement of its own: the DuckDB driver closes a statement whose
     * execution failed.
     */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A SQL string literal holding {@code value}, single quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A SQL string literal holding the absolute path, with forward slashes. */
    static String literal(Path path) {
        return literal(path.toAbsolutePath().normalize().toString().replace('\\', '/'));
    }
}
