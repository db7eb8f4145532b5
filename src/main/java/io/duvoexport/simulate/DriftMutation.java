package io.duvoexport.simulate;

import java.time.Instant;

/**
 * One change {@link Fault#DRIFT} made to the data while clients paged.
 *
 * @param request number of the request since the simulator started, from 1, that the change
 *     came just before
 * @param at the simulated instant of the change: the run's {@code updated_at} for a change, its
 *     {@code created_at} for an insertion
 * @param change what happened to the run
 * @param runId the run's id
 * @param createdAt the run's creation instant
 */
public record DriftMutation(long request, Instant at, Change change, String runId,
        Instant createdAt) {

    /** What happened to a run. */
    public enum Change {
        /** Created as the newest run. */
        INSERTED,
        /** Finished, when it was in flight, or evaluated anew, when it had finished. */
        CHANGED,
        /** Removed. */
        DELETED
    }
}
