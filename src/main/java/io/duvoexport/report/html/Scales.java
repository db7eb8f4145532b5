package io.duvoexport.report.html;

import java.util.List;

/** Axis ranges that read well: a rate axis ending on a round share, a log axis of durations. */
final class Scales {

    /** Round maxima of a rate axis, each with the number of steps that gives round ticks. */
    private static final double[][] RATE_MAXIMA = {
        {0.01, 4}, {0.02, 4}, {0.05, 5}, {0.1, 5}, {0.2, 4}, {0.25, 5}, {0.5, 5}, {0.75, 3},
        {1.0, 4}};

    /** Round durations in seconds, for ticks of a log axis. */
    static final List<Double> DURATION_TICKS =
            List.of(0.1, 1.0, 10.0, 60.0, 600.0, 3600.0, 21600.0, 86400.0, 604800.0);

    private Scales() {}

    /** The smallest round share at least {@code max}; 0.1 when everything is 0. */
    static double rateMaximum(double max) {
        return rateAxis(max)[0];
    }

    /** How many grid steps the axis ending at {@link #rateMaximum} has. */
    static int rateSteps(double max) {
        return (int) rateAxis(max)[1];
    }

    private static double[] rateAxis(double max) {
        double wanted = max <= 0 ? 0.1 : max;
        for (double[] axis : RATE_MAXIMA) {
            if (axis[0] >= wanted) {
                return axis;
            }
        }
        return RATE_MAXIMA[RATE_MAXIMA.length - 1];
    }

    /** The largest tick at most {@code seconds}, the smallest when none is. */
    static double durationFloor(double seconds) {
        double floor = DURATION_TICKS.get(0);
        for (double tick : DURATION_TICKS) {
            if (tick <= seconds) {
                floor = tick;
            }
        }
        return floor;
    }

    /** The smallest tick at least {@code seconds}, the largest when none is. */
    static double durationCeiling(double seconds) {
        return DURATION_TICKS.stream().filter(t -> t >= seconds).findFirst()
                .orElse(DURATION_TICKS.get(DURATION_TICKS.size() - 1));
    }
}
