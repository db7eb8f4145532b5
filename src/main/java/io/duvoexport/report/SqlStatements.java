package io.duvoexport.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the statements in a SQL text without parsing it, so that a report file holding more
 * than one statement is refused before any of them runs.
 *
 * <p>Statements are split at semicolons outside string literals ({@code '...'}), quoted
 * identifiers ({@code "..."}), dollar-quoted strings ({@code $tag$...$tag$}) and comments
 * ({@code -- ...} and {@code /* ... *}{@code /}, not nested). A part holding only whitespace and
 * comments is not a statement.
 */
final class SqlStatements {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");

    private SqlStatements() {}

    static int count(String sql) {
        int statements = 0;
        boolean inStatement = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (sql.startsWith("--", i)) {
                i = after(sql, "\n", i + 2);
            } else if (sql.startsWith("/*", i)) {
                i = after(sql, "*/", i + 2);
            } else if (c == ';') {
                statements += inStatement ? 1 : 0;
                inStatement = false;
                i++;
            } else {
                inStatement |= !Character.isWhitespace(c);
                i = skipToken(sql, i);
            }
        }
        return statements + (inStatement ? 1 : 0);
    }

    /** Index after the quoted text starting at {@code i}, or after the one character there. */
    private static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            return afterQuoted(sql, c, i + 1);
        }
        Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
        if (c == '$' && tag.lookingAt()) {
            return after(sql, tag.group(), tag.end());
        }
        return i + 1;
    }

    /** Index after the closing quote; a doubled quote stays inside. */
    private static int afterQuoted(String sql, char quote, int from) {
        int i = from;
        while (true) {
            int close = sql.indexOf(quote, i);
            if (close < 0) {
                return sql.length();
            }
            if (close + 1 < sql.length() && sql.charAt(close + 1) == quote) {
                i = close + 2;
            } else {
                return close + 1;
            }
        }
    }

    /** Index after the next {@code end} at or after {@code from}, or the end of the text. */
    private static int after(String sql, String end, int from) {
        int found = sql.indexOf(end, from);
        return found < 0 ? sql.length() : found + end.length();
    }
}
