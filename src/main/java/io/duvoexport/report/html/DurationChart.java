package io.duvoexport.report.html;

import io.duvoexport.report.html.DashboardData.AgentDurations;
import java.util.List;

/**
 * One row per agent on a logarithmic time axis: a line from its median run duration to its
 * 99th percentile, with points at p50, p90 and p99.
 */
final class DurationChart {

    static final String[] PERCENTILES = {"p50", "p90", "p99"};
    private static final double ROW = 22;

    private DurationChart() {}

    static String render(List<AgentDurations> agents) {
        double low = Scales.durationFloor(agents.stream()
                .mapToDouble(AgentDurations::p50).min().orElse(1));
        double high = Scales.durationCeiling(agents.stream()
                .mapToDouble(AgentDurations::p99).max().orElse(60));
        high = Math.max(high, low * 10);
        double top = FailureRateChart.TOP;
        double height = top + ROW * agents.size() + 8;
        Svg svg = new Svg("durations", FailureRateChart.WIDTH, height,
                "Run duration percentiles by agent");
        drawAxis(svg, low, high, top, height - 8);
        for (int i = 0; i < agents.size(); i++) {
            row(svg, agents.get(i), low, high, top + ROW * i);
        }
        return svg.end();
    }

    private static void row(Svg svg, AgentDurations agent, double low, double high, double y) {
        String name = agent.agentName() != null ? agent.agentName()
                : agent.agentId() != null ? agent.agentId() : "(no agent)";
        svg.label("label", FailureRateChart.LABEL_WIDTH, y + 15, "end", name,
                FailureRateChart.NAME_LENGTH);
        double middle = y + 11;
        svg.element("line", "class", "range", "x1", x(agent.p50(), low, high), "y1", middle,
                "x2", x(agent.p99(), low, high), "y2", middle);
        double[] values = {agent.p50(), agent.p90(), agent.p99()};
        for (int p = 0; p < PERCENTILES.length; p++) {
            svg.withTooltip("circle", name + ": " + PERCENTILES[p] + " "
                            + HtmlText.duration(values[p]) + " over "
                            + HtmlText.count(agent.timedRuns()) + " completed runs",
                    "class", "point " + PERCENTILES[p],
                    "data-agent-id", String.valueOf(agent.agentId()),
                    "cx", x(values[p], low, high), "cy", middle, "r", 4.0);
        }
    }

    private static void drawAxis(Svg svg, double low, double high, double top, double bottom) {
        for (double tick : Scales.DURATION_TICKS) {
            if (tick >= low && tick <= high) {
                double x = x(tick, low, high);
                svg.element("line", "class", "grid", "x1", x, "y1", top, "x2", x, "y2", bottom);
                svg.text("tick", x, top - 8, "middle", HtmlText.duration(tick));
            }
        }
    }

    /** Position on the log axis; values at or below the axis's start sit on it. */
    private static double x(double seconds, double low, double high) {
        double clamped = Math.min(Math.max(seconds, low), high);
        double share = Math.log(clamped / low) / Math.log(high / low);
        return FailureRateChart.PLOT_LEFT + FailureRateChart.PLOT_WIDTH * share;
    }
}
