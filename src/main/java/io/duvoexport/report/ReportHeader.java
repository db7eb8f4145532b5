package io.duvoexport.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report file says about itself in the comment lines it starts with:
 *
 * <pre>
 * -- Report: name
 * -- Question: what it answers, possibly
 * --           over several lines
 * -- Columns:
 * --   column_name   TYPE     what it holds, possibly
 * --                          over several lines
 * </pre>
 *
 * <p>A column line has its name indented by exactly three spaces, then its DuckDB type, then its
 * description; deeper indented lines continue the description. The declared columns are the
 * report's contract with whoever reads its files: the runner refuses to publish a result whose
 * column names or types differ from them.
 *
 * @param question the text after {@code Question:}, lines joined by spaces; empty when absent
 * @param columns the declared columns in order; empty when the file declares none
 */
record ReportHeader(String question, List<Column> columns) {

    /** One declared column; {@code type} is as written, e.g. {@code TIMESTAMPTZ}. */
    record Column(String name, String type, String description) {}

    private static final Pattern LABEL = Pattern.compile("-- ([A-Z][A-Za-z ]*):(.*)");
    private static final Pattern COLUMN = Pattern.compile(
            "-- {3}([A-Za-z_][A-Za-z0-9_]*) +([A-Z][A-Z0-9_]*(?:\\([0-9, ]+\\))?)(?: +(.*))?");
    private static final Pattern CONTINUATION = Pattern.compile("-- {4,}(\\S.*)");

    /** DuckDB's own spelling of type names that have a shorter alias. */
    private static final Map<String, String> TYPE_ALIASES = Map.of(
            "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE",
            "INT8", "BIGINT",
            "INT", "INTEGER",
            "INT4", "INTEGER",
            "FLOAT8", "DOUBLE",
            "TEXT", "VARCHAR",
            "STRING", "VARCHAR",
            "BOOL", "BOOLEAN");

    ReportHeader {
        columns = List.copyOf(columns);
    }

    /** The header of a report file's text; never fails, a file without one has an empty one. */
    static ReportHeader of(String sql) {
        List<String> lines = leadingComments(sql);
        return new ReportHeader(question(lines), columns(lines));
    }

    /** {@code type} as DuckDB's DESCRIBE names it: TIMESTAMPTZ is TIMESTAMP WITH TIME ZONE. */
    static String canonicalType(String type) {
        String upper = type.trim().toUpperCase(Locale.ROOT);
        return TYPE_ALIASES.getOrDefault(upper, upper);
    }

    /**
     * How a result's columns differ from the declared ones, or empty when they match or the
     * header declares no columns.
     *
     * @param names the result's column names, in order
     * @param types the result's DuckDB type names, in order
     */
    Optional<String> mismatch(List<String> names, List<String> types) {
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> declared = columns.stream()
                .map(c -> c.name() + " " + canonicalType(c.type()))
                .toList();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            actual.add(names.get(i) + " " + canonicalType(types.get(i)));
        }
        if (declared.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of("its header declares the columns " + declared
                + " but the query returns " + actual
                + "; change the query or, deliberately, the header's Columns");
    }

    private static List<String> leadingComments(String sql) {
        List<String> lines = new ArrayList<>();
        for (String line : sql.replace("\r", "").split("\n", -1)) {
            if (!line.startsWith("--")) {
                break;
            }
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    private static String question(List<String> lines) {
        StringBuilder text = new StringBuilder();
        boolean inQuestion = false;
        for (String line : lines) {
            Matcher label = LABEL.matcher(line);
            Matcher continuation = CONTINUATION.matcher(line);
            if (label.matches()) {
                inQuestion = label.group(1).equals("Question");
                append(text, inQuestion ? label.group(2) : "");
            } else if (inQuestion && continuation.matches()) {
                append(text, continuation.group(1));
            } else {
                inQuestion = false;
            }
        }
        return text.toString();
    }

    private static List<Column> columns(List<String> lines) {
        List<Column> columns = new ArrayList<>();
        int start = lines.indexOf("-- Columns:");
        if (start < 0) {
            return columns;
        }
        StringBuilder description = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            Matcher column = COLUMN.matcher(line);
            Matcher continuation = CONTINUATION.matcher(line);
            if (column.matches()) {
                closeColumn(columns, description);
                description = new StringBuilder(column.group(1) + "\t" + column.group(2) + "\t");
                append(description, column.group(3) == null ? "" : column.group(3));
            } else if (description != null && continuation.matches()) {
                append(description, continuation.group(1));
            } else if (!line.isBlank() && !line.equals("--")) {
                break;
            }
        }
        closeColumn(columns, description);
        return columns;
    }

    /** Adds the column whose name, type and description {@code text} holds, tab separated. */
    private static void closeColumn(List<Column> columns, StringBuilder text) {
        if (text != null) {
            String[] parts = text.toString().split("\t", 3);
            columns.add(new Column(parts[0], parts[1], parts[2]));
        }
    }

    private static void append(StringBuilder text, String words) {
        String trimmed = words.trim();
        if (trimmed.isEmpty()) {
            return;
        }
        boolean separate = text.length() > 0 && text.charAt(text.length() - 1) != '\t';
        text.append(separate ? " " : "").append(trimmed);
    }
}
