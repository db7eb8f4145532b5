package io.duvoexport.report;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where report files live under the output root:
 *
 * <pre>
 * reports/&lt;name&gt;/&lt;name&gt;.csv              latest result, stable name
 * reports/&lt;name&gt;/&lt;name&gt;.parquet
 * reports/&lt;name&gt;/history/YYYY-MM-DD/&lt;name&gt;.csv   result of the run for that date
 * reports/&lt;name&gt;/history/YYYY-MM-DD/&lt;name&gt;.parquet
 * </pre>
 */
record ReportLayout(Path reportsRoot) {

    static final String CSV = ".csv";
    static final String PARQUET = ".parquet";

    static ReportLayout under(Path outputRoot) {
        return new ReportLayout(outputRoot.resolve("reports"));
    }

    Path directory(String name) {
        return reportsRoot.resolve(name);
    }

    Path latest(String name, String extension) {
        return directory(name).resolve(name + extension);
    }

    Path historyRoot(String name) {
        return directory(name).resolve("history");
    }

    Path history(String name, LocalDate runDate, String extension) {
        return historyRoot(name).resolve(runDate.toString()).resolve(name + extension);
    }
}
