package io.duvoexport.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Times report SQL variants over a generated dataset, on one warm DuckDB connection. */
public final class ReportProbe {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        if (!Files.exists(root.resolve("runs"))) {
            ReportBenchmark.generate(root.resolve("runs"), Long.parseLong(args[1]));
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            st.execute("CREATE VIEW runs AS SELECT * FROM read_parquet('" + root
                    + "/runs/**/*.parquet', hive_partitioning = true, union_by_name = true)");
            for (int a = 2; a < args.length; a++) {
                String sql = Files.readString(Path.of(args[a]));
                for (int i = 0; i < 3; i++) {
                    long t = System.nanoTime();
                    int rows = 0;
                    try (ResultSet rs = st.executeQuery(sql)) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    System.out.printf("%s: %d rows in %.3f s%n", args[a], rows,
                            (System.nanoTime() - t) / 1e9);
                }
            }
        }
    }
}
