package io.duvoexport.simulate;

import java.util.Locale;

/** State of a run's latest evaluation ({@code eval_summaries.status}). */
public enum EvaluationStatus {
    /** Rubrics were scored: {@code passed} and {@code total} are set. */
    READY,
    /** The evaluation could not be produced. */
    UNAVAILABLE,
    /** Scoring has started but not finished. */
    IN_PROGRESS;

    /** The value as it appears on the wire, e.g. {@code in_progress}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
