package io.duvoexport.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a screenshot of the HTML report: finds its sections, the white cards on the page's grey
 * background, and counts the pixels of each chart's colours inside the card of that chart.
 *
 * <p>What it distinguishes: a pixel counts only when it has the colour itself, as the inside of
 * a filled mark has; anti-aliased text and edges blend into other shades. Besides the chart, a
 * card holds at most one pixel block of each colour, the legend key of its note (10 by 10 CSS
 * pixels, rounded: 88 pixels). A colour counts as painted only with nearly three times that,
 * which takes the chart's bars, points or lines drawn at a real size; a chart that is missing,
 * zero-sized, or drawn in other colours leaves its card below the bar.
 */
final class ChartPixels {

    /** Sections from the top of the page, by the {@code id} they carry in the HTML. */
    static final List<String> SECTIONS =
            List.of("headline", "failure-rate", "daily-trend", "severity", "durations");

    /** The colours each chart draws its marks in (DashboardPage's style), by section. */
    static final Map<String, List<Integer>> CHART_COLOURS = Map.of(
            "failure-rate", List.of(0xd64545),
            "daily-trend", List.of(0x9aa5b1, 0xd64545),
            "severity", List.of(0xab091e, 0xf0b429, 0x7b93db),
            "durations", List.of(0x2186eb, 0xf0b429, 0xd64545, 0x9aa5b1));

    /** Fewest pixels of a colour for a chart to count as painted. */
    static final int MIN_PIXELS = 250;

    /** How far each channel may stray from the colour: rounding only, not anti-aliasing. */
    private static final int TOLERANCE = 1;

    private static final int WHITE = 0xffffff;

    /** A card's rows: from {@code top} inclusive to {@code bottom} exclusive. */
    record Band(int top, int bottom) {}

    private ChartPixels() {}

    /**
     * Pixels of each chart colour in each chart's card, by section and colour as
     * {@code #rrggbb}.
     *
     * @throws IllegalStateException when the screenshot does not show the five cards whole
     */
    static Map<String, Map<String, Long>> count(BufferedImage shot) {
        List<Band> bands = cards(shot);
        if (bands.size() != SECTIONS.size()) {
            throw new IllegalStateException("expected " + SECTIONS.size() + " cards whole in"
                    + " the screenshot, found " + bands);
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (int i = 1; i < SECTIONS.size(); i++) {
            String section = SECTIONS.get(i);
            Map<String, Long> byColour = new LinkedHashMap<>();
            for (int colour : CHART_COLOURS.get(section)) {
                byColour.put(String.format("#%06x", colour), pixels(shot, bands.get(i), colour));
            }
            counts.put(section, byColour);
        }
        return counts;
    }

    /** Each chart colour found with fewer than {@link #MIN_PIXELS}, as "section #rrggbb: n". */
    static List<String> unpainted(Map<String, Map<String, Long>> counts) {
        List<String> faint = new ArrayList<>();
        counts.forEach((section, byColour) -> byColour.forEach((colour, n) -> {
            if (n < MIN_PIXELS) {
                faint.add(section + " " + colour + ": " + n);
            }
        }));
        return faint;
    }

    /**
     * The white cards, top to bottom: runs of rows holding white pixels. The page around them
     * is grey and its text is dark, so no other row holds a white pixel; a card that reaches
     * the bottom of the screenshot is cut off and not counted.
     */
    static List<Band> cards(BufferedImage shot) {
        List<Band> bands = new ArrayList<>();
        int top = -1;
        for (int y = 0; y < shot.getHeight(); y++) {
            boolean card = whitePixels(shot, y) >= 20;
            if (card && top < 0) {
                top = y;
            } else if (!card && top >= 0) {
                bands.add(new Band(top, y));
                top = -1;
            }
        }
        return bands;
    }

    private static int whitePixels(BufferedImage shot, int y) {
        int white = 0;
        for (int x = 0; x < shot.getWidth(); x++) {
            white += (shot.getRGB(x, y) & 0xffffff) == WHITE ? 1 : 0;
        }
        return white;
    }

    private static long pixels(BufferedImage shot, Band band, int colour) {
        long count = 0;
        for (int y = band.top(); y < band.bottom(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                count += near(shot.getRGB(x, y), colour) ? 1 : 0;
            }
        }
        return count;
    }

    private static boolean near(int rgb, int colour) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xff) - (colour >> shift & 0xff)) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
