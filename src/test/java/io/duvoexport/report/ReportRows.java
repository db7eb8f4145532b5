package io.duvoexport.report;

import io.duvoexport.report.ExpectedReports.DailyRow;
import io.duvoexport.report.ExpectedReports.EvalRow;
import io.duvoexport.report.ExpectedReports.FailureRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads published report tables back into the rows {@link ExpectedReports} computes. */
final class ReportRows {

    static final List<String> FAILURE_COLUMNS = List.of("agent_id", "agent_name", "runs",
            "completed", "failed", "interrupted", "stopped", "terminal_runs", "needs_attention",
            "in_flight", "other_status", "failure_rate");

    static final List<String> EVAL_COLUMNS = List.of("agent_id", "agent_name", "runs",
            "evaluated_runs", "never_evaluated", "unscored_runs", "rubrics_total",
            "rubrics_passed", "rubrics_failed", "pass_rate", "runs_with_failures",
            "failing_run_share", "runs_with_severity", "runs_with_critical", "runs_with_medium",
            "runs_with_low", "critical_share", "medium_share", "low_share",
            "never_evaluated_share");

    static final List<String> DAILY_COLUMNS = List.of("created_date", "runs", "active_agents",
            "completed", "failed", "interrupted", "stopped", "terminal_runs", "needs_attention",
            "in_flight", "other_status", "failure_rate");

    private final ReportTable table;
    private int row;

    private ReportRows(ReportTable table) {
        this.table = table;
    }

    static List<FailureRow> failureRows(ReportTable table) {
        return rows(table, ReportRows::failureRow);
    }

    static List<EvalRow> evalRows(ReportTable table) {
        return rows(table, ReportRows::evalRow);
    }

    static List<DailyRow> dailyRows(ReportTable table) {
        return rows(table, ReportRows::dailyRow);
    }

    private static <T> List<T> rows(ReportTable table, Function<ReportRows, T> read) {
        ReportRows reader = new ReportRows(table);
        List<T> rows = new ArrayList<>();
        for (reader.row = 0; reader.row < table.rowCount(); reader.row++) {
            rows.add(read.apply(reader));
        }
        return rows;
    }

    private FailureRow failureRow() {
        return new FailureRow(text("agent_id"), text("agent_name"), count("runs"),
                count("completed"), count("failed"), count("interrupted"), count("stopped"),
                count("terminal_runs"), count("needs_attention"), count("in_flight"),
                count("other_status"), rate("failure_rate"));
    }

    private EvalRow evalRow() {
        return new EvalRow(text("agent_id"), text("agent_name"), count("runs"),
                count("evaluated_runs"), count("never_evaluated"), count("unscored_runs"),
                count("rubrics_total"), count("rubrics_passed"), count("rubrics_failed"),
                rate("pass_rate"), count("runs_with_failures"), rate("failing_run_share"),
                count("runs_with_severity"), count("runs_with_critical"),
                count("runs_with_medium"), count("runs_with_low"), rate("critical_share"),
                rate("medium_share"), rate("low_share"), rate("never_evaluated_share"));
    }

    private DailyRow dailyRow() {
        return new DailyRow(date("created_date"), count("runs"), count("active_agents"),
                count("completed"), count("failed"), count("interrupted"), count("stopped"),
                count("terminal_runs"), count("needs_attention"), count("in_flight"),
                count("other_status"), rate("failure_rate"));
    }

    /**
     * Every row's values, dates as LocalDate and timestamps as Instant, so that they compare
     * with the rows {@link ExpectedCatalog} computes.
     */
    static List<List<Object>> values(ReportTable table) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Object> values = new ArrayList<>();
            for (Object value : row) {
                values.add(value instanceof java.sql.Date date ? date.toLocalDate()
                        : value instanceof java.time.OffsetDateTime time ? time.toInstant()
                        : value);
            }
            rows.add(values);
        }
        return rows;
    }

    private String text(String column) {
        return (String) table.value(row, column);
    }

    private long count(String column) {
        return (Long) table.value(row, column);
    }

    private Double rate(String column) {
        return (Double) table.value(row, column);
    }

    private LocalDate date(String column) {
        Object value = table.value(row, column);
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
