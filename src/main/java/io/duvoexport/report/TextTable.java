package io.duvoexport.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders a {@link ReportTable} as aligned plain text for a console.
 *
 * <ul>
 *   <li>Numeric columns are right-aligned, their header too; other columns left-aligned.
 *   <li>Columns whose name has the word {@code rate} or {@code share} between underscores
 *       ({@code failure_rate}, {@code failure_rate_7d}, {@code share_of_day}) hold fractions
 *       and are shown as percentages with one decimal ({@code 0.3333} as {@code 33.3%}); other
 *       fractional numbers with two decimals.
 *   <li>NULL is shown as {@code -}.
 *   <li>Line breaks, tabs and other control characters in text become spaces; text longer than
 *       the maximum width is cut and ends with {@code ...}.
 * </ul>
 *
 * <p>Widths count Unicode code points, so wide East Asian characters misalign. Lines end with
 * {@code \n} and carry no trailing spaces.
 */
public final class TextTable {

    /** Widest a column may be, in characters, unless told otherwise. */
    public static final int DEFAULT_MAX_WIDTH = 40;

    private static final String NULL = "-";
    private static final String CUT = "...";
    private static final String GAP = "  ";
    private static final Pattern RATE_COLUMN = Pattern.compile("(^|_)(rate|share)(_|$)");

    private TextTable() {}

    /** Renders with columns at most {@link #DEFAULT_MAX_WIDTH} characters wide. */
    public static String render(ReportTable table) {
        return render(table, DEFAULT_MAX_WIDTH);
    }

    /**
     * Renders: a header line, a line of dashes, then one line per row.
     *
     * @param maxWidth widest a column may be, at least 4
     */
    public static String render(ReportTable table, int maxWidth) {
        if (maxWidth < CUT.length() + 1) {
            throw new IllegalArgumentException("maxWidth must be at least 4, was " + maxWidth);
        }
        List<List<String>> lines = lines(table, maxWidth);
        int[] widths = widths(lines);
        lines.add(1, dashes(widths));
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            appendLine(out, line, widths, table);
        }
        return out.toString();
    }

    /** The header, then the rows: every cell formatted and cut to the maximum width. */
    private static List<List<String>> lines(ReportTable table, int maxWidth) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(table.columns().stream().map(c -> cut(c, maxWidth)).toList());
        for (List<Object> row : table.rows()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                line.add(cut(format(row.get(i), table.columns().get(i)), maxWidth));
            }
            lines.add(line);
        }
        return lines;
    }

    private static int[] widths(List<List<String>> lines) {
        int[] widths = new int[lines.get(0).size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], length(line.get(i)));
            }
        }
        return widths;
    }

    private static List<String> dashes(int[] widths) {
        return Arrays.stream(widths).mapToObj("-"::repeat).toList();
    }

    private static void appendLine(
            StringBuilder out, List<String> line, int[] widths, ReportTable table) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String padding = " ".repeat(widths[i] - length(line.get(i)));
            text.append(i == 0 ? "" : GAP);
            text.append(table.isNumeric(i) ? padding + line.get(i) : line.get(i) + padding);
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }

    private static String format(Object value, String column) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof Number number && isRate(column)) {
            return String.format(Locale.ROOT, "%.1f%%", number.doubleValue() * 100);
        }
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
        }
        return value.toString().replaceAll("\\p{Cntrl}+", " ");
    }

    private static boolean isRate(String column) {
        return RATE_COLUMN.matcher(column).find();
    }

    private static String cut(String text, int maxWidth) {
        if (length(text) <= maxWidth) {
            return text;
        }
        int width = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            if (width + width(codePoint) > maxWidth - CUT.length()) {
                break;
            }
            width += width(codePoint);
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + CUT;
    }

    /** The columns {@code text} takes on a terminal: wide CJK characters count two, marks none. */
    static int length(String text) {
        return text.codePoints().map(TextTable::width).sum();
    }

    private static int width(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    /** East Asian wide and fullwidth characters: Hangul, CJK, kana, fullwidth forms. */
    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E)
                || (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
