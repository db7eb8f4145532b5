package io.duvoexport.report.html;

/**
 * Writes one inline SVG element. Attribute values and text are escaped here, so callers pass
 * data as it is. Not thread-safe.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder();

    /** Starts an {@code <svg>} of that size, labelled for screen readers. */
    Svg(String cssClass, double width, double height, String label) {
        out.append("<svg class=\"chart ")
                .append(HtmlText.escape(cssClass)).append("\" viewBox=\"0 0 ")
                .append(HtmlText.coordinate(width)).append(' ')
                .append(HtmlText.coordinate(height)).append("\" role=\"img\" aria-label=\"")
                .append(HtmlText.escape(label)).append("\">\n");
    }

    /**
     * An element without content; {@code attributes} are name, value pairs. Numbers are written
     * with two decimals.
     */
    Svg element(String name, Object... attributes) {
        start(name, attributes);
        out.append("/>\n");
        return this;
    }

    /** An element whose content is a tooltip, {@code <title>}. */
    Svg withTooltip(String name, String tooltip, Object... attributes) {
        start(name, attributes);
        out.append("><title>").append(HtmlText.escape(tooltip)).append("</title></")
                .append(name).append(">\n");
        return this;
    }

    /** A {@code <text>} element. */
    Svg text(String cssClass, double x, double y, String anchor, String text) {
        start("text", "class", cssClass, "x", x, "y", y, "text-anchor", anchor);
        out.append('>').append(HtmlText.escape(text)).append("</text>\n");
        return this;
    }

    /** A {@code <text>} element showing {@code text} shortened, the whole of it as a tooltip. */
    Svg label(String cssClass, double x, double y, String anchor, String text, int maxLength) {
        start("text", "class", cssClass, "x", x, "y", y, "text-anchor", anchor);
        out.append("><title>").append(HtmlText.escape(text)).append("</title>")
                .append(HtmlText.escape(HtmlText.shorten(text, maxLength))).append("</text>\n");
        return this;
    }

    /** Ends the element and returns its markup. */
    String end() {
        return out.append("</svg>\n").toString();
    }

    private void start(String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            String text = value instanceof Double d
                    ? HtmlText.coordinate(d)
                    : String.valueOf(value);
            out.append(' ').append(attributes[i]).append("=\"").append(HtmlText.escape(text))
                    .append('"');
        }
    }
}
