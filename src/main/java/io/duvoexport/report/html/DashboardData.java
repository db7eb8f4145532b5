package io.duvoexport.report.html;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the HTML report shows, taken from the published reports. Names and ids are as in
 * the data, unescaped; rates and shares are fractions between 0 and 1, durations seconds.
 *
 * @param filter the filter the reports ran with, for people ({@code none} for the nightly run)
 * @param exportedAt when the export that wrote the dataset began; null when there is no data
 * @param headline the figures over all runs
 * @param failureRates agents with at least one ended run, highest failure rate first
 * @param dailyFailureRates one point per day, oldest first
 * @param severities agents with at least one evaluation that has severity data
 * @param durations agents with at least one timed completed run
 * @param missingReports reports the page needs that were not published (a custom SQL folder)
 */
public record DashboardData(
        String filter,
        Instant exportedAt,
        Headline headline,
        List<AgentFailureRate> failureRates,
        List<DailyFailureRate> dailyFailureRates,
        List<AgentSeverity> severities,
        List<AgentDurations> durations,
        List<String> missingReports) {

    public DashboardData {
        failureRates = List.copyOf(failureRates);
        dailyFailureRates = List.copyOf(dailyFailureRates);
        severities = List.copyOf(severities);
        durations = List.copyOf(durations);
        missingReports = List.copyOf(missingReports);
    }

    /**
     * @param runs runs in the dataset (after the filter)
     * @param failureRate failed / ended runs; null when no run ended
     * @param passRate share of scored runs that passed every rubric; null when none was scored
     * @param inFlight runs not yet started or still running
     * @param rejectedRuns runs the export rejected; null when unknown
     * @param outOfOrderRuns runs whose timestamps are out of order; null when unknown
     */
    public record Headline(long runs, Double failureRate, Double passRate, long inFlight,
            Long rejectedRuns, Long outOfOrderRuns) {}

    /** One agent's failure rate over its ended runs. */
    public record AgentFailureRate(String agentId, String agentName, double failureRate,
            long failed, long terminalRuns) {}

    /**
     * One day of the whole team: the day's failure rate and the rate over the 7 days ending on
     * it; either is null when no run ended in its span.
     */
    public record DailyFailureRate(LocalDate date, Double failureRate, Double failureRate7d) {}

    /** Shares of an agent's rated runs with failing rubrics of each severity. */
    public record AgentSeverity(String agentId, String agentName, long ratedRuns,
            double criticalShare, double mediumShare, double lowShare) {}

    /** Percentiles of an agent's run durations, in seconds. */
    public record AgentDurations(String agentId, String agentName, long timedRuns, double p50,
            double p90, double p99) {}
}
