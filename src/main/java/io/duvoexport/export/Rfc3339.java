package io.duvoexport.export;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Parses RFC 3339 date-times to instants truncated to the microsecond, exactly as
 * {@code OffsetDateTime.parse(text).toInstant().truncatedTo(MICROS)} does, but without the
 * formatter's cost for the shape every API timestamp has: {@code YYYY-MM-DDTHH:MM:SS}, an
 * optional fraction of 1 to 9 digits, then {@code Z} or {@code ±HH:MM}. Any other text goes
 * through {@link OffsetDateTime#parse}, so both accept and refuse the same texts. Thread-safe.
 */
final class Rfc3339 {

    private static final int SECONDS_PER_DAY = 86_400;

    private Rfc3339() {}

    /** @throws DateTimeParseException when the text is not an ISO offset date-time */
    static Instant parse(String text) {
        Instant fast = parseCommonShape(text);
        return fast != null
                ? fast
                : OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant, or null when the text is not of the common shape or not a valid date. */
    static Instant parseCommonShape(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int scale = 100_000_000;
            int fractionDigits = 0;
            for (i++; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
                fractionDigits++;
            }
            if (fractionDigits == 0 || fractionDigits > 9) {
                return null;
            }
        }
        int offsetSeconds = offset(s, i);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second
                - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos - nanos % 1_000);
    }

    /** Seconds east of UTC of {@code Z} or {@code ±HH:MM} ending the text at {@code i}. */
    private static int offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return 0;
        }
        if (i != n - 6 || s.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(i);
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59
                || hours > 18 || (hours == 18 && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
