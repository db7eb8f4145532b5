package io.duvoexport.report.html;

import java.util.Locale;

/**
 * Text for an HTML page: escaping, shortening, and the page's number formats. Everything that
 * comes from the data goes through {@link #escape} before it reaches the page.
 */
final class HtmlText {

    private static final String ELLIPSIS = "\u2026";

    private HtmlText() {}

    /**
     * {@code text} safe in an HTML text node and in a double- or single-quoted attribute value:
     * {@code & < > " '} become character references, and control characters and unpaired
     * surrogates, which HTML does not allow, become U+FFFD. Null becomes the empty string.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> appendEscaped(out, cp));
        return out.toString();
    }

    /** At most {@code max} code points of {@code text}, ending with an ellipsis when cut. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    /** A fraction as a percentage with one decimal, {@code 0.0517} as {@code 5.2%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A count with thousands separators, {@code 12345} as {@code 12,345}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Seconds for people: {@code 0.4 s}, {@code 12 s}, {@code 3m 05s}, {@code 2h 10m}. */
    static String duration(double seconds) {
        if (Math.abs(seconds) < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (Math.abs(whole) < 60) {
            return whole + " s";
        }
        if (Math.abs(whole) < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", whole / 60, Math.abs(whole % 60));
        }
        return String.format(Locale.ROOT, "%dh %02dm", whole / 3600, Math.abs(whole % 3600) / 60);
    }

    /** A number for an SVG attribute: at most two decimals, no exponent. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.appendCodePoint(isAllowed(cp) ? cp : 0xFFFD);
        }
    }

    private static boolean isAllowed(int cp) {
        if (cp == '\n' || cp == '\t') {
            return true;
        }
        boolean control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
        boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        return !control && !surrogate;
    }
}
