package io.duvoexport.report;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsLast;
import static java.util.Comparator.reverseOrder;

import io.duvoexport.export.RunRow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The reports' figures computed in plain Java from the rows a dataset was built from, following
 * each report's header, so that tests compare the SQL against an independent calculation.
 */
final class ExpectedReports {

    private static final Set<String> TERMINAL =
            Set.of("completed", "failed", "interrupted", "stopped");
    private static final Set<String> IN_FLIGHT =
            Set.of("not_started", "pending", "starting", "running", "waiting");

    private ExpectedReports() {}

    record FailureRow(String agentId, String agentName, long runs, long completed, long failed,
            long interrupted, long stopped, long terminalRuns, long needsAttention, long inFlight,
            long otherStatus, Double failureRate) {}

    record EvalRow(String agentId, String agentName, long runs, long evaluatedRuns,
            long neverEvaluated, long unscoredRuns, long rubricsTotal, long rubricsPassed,
            long rubricsFailed, Double passRate, long runsWithFailures, Double failingRunShare,
            long runsWithSeverity, long runsWithCritical, long runsWithMedium, long runsWithLow,
            Double criticalShare, Double mediumShare, Double lowShare,
            Double neverEvaluatedShare) {}

    record DailyRow(LocalDate createdDate, long runs, long activeAgents, long completed,
            long failed, long interrupted, long stopped, long terminalRuns, long needsAttention,
            long inFlight, long otherStatus, Double failureRate) {}

    static List<FailureRow> failureRateByAgent(List<RunRow> runs) {
        List<FailureRow> rows = new ArrayList<>();
        byKey(runs, RunRow::agentId).forEach((agentId, agentRuns) -> {
            StatusCounts s = StatusCounts.of(agentRuns);
            rows.add(new FailureRow(agentId, latestName(agentId, agentRuns), s.runs, s.completed,
                    s.failed, s.interrupted, s.stopped, s.terminal, s.needsAttention, s.inFlight,
                    s.other, s.failureRate()));
        });
        rows.sort(comparing(FailureRow::failureRate, nullsLast(reverseOrder()))
                .thenComparing(FailureRow::agentName, nullsLast(naturalOrder()))
                .thenComparing(FailureRow::agentId, nullsLast(naturalOrder())));
        return rows;
    }

    static List<EvalRow> evalPassRateByAgent(List<RunRow> runs) {
        List<EvalRow> rows = new ArrayList<>();
        byKey(runs, RunRow::agentId).forEach(
                (agentId, agentRuns) -> rows.add(evalRow(agentId, agentRuns)));
        rows.sort(comparing(EvalRow::passRate, nullsLast(naturalOrder()))
                .thenComparing(EvalRow::agentName, nullsLast(naturalOrder()))
                .thenComparing(EvalRow::agentId, nullsLast(naturalOrder())));
        return rows;
    }

    static List<DailyRow> dailyRunOutcomes(List<RunRow> runs) {
        List<DailyRow> rows = new ArrayList<>();
        Function<RunRow, LocalDate> utcDay =
                r -> LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC);
        byKey(runs, utcDay).forEach((day, dayRuns) -> {
            StatusCounts s = StatusCounts.of(dayRuns);
            long agents = dayRuns.stream().map(RunRow::agentId).filter(Objects::nonNull)
                    .distinct().count();
            rows.add(new DailyRow(day, s.runs, agents, s.completed, s.failed, s.interrupted,
                    s.stopped, s.terminal, s.needsAttention, s.inFlight, s.other, s.failureRate()));
        });
        rows.sort(comparing(DailyRow::createdDate));
        return rows;
    }

    private static EvalRow evalRow(String agentId, List<RunRow> runs) {
        List<RunRow> scored = runs.stream().filter(ExpectedReports::isScored).toList();
        long never = count(runs, r -> r.evalStatus() == null);
        long total = scored.stream().mapToLong(RunRow::evalTotal).sum();
        long passed = scored.stream().mapToLong(ExpectedReports::passed).sum();
        long withFailures = count(scored, r -> passed(r) < r.evalTotal());
        List<RunRow> rated = scored.stream().filter(ExpectedReports::hasSeverity).toList();
        long critical = count(rated, r -> positive(r.evalCritical()));
        long medium = count(rated, r -> positive(r.evalMedium()));
        long low = count(rated, r -> positive(r.evalLow()));
        return new EvalRow(agentId, latestName(agentId, runs), runs.size(), scored.size(), never,
                runs.size() - scored.size() - never, total, passed, total - passed,
                ratio(passed, total), withFailures, ratio(withFailures, scored.size()),
                rated.size(), critical, medium, low, ratio(critical, rated.size()),
                ratio(medium, rated.size()), ratio(low, rated.size()),
                ratio(never, runs.size()));
    }

    private static boolean isScored(RunRow run) {
        return "ready".equals(run.evalStatus()) && run.evalTotal() != null && run.evalTotal() > 0;
    }

    private static long passed(RunRow run) {
        return run.evalPassed() == null ? 0 : run.evalPassed();
    }

    private static boolean hasSeverity(RunRow run) {
        return run.evalCritical() != null || run.evalMedium() != null || run.evalLow() != null;
    }

    private static boolean positive(Long value) {
        return value != null && value > 0;
    }

    /** The name of the agent's newest run that has one; ties go to the larger id. */
    static String latestName(String agentId, List<RunRow> runs) {
        if (agentId == null) {
            return null;
        }
        return runs.stream()
                .filter(r -> r.agentName() != null)
                .max(comparing(RunRow::createdAt).thenComparing(RunRow::id))
                .map(RunRow::agentName)
                .orElse(null);
    }

    private static <K> Map<K, List<RunRow>> byKey(List<RunRow> runs, Function<RunRow, K> key) {
        Map<K, List<RunRow>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return groups;
    }

    private static long count(List<RunRow> runs, Predicate<RunRow> test) {
        return runs.stream().filter(test).count();
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    /** Runs counted by status group, as the status reports define them. */
    private record StatusCounts(long runs, long completed, long failed, long interrupted,
            long stopped, long terminal, long needsAttention, long inFlight, long other) {

        static StatusCounts of(List<RunRow> runs) {
            return new StatusCounts(runs.size(), status(runs, "completed"), status(runs, "failed"),
                    status(runs, "interrupted"), status(runs, "stopped"),
                    count(runs, r -> in(TERMINAL, r)), status(runs, "needs_attention"),
                    count(runs, r -> in(IN_FLIGHT, r)),
                    count(runs, r -> !in(TERMINAL, r) && !in(IN_FLIGHT, r)
                            && !"needs_attention".equals(r.status())));
        }

        Double failureRate() {
            return ratio(failed, terminal);
        }

        private static boolean in(Set<String> statuses, RunRow run) {
            return run.status() != null && statuses.contains(run.status());
        }

        private static long status(List<RunRow> runs, String status) {
            return count(runs, r -> status.equals(r.status()));
        }
    }
}
