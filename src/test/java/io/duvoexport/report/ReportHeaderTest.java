package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportHeaderTest {

    private static final String SQL = """
            -- Report: sample
            --
            -- Question: how many runs,
            --           and since when?
            -- Grain:    one row.
            --
            -- Columns:
            --   runs        BIGINT       all runs, counted
            --                            once each
            --   first_at    TIMESTAMPTZ  the first created_at
            --   label       VARCHAR
            -- A note after the columns.

            SELECT 1
            """;

    @Test
    void readsTheQuestionAcrossLines() {
        assertThat(ReportHeader.of(SQL).question()).isEqualTo("how many runs, and since when?");
    }

    @Test
    void readsEachColumnWithItsTypeAndWholeDescription() {
        assertThat(ReportHeader.of(SQL).columns()).containsExactly(
                new ReportHeader.Column("runs", "BIGINT", "all runs, counted once each"),
                new ReportHeader.Column("first_at", "TIMESTAMPTZ", "the first created_at"),
                new ReportHeader.Column("label", "VARCHAR", ""));
    }

    @Test
    void fileWithoutHeaderDeclaresNothing() {
        ReportHeader header = ReportHeader.of("SELECT 1 AS one");

        assertThat(header.question()).isEmpty();
        assertThat(header.columns()).isEmpty();
        assertThat(header.mismatch(List.of("one"), List.of("INTEGER"))).isEmpty();
    }

    @Test
    void matchesTypesUnderTheirDuckDbNames() {
        ReportHeader header = ReportHeader.of(SQL);

        assertThat(header.mismatch(List.of("runs", "first_at", "label"),
                List.of("BIGINT", "TIMESTAMP WITH TIME ZONE", "VARCHAR"))).isEmpty();
        assertThat(header.mismatch(List.of("runs", "first_at", "label"),
                List.of("BIGINT", "TIMESTAMP", "VARCHAR")))
                .hasValueSatisfying(m -> assertThat(m).contains("first_at TIMESTAMP,"));
    }

    @Test
    void renamedColumnIsAMismatch() {
        assertThat(ReportHeader.of(SQL).mismatch(List.of("run_count", "first_at", "label"),
                List.of("BIGINT", "TIMESTAMP WITH TIME ZONE", "VARCHAR"))).isPresent();
    }
}
