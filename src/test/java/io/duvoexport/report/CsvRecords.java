package io.duvoexport.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for tests: records end with CRLF, fields are separated by commas, a
 * quoted field may hold commas, line breaks and doubled quotes. An empty unquoted field reads as
 * null, an empty quoted one as "".
 */
public final class CsvRecords {

    private CsvRecords() {}

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            StringBuilder field = new StringBuilder();
            boolean quoted = text.charAt(i) == '"';
            i = quoted ? readQuoted(text, i + 1, field) : readPlain(text, i, field);
            record.add(!quoted && field.isEmpty() ? null : field.toString());
            if (i >= text.length()) {
                throw new IllegalArgumentException("the last record does not end with CRLF");
            } else if (text.startsWith("\r\n", i)) {
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (text.charAt(i) == ',') {
                i++;
            } else {
                throw new IllegalArgumentException("unexpected character at " + i + ": " + text);
            }
        }
        return records;
    }

    /** Reads up to the closing quote; returns the index after it. */
    private static int readQuoted(String text, int i, StringBuilder field) {
        while (true) {
            char c = text.charAt(i);
            if (c == '"' && text.startsWith("\"\"", i)) {
                field.append('"');
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                field.append(c);
                i++;
            }
        }
    }

    private static int readPlain(String text, int i, StringBuilder field) {
        while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
            if (text.charAt(i) == '"' || text.charAt(i) == '\n') {
                throw new IllegalArgumentException("unquoted field holds a quote or a line break"
                        + " at " + i + ": " + text);
            }
            field.append(text.charAt(i++));
        }
        return i;
    }
}
