package io.duvoexport.report;

import java.nio.file.Path;

/**
 * A report computed in full and written to temporary files beside its published files, not
 * yet visible to readers.
 */
record StagedReport(ReportScript script, long rowCount, Path csv, Path parquet) {

    /** Deletes the temporary files. */
    void discard() {
        AtomicFiles.deleteQuietly(csv);
        AtomicFiles.deleteQuietly(parquet);
    }
}
