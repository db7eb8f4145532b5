package io.duvoexport.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a published dataset back through DuckDB, as an analyst would. */
final class DatasetReader {

    private DatasetReader() {}

    /**
     * Every row as text, keyed by id, with every column but {@code exported_at}: two exports of
     * the same data compare equal.
     */
    static Map<String, List<String>> rowsById(Path outputDir) throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            ResultSet rs = st.executeQuery("SELECT * EXCLUDE (exported_at) FROM read_parquet('"
                    + glob(outputDir) + "', hive_partitioning = true) ORDER BY id");
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(meta.getColumnName(i) + "=" + rs.getString(i));
                }
                if (rows.put(rs.getString("id"), values) != null) {
                    throw new AssertionError("run " + rs.getString("id") + " appears twice");
                }
            }
        }
        return rows;
    }

    static String glob(Path outputDir) {
        return outputDir.resolve("runs").toString() + "/**/*.parquet";
    }
}
