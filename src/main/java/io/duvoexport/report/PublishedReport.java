package io.duvoexport.report;

import java.nio.file.Path;
import java.util.List;

/**
 * One report as published by a run.
 *
 * @param name the report name (its SQL file name without {@code .sql})
 * @param rowCount rows in the result
 * @param csv the latest CSV, {@code reports/<name>/<name>.csv}
 * @param parquet the latest Parquet file, {@code reports/<name>/<name>.parquet}
 * @param historyCsv the dated CSV, {@code reports/<name>/history/<date>/<name>.csv}
 * @param historyParquet the dated Parquet file
 */
public record PublishedReport(
        String name, long rowCount, Path csv, Path parquet, Path historyCsv, Path historyParquet) {

    /** Every file this report wrote, latest first. */
    public List<Path> paths() {
        return List.of(csv, parquet, historyCsv, historyParquet);
    }
}
