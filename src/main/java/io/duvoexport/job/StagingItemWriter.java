package io.duvoexport.job;

import io.duvoexport.api.RunsPage;
import io.duvoexport.export.PageStager;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stages each chunk of pages of one unit as one batch, named by the unit and the offset of the
 * chunk's first page: a chunk re-read after a restart replaces its earlier files.
 */
class StagingItemWriter implements ItemWriter<RunsPage> {

    private final PageStager stager;
    private final String unitName;
    private final String listedStatus;
    private final UnitPageReader reader;

    /** @param reader the reader of the same unit: it knows where the unit stands */
    StagingItemWriter(PageStager stager, String unitName, String listedStatus,
            UnitPageReader reader) {
        this.stager = stager;
        this.unitName = unitName;
        this.listedStatus = listedStatus;
        this.reader = reader;
    }

    @Override
    public void write(Chunk<? extends RunsPage> chunk) throws Exception {
        List<RunsPage> pages = new ArrayList<>(chunk.getItems());
        if (pages.isEmpty()) {
            return;
        }
        String batch = unitName + "-" + UnitPageReader.offsetLabel(pages.get(0).query().offset());
        stager.stage(batch, pages, listedStatus, reader.progress());
    }
}
