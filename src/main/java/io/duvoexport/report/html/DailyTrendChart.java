package io.duvoexport.report.html;

import io.duvoexport.report.html.DashboardData.DailyFailureRate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Two lines over the days: the team's daily failure rate (points) and its rate over the 7 days
 * ending on each day (a smoother line with points). A day without ended runs has no point.
 */
final class DailyTrendChart {

    static final double WIDTH = 760;
    static final double HEIGHT = 280;
    static final double LEFT = 56;
    static final double RIGHT = 740;
    static final double TOP = 16;
    static final double BOTTOM = 240;
    private DailyTrendChart() {}

    static String render(List<DailyFailureRate> days) {
        double max = Scales.rateMaximum(days.stream()
                .flatMap(d -> Stream.of(d.failureRate(), d.failureRate7d()))
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0));
        Svg svg = new Svg("daily-trend", WIDTH, HEIGHT, "Daily failure rate");
        drawAxes(svg, days, max);
        series(svg, days, max, DailyFailureRate::failureRate, "daily", "failure rate");
        series(svg, days, max, DailyFailureRate::failureRate7d, "rolling",
                "failure rate over 7 days");
        return svg.end();
    }

    private static void series(Svg svg, List<DailyFailureRate> days, double max,
            Function<DailyFailureRate, Double> value, String cssClass, String what) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Double rate = value.apply(days.get(i));
            if (rate != null) {
                points.add(HtmlText.coordinate(x(i, days.size())) + ","
                        + HtmlText.coordinate(y(rate, max)));
            }
        }
        if (points.size() > 1) {
            svg.element("polyline", "class", "line " + cssClass,
                    "points", String.join(" ", points));
        }
        for (int i = 0; i < days.size(); i++) {
            Double rate = value.apply(days.get(i));
            if (rate != null) {
                svg.withTooltip("circle", days.get(i).date() + ": " + what + " "
                                + HtmlText.percent(rate),
                        "class", "point " + cssClass, "data-date", days.get(i).date(),
                        "cx", x(i, days.size()), "cy", y(rate, max), "r", 3.0);
            }
        }
    }

    private static void drawAxes(Svg svg, List<DailyFailureRate> days, double max) {
        int steps = Scales.rateSteps(max);
        for (int step = 0; step <= steps; step++) {
            double rate = max * step / steps;
            svg.element("line", "class", "grid", "x1", LEFT, "y1", y(rate, max), "x2", RIGHT,
                    "y2", y(rate, max));
            svg.text("tick", LEFT - 6, y(rate, max) + 4, "end", HtmlText.percent(rate));
        }
        if (days.isEmpty()) {
            return;
        }
        long span = ChronoUnit.DAYS.between(days.get(0).date(), days.get(days.size() - 1).date());
        int every = (int) Math.max(1, Math.ceil((span + 1) / 8.0));
        for (int i = 0; i < days.size(); i += every) {
            svg.text("tick", x(i, days.size()), BOTTOM + 18, "middle",
                    days.get(i).date().toString().substring(5));
        }
    }

    private static double x(int index, int count) {
        return count <= 1 ? (LEFT + RIGHT) / 2 : LEFT + (RIGHT - LEFT) * index / (count - 1);
    }

    private static double y(double rate, double max) {
        return BOTTOM - (BOTTOM - TOP) * rate / max;
    }
}
