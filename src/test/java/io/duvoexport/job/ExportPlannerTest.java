package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportPlannerTest {

    /** Pages after the first, for pages of 100 overlapping by one run. */
    private static long pagesAfterFirst(long total) {
        return Math.max(1, (total - 100 + 98) / 99);
    }

    @ParameterizedTest(name = "{0} runs, at most {1} pages a unit, {2} workers: {3} pages a unit")
    @CsvSource({
        // one unit per worker even where the limit alone would make fewer
        "100000, 1000, 4, 253",
        "100000, 2000, 4, 253",
        // the limit cuts more, rounded up to a multiple of the workers, evened out
        "100000, 250, 4, 127",
        "1000000, 250, 4, 230",
        "100000, 50, 4, 43",
        // fewer pages than workers: a page a unit
        "300, 250, 4, 1",
        // a single worker takes the limit, evened out
        "100000, 250, 1, 202",
    })
    void sharesAListingOutEvenlyOverTheWorkers(long total, int limit, int workers, int expected) {
        int pagesPerUnit = ExportPlanner.balancedPagesPerUnit(total, 100, 99, limit, workers);

        assertThat(pagesPerUnit).isEqualTo(expected).isLessThanOrEqualTo(limit);
        long pages = pagesAfterFirst(total);
        long units = (pages + pagesPerUnit - 1) / pagesPerUnit;
        assertThat(units).isGreaterThanOrEqualTo(Math.min(pages, workers));
        if (pages >= workers) {
            assertThat(units % workers).as("units %d over %d workers", units, workers)
                    .isZero();
        }
    }
}
