package io.duvoexport.api;

/**
 * Text from the API made safe for one log line: it can neither end the line nor hide what
 * follows. Line breaks, tabs and other control characters, line and paragraph separators and
 * the bidirectional controls become visible escapes ({@code \n}, {@code \r}, {@code \t},
 * {@code \u202E}); a backslash is doubled so that an escape in the text cannot pass for one of
 * ours. Long text is cut, ending with {@code ...}.
 */
public final class LogText {

    private LogText() {}

    /**
     * {@code text} escaped for a log line, at most {@code maxChars} characters of it before
     * escaping; {@code null} as {@code null}.
     */
    public static String visible(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > maxChars;
        String kept = cut ? text.substring(0, maxChars) : text;
        StringBuilder out = new StringBuilder(kept.length() + 8);
        kept.chars().forEach(c -> append(out, (char) c));
        return cut ? out.append("...").toString() : out.toString();
    }

    private static void append(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (hidden(c)) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** Characters that break a line or reorder how the rest of it reads. */
    private static boolean hidden(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u061C'
                || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
