package io.duvoexport.report;

import io.duvoexport.report.html.DashboardData;
import io.duvoexport.report.html.DashboardData.AgentDurations;
import io.duvoexport.report.html.DashboardData.AgentFailureRate;
import io.duvoexport.report.html.DashboardData.AgentSeverity;
import io.duvoexport.report.html.DashboardData.DailyFailureRate;
import io.duvoexport.report.html.DashboardData.Headline;
import io.duvoexport.report.html.DashboardPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the HTML report, {@code index.html} beside the reports a runner published
 * ({@code <output>/reports/index.html}, or {@code <output>/filtered-reports/index.html} for a
 * filtered run), from their latest Parquet files. The page is written under a temporary name and
 * renamed into place: a browser or a web server never sees half of it.
 */
public final class DashboardPublisher {

    /** The page's file name in the reports folder. */
    public static final String FILE_NAME = "index.html";

    static final String FAILURES = "failure_rate_by_agent";
    static final String DAILY = "daily_run_outcomes";
    static final String DAILY_BY_AGENT = "failure_rate_by_agent_daily";
    static final String EVALUATIONS = "eval_pass_rate_by_agent";
    static final String DURATIONS = "duration_by_agent";
    static final String QUALITY = "data_quality_summary";

    private static final Logger log = LoggerFactory.getLogger(DashboardPublisher.class);

    private final ReportRunner runner;
    private final List<String> missing = new ArrayList<>();

    private DashboardPublisher(ReportRunner runner) {
        this.runner = runner;
    }

    /**
     * Writes the page from what {@code runner} last published; a report it needs that is not
     * published leaves its chart out and is named in the page's footer.
     *
     * @return the page's path
     * @throws ReportException when a published report cannot be read
     */
    public static Path publish(ReportRunner runner) {
        DashboardPublisher publisher = new DashboardPublisher(runner);
        String html = DashboardPage.render(publisher.data());
        Path target = runner.layout().reportsRoot().resolve(FILE_NAME);
        write(target, html);
        log.info("wrote the HTML report {} ({} KiB)", target, html.length() / 1024);
        return target;
    }

    private DashboardData data() {
        Optional<ReportTable> failures = read(FAILURES);
        Optional<ReportTable> evaluations = read(EVALUATIONS);
        Optional<ReportTable> quality = read(QUALITY);
        return new DashboardData(runner.filter().describe(),
                quality.map(q -> exportedAt(q)).orElse(null),
                headline(failures, evaluations, quality),
                failures.map(DashboardPublisher::failureRates).orElse(List.of()),
                dailyFailureRates(read(DAILY), read(DAILY_BY_AGENT)),
                evaluations.map(DashboardPublisher::severities).orElse(List.of()),
                read(DURATIONS).map(DashboardPublisher::durations).orElse(List.of()),
                missing);
    }

    private Optional<ReportTable> read(String report) {
        if (!Files.isRegularFile(runner.layout().latest(report, ReportLayout.PARQUET))) {
            missing.add(report);
            return Optional.empty();
        }
        return Optional.of(runner.readPublished(report));
    }

    private static Headline headline(Optional<ReportTable> failures,
            Optional<ReportTable> evaluations, Optional<ReportTable> quality) {
        long failed = failures.map(t -> sum(t, "failed")).orElse(0L);
        long ended = failures.map(t -> sum(t, "terminal_runs")).orElse(0L);
        // a share of runs, not of rubrics: one evaluation with a vast rubric count cannot drown it
        long scored = evaluations.map(t -> sum(t, "evaluated_runs")).orElse(0L);
        long failing = evaluations.map(t -> sum(t, "runs_with_failures")).orElse(0L);
        return new Headline(failures.map(t -> sum(t, "runs")).orElse(0L), ratio(failed, ended),
                ratio(scored - failing, scored), failures.map(t -> sum(t, "in_flight")).orElse(0L),
                quality.map(t -> count(t, 0, "rejected_runs")).orElse(null),
                quality.map(t -> count(t, 0, "out_of_order_runs")).orElse(null));
    }

