package io.duvoexport.simulate;

/**
 * Failing rubrics of one evaluation by severity ({@code eval_summaries.severityCounts}). Counts are
 * 64-bit and never negative; the simulator occasionally uses values near 2^52.
 */
public record SeverityCounts(long critical, long medium, long low) {

    public SeverityCounts {
        if (critical < 0 || medium < 0 || low < 0) {
            throw new IllegalArgumentException("severity counts must be >= 0");
        }
    }
}
