package io.duvoexport.simulate;

import java.util.Objects;

/**
 * The latest evaluation of a run ({@code eval_summaries}).
 *
 * @param status never null
 * @param passed rubrics passed; null unless scored
 * @param total rubrics evaluated; null unless scored
 * @param finalComment free text, or null when the evaluation has none (the key is then absent)
 * @param severityCounts failing rubrics by severity; null for evaluations without severity data
 *     (older ones, and any that are not {@link EvaluationStatus#READY})
 */
public record SimulatedEvaluation(
        EvaluationStatus status,
        Long passed,
        Long total,
        String finalComment,
        SeverityCounts severityCounts) {

    public SimulatedEvaluation {
        Objects.requireNonNull(status, "status");
    }

    private static final SimulatedEvaluation IN_PROGRESS =
            new SimulatedEvaluation(EvaluationStatus.IN_PROGRESS, null, null, null, null);
    private static final SimulatedEvaluation UNAVAILABLE =
            new SimulatedEvaluation(EvaluationStatus.UNAVAILABLE, null, null, null, null);

    /** An evaluation that has started scoring and has no figures yet. */
    public static SimulatedEvaluation inProgress() {
        return IN_PROGRESS;
    }

    /** An evaluation that could not be produced. */
    public static SimulatedEvaluation unavailable() {
        return UNAVAILABLE;
    }

    /**
     * Whether any rubric failed ({@code total - passed > 0}), whatever the status: this is what
     * {@code has_issues=true} selects.
     */
    public boolean hasIssues() {
        return passed != null && total != null && total - passed > 0;
    }
}
