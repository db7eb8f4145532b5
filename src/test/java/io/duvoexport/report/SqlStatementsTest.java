package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlStatementsTest {

    @ParameterizedTest(name = "{1} in [{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            SELECT 1                                              | 1
            SELECT 1;                                             | 1
            -- header\\nSELECT 1; -- trailing; comment\\n          | 1
            /* a; b */ SELECT 1 /* c; */ ;                        | 1
            SELECT 'a;b', "c;d", 'it''s; fine', $x$ e; f $x$      | 1
            SELECT $$;$$ AS semicolon                             | 1
            SELECT 1; SELECT 2                                    | 2
            SELECT 1;; ;SELECT 2;                                 | 2
            SELECT 1; DROP VIEW runs                              | 2
            ~~                                                    | 0
            -- only a comment                                     | 0
            ;                                                     | 0
            """)
    void countsStatementsOutsideQuotesAndComments(String sql, int statements) {
        assertThat(SqlStatements.count(sql.replace("\\n", "\n"))).isEqualTo(statements);
    }
}
