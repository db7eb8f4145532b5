package io.duvoexport.report.html;

import io.duvoexport.report.html.DashboardData.AgentFailureRate;
import java.util.List;

/** Horizontal bars: one per agent, its failure rate, highest first. */
final class FailureRateChart {

    static final double WIDTH = 760;
    static final double LABEL_WIDTH = 230;
    static final double PLOT_LEFT = 240;
    static final double PLOT_WIDTH = 440;
    static final double ROW = 22;
    static final double TOP = 24;
    static final int NAME_LENGTH = 32;

    private FailureRateChart() {}

    static String render(List<AgentFailureRate> agents) {
        double max = Scales.rateMaximum(
                agents.stream().mapToDouble(AgentFailureRate::failureRate).max().orElse(0));
        double height = TOP + ROW * agents.size() + 8;
        Svg svg = new Svg("failure-rate", WIDTH, height, "Failure rate by agent");
        RateAxis.draw(svg, max, PLOT_LEFT, PLOT_WIDTH, TOP, height - 8);
        for (int i = 0; i < agents.size(); i++) {
            bar(svg, agents.get(i), max, TOP + ROW * i);
        }
        return svg.end();
    }

    private static void bar(Svg svg, AgentFailureRate agent, double max, double y) {
        double width = PLOT_WIDTH * agent.failureRate() / max;
        String name = agent.agentName() != null ? agent.agentName()
                : agent.agentId() != null ? agent.agentId() : "(no agent)";
        svg.label("label", LABEL_WIDTH, y + 15, "end", name, NAME_LENGTH);
        svg.withTooltip("rect", name + ": " + HtmlText.percent(agent.failureRate()) + " ("
                        + HtmlText.count(agent.failed()) + " failed of "
                        + HtmlText.count(agent.terminalRuns()) + " ended runs)",
                "class", "bar failure", "data-agent-id", String.valueOf(agent.agentId()),
                "x", PLOT_LEFT, "y", y + 4, "width", Math.max(width, 1.0), "height", ROW - 8);
        svg.text("value", PLOT_LEFT + width + 6, y + 15, "start",
                HtmlText.percent(agent.failureRate()));
    }
}
