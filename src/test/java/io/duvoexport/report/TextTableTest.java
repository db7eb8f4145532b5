package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsTextLeftAndNumbersRightUnderARuledHeader() {
        ReportTable table = table(List.of("agent_name", "runs", "failure_rate"),
                List.of("VARCHAR", "BIGINT", "DOUBLE"),
                row("Refunds", 3L, 2.0 / 3),
                row("Triage", 1204L, null));

        assertThat(TextTable.render(table)).isEqualTo("""
                agent_name  runs  failure_rate
                ----------  ----  ------------
                Refunds        3         66.7%
                Triage      1204             -
                """);
    }

    @Test
    void showsRatesAndSharesAsPercentagesWithOneDecimal() {
        ReportTable table = table(List.of("pass_rate", "low_share", "score"),
                List.of("DOUBLE", "DOUBLE", "DOUBLE"),
                row(1.0, 0.0, 0.125),
                row(0.00049, 0.99951, 2.0));

        assertThat(TextTable.render(table).lines()).containsExactly(
                "pass_rate  low_share  score",
                "---------  ---------  -----",
                "   100.0%       0.0%   0.13",
                "     0.0%     100.0%   2.00");
    }

    @Test
    void cutsLongTextAndFlattensLineBreaks() {
        ReportTable table = table(List.of("agent_name"), List.of("VARCHAR"),
                row("Quotes \"Q1\",\r\nnorth region – Zürich"));

        assertThat(TextTable.render(table, 16).lines()).containsExactly(
                "agent_name",
                "----------------",
                "Quotes \"Q1\", ...");
    }

    @Test
    void alignsWideCharactersByTheColumnsTheyTakeOnATerminal() {
        ReportTable table = table(List.of("agent_name", "runs"), List.of("VARCHAR", "BIGINT"),
                row("請求書チェッカー", 498L),
                row("Re\u0301conciliation", 260L));

        // eight wide characters take sixteen columns; the decomposed accent takes none
        assertThat(TextTable.render(table).lines()).containsExactly(
                "agent_name        runs",
                "----------------  ----",
                "請求書チェッカー   498",
                "Re\u0301conciliation     260");
    }

    @Test
    void cutsWideTextWithinTheWidth() {
        ReportTable table = table(List.of("n"), List.of("VARCHAR"), row("請求書チェッカー"));

        assertThat(TextTable.render(table, 9).lines()).containsExactly("n", "---------", "請求書...");
    }

    @Test
    void rendersHeaderAloneForAnEmptyReport() {
        ReportTable table = table(List.of("agent_id", "runs"), List.of("VARCHAR", "BIGINT"));

        assertThat(TextTable.render(table)).isEqualTo("agent_id  runs\n--------  ----\n");
    }

    @Test
    void rejectsAWidthTooSmallToCut() {
        ReportTable table = table(List.of("a"), List.of("VARCHAR"));

        assertThatThrownBy(() -> TextTable.render(table, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWidth must be at least 4, was 3");
    }

    @SafeVarargs
    private static ReportTable table(
            List<String> columns, List<String> types, List<Object>... rows) {
        return new ReportTable(columns, types, List.of(rows));
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
