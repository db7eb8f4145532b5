package io.duvoexport.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens in-memory DuckDB connections set to UTC, and quotes values for its SQL text. */
final class InMemoryDuckDb {

    private InMemoryDuckDb() {}

    /**
     * Opens a fresh in-memory database whose session time zone is UTC, so that casts from
     * TIMESTAMPTZ to DATE and the text of timestamps in CSV do not depend on the machine.
     */
    static Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try {
            execute(connection, "SET TimeZone = 'UTC'");
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
