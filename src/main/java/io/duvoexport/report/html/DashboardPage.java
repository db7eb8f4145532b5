package io.duvoexport.report.html;

import io.duvoexport.report.html.DashboardData.Headline;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * Renders the HTML report: one self-contained page, its style inline and its charts inline SVG,
 * with no script and no reference to anything outside the file, so it opens offline, from a
 * mail attachment or a file share alike. Every text that comes from the data is escaped.
 *
 * <p>Sections, each with a stable {@code id}: {@code headline}, {@code failure-rate},
 * {@code daily-trend}, {@code severity}, {@code durations}. A chart with nothing to show is
 * replaced by a sentence saying so.
 */
public final class DashboardPage {

    private static final DateTimeFormatter EXPORTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                   color: #1f2933; background: #f5f7fa; margin: 0; }
            main { max-width: 820px; margin: 0 auto; padding: 24px 16px 48px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 0 0 4px; }
            p.meta, p.note, p.empty { color: #52606d; margin: 4px 0 12px; }
            section { background: #fff; border-radius: 8px; padding: 16px 20px; margin: 16px 0;
                      box-shadow: 0 1px 3px rgba(0,0,0,.08); }
            .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
                     gap: 12px; }
            .tile { background: #f0f4f8; border-radius: 6px; padding: 10px 12px; }
            .tile .value { font-size: 22px; font-weight: 600; display: block; }
            .tile .name { color: #52606d; font-size: 12px; }
            svg.chart { width: 100%; height: auto; display: block; }
            svg text { font-size: 11px; fill: #323f4b; unicode-bidi: isolate; }
            svg text.tick { fill: #7b8794; }
            svg .grid { stroke: #e4e7eb; stroke-width: 1; }
            .bar.failure { fill: #d64545; }
            .bar.critical { fill: #ab091e; }
            .bar.medium { fill: #f0b429; }
            .bar.low { fill: #7b93db; }
            .line { fill: none; stroke-width: 2; }
            .line.daily { stroke: #9aa5b1; stroke-width: 1; }
            .line.rolling { stroke: #d64545; }
            .point.daily { fill: #9aa5b1; }
            .point.rolling { fill: #d64545; }
            .range { stroke: #9aa5b1; stroke-width: 2; }
            .point.p50 { fill: #2186eb; }
            .point.p90 { fill: #f0b429; }
            .point.p99 { fill: #d64545; }
            .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
                   margin: 0 4px 0 12px; vertical-align: baseline; }
            footer { color: #7b8794; font-size: 12px; }
            """;

    private DashboardPage() {}

    /** The whole page. */
    public static String render(DashboardData data) {
        StringBuilder page = new StringBuilder(32_768);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\"")
                .append(" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Duvo agent runs</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(page, data);
        headline(page, data.headline());
        failureRate(page, data);
        dailyTrend(page, data);
        severity(page, data);
        durations(page, data);
        footer(page, data);
        return page.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void header(StringBuilder page, DashboardData data) {
        String exported = data.exportedAt() == null
                ? "no runs exported yet" : "exported " + EXPORTED_AT.format(data.exportedAt());
        page.append("<header>\n<h1>Duvo agent runs</h1>\n<p class=\"meta\">Data ")
                .append(HtmlText.escape(exported));
        if (!"none".equals(data.filter())) {
            page.append(" &middot; filtered: <bdi>").append(HtmlText.escape(data.filter()))
                    .append("</bdi>");
        }
        page.append("</p>\n</header>\n");
    }

    private static void headline(StringBuilder page, Headline headline) {
        page.append("<section id=\"headline\">\n<div class=\"tiles\">\n");
        tile(page, "runs", "Runs", HtmlText.count(headline.runs()));
        tile(page, "failure-rate", "Failure rate (failed / ended)", rate(headline.failureRate()));
        tile(page, "pass-rate", "Scored runs passing every rubric", rate(headline.passRate()));
        tile(page, "in-flight", "In flight", HtmlText.count(headline.inFlight()));
        tile(page, "rejected", "Rejected by the export", count(headline.rejectedRuns()));
        tile(page, "out-of-order", "Timestamps out of order", count(headline.outOfOrderRuns()));
        page.append("</div>\n</section>\n");
    }

    private static void tile(StringBuilder page, String id, String name, String value) {
        page.append("<div class=\"tile\" id=\"tile-").append(id).append("\"><span class=\"value\">")
                .append(HtmlText.escape(value)).append("</span><span class=\"name\">")
                .append(HtmlText.escape(name)).append("</span></div>\n");
    }

    private static void failureRate(StringBuilder page, DashboardData data) {
        section(page, "failure-rate", "Failure rate by agent",
                "Failed runs among each agent's runs that ended (completed, failed, interrupted"
                        + " or stopped), highest first.",
                data.failureRates(), FailureRateChart::render, "No run has ended yet.");
    }

    private static void dailyTrend(StringBuilder page, DashboardData data) {
        section(page, "daily-trend", "Daily failure trend",
                "Failure rate of the whole team by day of creation (grey points) and over the 7"
                        + " days ending on each day (red line).",
                data.dailyFailureRates(), DailyTrendChart::render, "No run has been created yet.");
    }

    private static void severity(StringBuilder page, DashboardData data) {
        section(page, "severity", "Evaluation issues by severity",
                "Share of each agent's scored runs with severity data that have failing rubrics"
                        + " of each severity: <span class=\"key\""
                        + " style=\"background:#ab091e\"></span>critical"
                        + "<span class=\"key\" style=\"background:#f0b429\"></span>medium"
                        + "<span class=\"key\" style=\"background:#7b93db\"></span>low.",
                data.severities(), SeverityChart::render, "No evaluation has severity data yet.");
    }

    private static void durations(StringBuilder page, DashboardData data) {
        section(page, "durations", "Run duration percentiles",
                "Time from start to completion of each agent's completed runs, on a logarithmic"
                        + " scale: <span class=\"key\" style=\"background:#2186eb\"></span>p50"
                        + "<span class=\"key\" style=\"background:#f0b429\"></span>p90"
                        + "<span class=\"key\" style=\"background:#d64545\"></span>p99.",
                data.durations(), DurationChart::render, "No completed run has been timed yet.");
    }

    /** A section: heading, a note (trusted markup), then the chart or the empty sentence. */
    private static <T> void section(StringBuilder page, String id, String title, String note,
            List<T> items, Function<List<T>, String> chart, String empty) {
        page.append("<section id=\"").append(id).append("\">\n<h2>").append(title)
                .append("</h2>\n<p class=\"note\">").append(note).append("</p>\n");
        if (items.isEmpty()) {
            page.append("<p class=\"empty\">").append(empty).append("</p>\n");
        } else {
            page.append(chart.apply(items));
        }
        page.append("</section>\n");
    }

    private static void footer(StringBuilder page, DashboardData data) {
        page.append("<footer>\n<p>Figures from the reports published beside this page"
                + " (CSV and Parquet) and the DuckDB catalog analytics.duckdb.");
        if (!data.missingReports().isEmpty()) {
            page.append(" Not published, so not shown: ")
                    .append(HtmlText.escape(String.join(", ", data.missingReports())))
                    .append('.');
        }
        page.append("</p>\n</footer>\n");
    }

    private static String rate(Double fraction) {
        return fraction == null ? "-" : HtmlText.percent(fraction);
    }

    private static String count(Long value) {
        return value == null ? "-" : HtmlText.count(value);
    }
}
