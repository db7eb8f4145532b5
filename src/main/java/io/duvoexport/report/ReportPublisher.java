package io.duvoexport.report;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Moves a staged report into place: first its dated copies under {@code history/<date>/} (when
 * history is kept), then its latest files. Each file is replaced atomically; a reader of
 * {@code <name>.csv} or {@code <name>.parquet} sees the previous result or the new one, whole.
 */
final class ReportPublisher {

    private final ReportLayout layout;
    private final boolean keepsHistory;

    /** @param keepsHistory whether dated copies are written beside the latest files */
    ReportPublisher(ReportLayout layout, boolean keepsHistory) {
        this.layout = layout;
        this.keepsHistory = keepsHistory;
    }

    PublishedReport publish(StagedReport staged, LocalDate runDate) {
        String name = staged.script().name();
        Path historyCsv = null;
        Path historyParquet = null;
        if (keepsHistory) {
            historyCsv = layout.history(name, runDate, ReportLayout.CSV);
            historyParquet = layout.history(name, runDate, ReportLayout.PARQUET);
            AtomicFiles.removeLeftovers(historyCsv.getParent());
            AtomicFiles.copyIntoPlace(staged.csv(), historyCsv);
            AtomicFiles.copyIntoPlace(staged.parquet(), historyParquet);
        }

        Path csv = layout.latest(name, ReportLayout.CSV);
        Path parquet = layout.latest(name, ReportLayout.PARQUET);
        AtomicFiles.moveIntoPlace(staged.csv(), csv);
        AtomicFiles.moveIntoPlace(staged.parquet(), parquet);
        return new PublishedReport(
                name, staged.rowCount(), csv, parquet, historyCsv, historyParquet);
    }
}
