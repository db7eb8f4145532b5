package io.duvoexport.report.html;

/** Vertical grid lines with percentage labels along the top of a horizontal bar chart. */
final class RateAxis {

    private RateAxis() {}

    static void draw(Svg svg, double max, double left, double width, double top, double bottom) {
        int steps = Scales.rateSteps(max);
        for (int step = 0; step <= steps; step++) {
            double x = left + width * step / steps;
            svg.element("line", "class", "grid", "x1", x, "y1", top, "x2", x, "y2", bottom);
            svg.text("tick", x, top - 8, "middle", HtmlText.percent(max * step / steps));
        }
    }
}
