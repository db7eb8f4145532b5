package io.duvoexport.report;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsLast;

import io.duvoexport.export.RunRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures of the reports added for analysts, computed in plain Java from the rows a dataset
 * was built from, following each report's header. Rows come back as lists of values in the
 * report's column order: Long, Double, String, LocalDate, Instant or null, in the report's
 * order, so that they compare with {@link ReportRows#values}.
 */
final class ExpectedCatalog {

    private static final Set<String> TERMINAL =
            Set.of("completed", "failed", "interrupted", "stopped");
    private static final Set<String> IN_FLIGHT =
            Set.of("not_started", "pending", "starting", "running", "waiting");
    private static final List<String> STATUSES = List.of("not_started", "pending", "starting",
            "running", "waiting", "needs_attention", "completed", "failed", "interrupted",
            "stopped");
    private static final Comparator<String> NULLS_LAST = nullsLast(naturalOrder());

    private ExpectedCatalog() {}

    /** failure_rate_by_agent_daily: every day from the agent's first through the last day. */
    static List<List<Object>> failureRateByAgentDaily(List<RunRow> runs) {
        LocalDate last = runs.stream().map(ExpectedCatalog::day).max(naturalOrder()).orElse(null);
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<RunRow>> agent : byKey(runs, RunRow::agentId).entrySet()) {
            String name = ExpectedReports.latestName(agent.getKey(), agent.getValue());
            Map<LocalDate, long[]> days = new TreeMap<>(); // runs, failed, terminal
            LocalDate first = agent.getValue().stream().map(ExpectedCatalog::day)
                    .min(naturalOrder()).orElseThrow();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.put(d, new long[3]);
            }
            for (RunRow run : agent.getValue()) {
                long[] counts = days.get(day(run));
                counts[0]++;
                counts[1] += "failed".equals(run.status()) ? 1 : 0;
                counts[2] += in(TERMINAL, run.status()) ? 1 : 0;
            }
            for (LocalDate d : days.keySet()) {
                long[] c = days.get(d);
                long failed7 = 0;
                long terminal7 = 0;
                for (int back = 0; back < 7; back++) {
                    long[] earlier = days.getOrDefault(d.minusDays(back), new long[3]);
                    failed7 += earlier[1];
                    terminal7 += earlier[2];
                }
                rows.add(row(agent.getKey(), name, d, c[0], c[1], c[2], ratio(c[1], c[2]),
                        failed7, terminal7, ratio(failed7, terminal7)));
            }
        }
        rows.sort(comparing((List<Object> r) -> (String) r.get(1), NULLS_LAST)
                .thenComparing(r -> (String) r.get(0), NULLS_LAST)
                .thenComparing(r -> (LocalDate) r.get(2)));
        return rows;
    }

    /** duration_by_agent: nearest-rank percentiles, rank ceil(n * p / 100). */
    static List<List<Object>> durationByAgent(List<RunRow> runs) {
        List<RunRow> completed = runs.stream().filter(r -> "completed".equals(r.status())).toList();
        List<List<Object>> rows = new ArrayList<>();
        byKey(completed, RunRow::agentId).forEach((agentId, agentRuns) -> {
            List<RunRow> timed = agentRuns.stream()
                    .filter(r -> r.startedAt() != null && r.completedAt() != null).toList();
            List<Long> run = sorted(timed, r -> micros(r.startedAt(), r.completedAt()));
            List<Long> wait = sorted(timed, r -> micros(r.createdAt(), r.startedAt()));
            rows.add(row(agentId, ExpectedReports.latestName(agentId, runsOf(runs, agentId)),
                    (long) agentRuns.size(), (long) timed.size(),
                    percentile(run, 50), percentile(run, 90), percentile(run, 99),
                    percentile(wait, 50), percentile(wait, 90), percentile(wait, 99)));
        });
        rows.sort(comparing((List<Object> r) -> (String) r.get(1), NULLS_LAST)
                .thenComparing(r -> (String) r.get(0), NULLS_LAST));
        return rows;
    }

    /** case_queue_health, ages against the largest exported_at. */
    static List<List<Object>> caseQueueHealth(List<RunRow> runs) {
        Instant exportedAt = runs.stream().map(RunRow::exportedAt).max(naturalOrder())
                .orElse(null);
        List<List<Object>> rows = new ArrayList<>();
        byKey(runs, RunRow::caseQueueId).forEach((queueId, queueRuns) -> {
            List<Object> row = new ArrayList<>(Arrays.asList(queueId,
                    latestQueueName(queueId, queueRuns), (long) queueRuns.size()));
            STATUSES.forEach(s -> row.add(count(queueRuns, r -> s.equals(r.status()))));
            row.add(count(queueRuns, r -> !in(STATUSES, r.status())));
            List<RunRow> inFlight = queueRuns.stream()
                    .filter(r -> in(IN_FLIGHT, r.status())).toList();
            Instant oldest = inFlight.stream().map(RunRow::createdAt).min(naturalOrder())
                    .orElse(null);
            row.add((long) inFlight.size());
            row.add(oldest);
            row.add(oldest == null ? null : micros(oldest, exportedAt) / 1_000_000.0);
            row.add(count(queueRuns,
                    r -> r.postponedTo() != null && r.postponedTo().isAfter(exportedAt)));
            row.add(exportedAt);
            rows.add(row);
        });
        rows.sort(comparing((List<Object> r) -> (String) r.get(1), NULLS_LAST)
                .thenComparing(r -> (String) r.get(0), NULLS_LAST));
        return rows;
    }

    /** daily_run_volume_by_source. */
    static List<List<Object>> dailyRunVolumeBySource(List<RunRow> runs) {
        List<List<Object>> rows = new ArrayList<>();
        byKey(runs, ExpectedCatalog::day).forEach((day, dayRuns) ->
                byKey(dayRuns, RunRow::source).forEach((source, sourceRuns) ->
                        rows.add(row(day, source, (long) sourceRuns.size(),
                                (double) sourceRuns.size() / dayRuns.size()))));
        rows.sort(comparing((List<Object> r) -> (LocalDate) r.get(0))
                .thenComparing(r -> (String) r.get(1), NULLS_LAST));
        return rows;
    }

    /** data_quality_null_shares, in the order of the dataset's columns. */
    static List<List<Object>> nullShares(List<RunRow> runs) {
        List<List<Object>> rows = new ArrayList<>();
        List<Map.Entry<String, Function<RunRow, Object>>> columns = columns();
        for (int i = 0; i < columns.size(); i++) {
            Function<RunRow, Object> value = columns.get(i).getValue();
            long nulls = count(runs, r -> value.apply(r) == null);
            rows.add(row((long) i + 1, columns.get(i).getKey(), (long) runs.size(), nulls,
                    runs.isEmpty() ? null : (double) nulls / runs.size()));
        }
        return rows;
    }

    /** data_quality_summary's one row after a full export, or before any when both are null. */
    static List<Object> dataQualitySummary(List<RunRow> runs, long rejected, Long apiTotal,
            Long rowsPublished) {
        return dataQualitySummary(runs, rejected, apiTotal, rowsPublished,
                apiTotal == null ? null : "full", null, null);
    }

    /**
     * data_quality_summary's one row after an export of {@code mode} over the window (null
     * dates for a full export, a null end for a window open up to now), or before any export
     * when {@code mode} is null. The API's total is set against the rows published only after
     * a full export.
     */
    static List<Object> dataQualitySummary(List<RunRow> runs, long rejected, Long apiTotal,
            Long rowsPublished, String mode, LocalDate windowStart, LocalDate windowEnd) {
        boolean full = "full".equals(mode);
        Long gap = full && apiTotal != null && rowsPublished != null
                ? apiTotal - rowsPublished : null;
        String note = mode == null ? "no export yet: no manifest to compare with"
                : full ? "full export: the API's total against every row published"
                : windowedGapNote(mode, windowStart, windowEnd);
        long startedEarly = count(runs, r -> before(r.startedAt(), r.createdAt()));
        long completedBeforeStart = count(runs, r -> before(r.completedAt(), r.startedAt()));
        long completedEarly = count(runs, r -> before(r.completedAt(), r.createdAt()));
        long updatedEarly = count(runs, r -> before(r.updatedAt(), r.createdAt()));
        long outOfOrder = count(runs, r -> before(r.startedAt(), r.createdAt())
                || before(r.completedAt(), r.startedAt())
                || before(r.completedAt(), r.createdAt())
                || before(r.updatedAt(), r.createdAt()));
        return row(runs.stream().map(RunRow::exportedAt).max(naturalOrder()).orElse(null),
                (long) runs.size(), startedEarly, completedBeforeStart, completedEarly,
                updatedEarly, outOfOrder, rejected, apiTotal, rowsPublished, gap, note);
    }

    private static String windowedGapNote(String mode, LocalDate start, LocalDate end) {
        return mode + " export of " + start + ".." + (end == null ? "now" : end)
                + ": not compared, the API's total counts runs of every day and the export"
                + " published only those created in its window";
    }

    /** The dataset's columns in order, each with its value in a row. */
    static List<Map.Entry<String, Function<RunRow, Object>>> columns() {
        Map<String, Function<RunRow, Object>> columns = new LinkedHashMap<>();
        columns.put("id", RunRow::id);
        columns.put("team_id", RunRow::teamId);
        columns.put("run_number", RunRow::runNumber);
        columns.put("status", RunRow::status);
        columns.put("title", RunRow::title);
        columns.put("source", RunRow::source);
        columns.put("agent_id", RunRow::agentId);
        columns.put("agent_name", RunRow::agentName);
        columns.put("build_id", RunRow::buildId);
        columns.put("user_id", RunRow::userId);
        columns.put("case_queue_id", RunRow::caseQueueId);
        columns.put("case_queue_name", RunRow::caseQueueName);
        columns.put("case_queue_item_id", RunRow::caseQueueItemId);
        columns.put("case_title", RunRow::caseTitle);
        columns.put("created_at", RunRow::createdAt);
        columns.put("updated_at", RunRow::updatedAt);
        columns.put("started_at", RunRow::startedAt);
        columns.put("completed_at", RunRow::completedAt);
        columns.put("postponed_to", RunRow::postponedTo);
        columns.put("submitted_prompt_count", RunRow::submittedPromptCount);
        columns.put("eval_status", RunRow::evalStatus);
        columns.put("eval_passed", RunRow::evalPassed);
        columns.put("eval_total", RunRow::evalTotal);
        columns.put("eval_failed", RunRow::evalFailed);
        columns.put("eval_final_comment", RunRow::evalFinalComment);
        columns.put("eval_critical", RunRow::evalCritical);
        columns.put("eval_medium", RunRow::evalMedium);
        columns.put("eval_low", RunRow::evalLow);
        columns.put("exported_at", RunRow::exportedAt);
        columns.put("created_date", ExpectedCatalog::day);
        return List.copyOf(columns.entrySet());
    }

    static LocalDate day(RunRow run) {
        return LocalDate.ofInstant(run.createdAt(), ZoneOffset.UTC);
    }

    private static String latestQueueName(String queueId, List<RunRow> runs) {
        if (queueId == null) {
            return null;
        }
        return runs.stream().filter(r -> r.caseQueueName() != null)
                .max(comparing(RunRow::createdAt).thenComparing(RunRow::id))
                .map(RunRow::caseQueueName).orElse(null);
    }

    /** The value at rank ceil(n * p / 100), in seconds; null for no values. */
    private static Double percentile(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return null;
        }
        int rank = (sortedMicros.size() * p + 99) / 100;
        return (double) sortedMicros.get(rank - 1) / 1_000_000;
    }

    private static List<Long> sorted(List<RunRow> runs, Function<RunRow, Long> value) {
        return runs.stream().map(value).sorted().toList();
    }

    private static long micros(Instant from, Instant to) {
        return ChronoUnit.MICROS.between(from, to);
    }

    /** Whether {@code status} is one of {@code statuses}; a NULL status is none of them. */
    private static boolean in(java.util.Collection<String> statuses, String status) {
        return status != null && statuses.contains(status);
    }

    private static boolean before(Instant a, Instant b) {
        return a != null && b != null && a.isBefore(b);
    }

    private static List<RunRow> runsOf(List<RunRow> runs, String agentId) {
        return runs.stream().filter(r -> Objects.equals(r.agentId(), agentId)).toList();
    }

    private static <K> Map<K, List<RunRow>> byKey(List<RunRow> runs, Function<RunRow, K> key) {
        Map<K, List<RunRow>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return groups;
    }

    private static long count(List<RunRow> runs, java.util.function.Predicate<RunRow> test) {
        return runs.stream().filter(test).count();
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
