package io.duvoexport.simulate;

import java.time.Instant;

/**
 * What one {@link RunsSimulator#advance} changed.
 *
 * @param from the simulated "now" before
 * @param to the simulated "now" after
 * @param finished in-flight runs that ended
 * @param started runs that started and are still in flight
 * @param evaluated runs whose evaluation was added or changed
 * @param deleted runs removed
 * @param created runs added, created within {@code (from, to]}
 */
public record AdvanceSummary(
        Instant from, Instant to, int finished, int started, int evaluated, int deleted,
        int created) {}
