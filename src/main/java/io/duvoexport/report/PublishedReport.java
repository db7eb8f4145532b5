package io.duvoexport.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One report as published by a run.
 *
 * @param name the report name (its SQL file name without {@code .sql})
 * @param rowCount rows in the result
 * @param csv the latest CSV, {@code reports/<name>/<name>.csv}
 * @param parquet the latest Parquet file, {@code reports/<name>/<name>.parquet}
 * @param historyCsv the dated CSV, {@code reports/<name>/history/<date>/<name>.csv}; null for
 *     a filtered run, which keeps no dated copies
 * @param historyParquet the dated Parquet file; null for a filtered run
 */
public record PublishedReport(
        String name, long rowCount, Path csv, Path parquet, Path historyCsv, Path historyParquet) {

    /** Every file this report wrote, latest first. */
    public List<Path> paths() {
        return Stream.of(csv, parquet, historyCsv, historyParquet)
                .filter(Objects::nonNull)
                .toList();
    }
}