    private static List<AgentFailureRate> failureRates(ReportTable table) {
        List<AgentFailureRate> agents = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            Object rate = table.value(row, "failure_rate");
            if (rate != null) {
                agents.add(new AgentFailureRate(text(table, row, "agent_id"),
                        text(table, row, "agent_name"), (Double) rate,
                        count(table, row, "failed"), count(table, row, "terminal_runs")));
            }
        }
        return agents;
    }

    /** The team's rate per day, and over the 7 days ending on it from the per-agent sums. */
    private static List<DailyFailureRate> dailyFailureRates(Optional<ReportTable> daily,
            Optional<ReportTable> byAgent) {
        Map<LocalDate, Double> rates = new TreeMap<>();
        Map<LocalDate, long[]> windows = new TreeMap<>();
        daily.ifPresent(t -> {
            for (int row = 0; row < t.rowCount(); row++) {
                rates.put(date(t, row, "created_date"), (Double) t.value(row, "failure_rate"));
            }
        });
        byAgent.ifPresent(t -> {
            for (int row = 0; row < t.rowCount(); row++) {
                long[] sums = windows.computeIfAbsent(date(t, row, "created_date"),
                        d -> new long[2]);
                sums[0] += count(t, row, "failed_7d");
                sums[1] += count(t, row, "terminal_runs_7d");
            }
        });
        TreeMap<LocalDate, DailyFailureRate> days = new TreeMap<>();
        rates.forEach((day, rate) -> days.put(day, new DailyFailureRate(day, rate, null)));
        windows.forEach((day, sums) -> days.put(day, new DailyFailureRate(day,
                rates.get(day), ratio(sums[0], sums[1]))));
        return List.copyOf(days.values());
    }

    private static List<AgentSeverity> severities(ReportTable table) {
        List<AgentSeverity> agents = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            if (count(table, row, "runs_with_severity") > 0) {
                agents.add(new AgentSeverity(text(table, row, "agent_id"),
                        text(table, row, "agent_name"), count(table, row, "runs_with_severity"),
                        (Double) table.value(row, "critical_share"),
                        (Double) table.value(row, "medium_share"),
                        (Double) table.value(row, "low_share")));
            }
        }
        agents.sort(Comparator.comparing(AgentSeverity::criticalShare).reversed()
                .thenComparing(AgentSeverity::mediumShare, Comparator.reverseOrder()));
        return agents;
    }

    private static List<AgentDurations> durations(ReportTable table) {
        List<AgentDurations> agents = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            if (count(table, row, "timed_runs") > 0) {
                agents.add(new AgentDurations(text(table, row, "agent_id"),
                        text(table, row, "agent_name"), count(table, row, "timed_runs"),
                        (Double) table.value(row, "run_seconds_p50"),
                        (Double) table.value(row, "run_seconds_p90"),
                        (Double) table.value(row, "run_seconds_p99")));
            }
        }
        agents.sort(Comparator.comparing(AgentDurations::p90).reversed());
        return agents;
    }

    private static Instant exportedAt(ReportTable quality) {
        Object value = quality.rowCount() == 0 ? null : quality.value(0, "exported_at");
        return value instanceof OffsetDateTime time ? time.toInstant() : null;
    }

    private static long sum(ReportTable table, String column) {
        long total = 0;
        for (int row = 0; row < table.rowCount(); row++) {
            total += count(table, row, column);
        }
        return total;
    }

    private static long count(ReportTable table, int row, String column) {
        Object value = table.rowCount() > row ? table.value(row, column) : null;
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static String text(ReportTable table, int row, String column) {
        return (String) table.value(row, column);
    }

    private static LocalDate date(ReportTable table, int row, String column) {
        Object value = table.value(row, column);
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static void write(Path target, String html) {
        AtomicFiles.createDirectories(target.getParent());
        Path temp = AtomicFiles.tempSibling(target);
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report " + target, e);
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }
}
