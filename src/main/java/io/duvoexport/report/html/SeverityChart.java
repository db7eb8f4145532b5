package io.duvoexport.report.html;

import io.duvoexport.report.html.DashboardData.AgentSeverity;
import java.util.List;

/**
 * Three thin bars per agent: the shares of its rated runs with critical, medium and low
 * failing rubrics. Shares do not add up: one run may have issues of several severities.
 */
final class SeverityChart {

    static final String[] SEVERITIES = {"critical", "medium", "low"};
    private static final double BAR = 6;
    private static final double ROW = 3 * BAR + 10;

    private SeverityChart() {}

    static String render(List<AgentSeverity> agents) {
        double max = Scales.rateMaximum(agents.stream()
                .mapToDouble(a -> Math.max(a.criticalShare(), Math.max(a.mediumShare(),
                        a.lowShare())))
                .max().orElse(0));
        double top = FailureRateChart.TOP;
        double height = top + ROW * agents.size() + 8;
        Svg svg = new Svg("severity", FailureRateChart.WIDTH, height,
                "Evaluation issues by severity and agent");
        RateAxis.draw(svg, max, FailureRateChart.PLOT_LEFT, FailureRateChart.PLOT_WIDTH, top,
                height - 8);
        for (int i = 0; i < agents.size(); i++) {
            group(svg, agents.get(i), max, top + ROW * i);
        }
        return svg.end();
    }

    private static void group(Svg svg, AgentSeverity agent, double max, double y) {
        String name = agent.agentName() != null ? agent.agentName()
                : agent.agentId() != null ? agent.agentId() : "(no agent)";
        svg.label("label", FailureRateChart.LABEL_WIDTH, y + 15, "end", name,
                FailureRateChart.NAME_LENGTH);
        double[] shares = {agent.criticalShare(), agent.mediumShare(), agent.lowShare()};
        for (int s = 0; s < SEVERITIES.length; s++) {
            double width = FailureRateChart.PLOT_WIDTH * shares[s] / max;
            svg.withTooltip("rect", name + ": " + HtmlText.percent(shares[s]) + " of "
                            + HtmlText.count(agent.ratedRuns()) + " rated runs with "
                            + SEVERITIES[s] + " issues",
                    "class", "bar severity " + SEVERITIES[s],
                    "data-agent-id", String.valueOf(agent.agentId()),
                    "x", FailureRateChart.PLOT_LEFT, "y", y + 4 + BAR * s,
                    "width", Math.max(width, 1.0), "height", BAR - 1);
        }
    }
}
