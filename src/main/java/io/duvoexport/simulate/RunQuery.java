package io.duvoexport.simulate;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated query of one list request: page window, order and filters. A null filter does
 * not filter. Filters combine with AND.
 */
record RunQuery(
        int limit,
        long offset,
        boolean descending,
        RunStatus status,
        String agentId,
        String userId,
        String caseQueueId,
        String source,
        String search,
        Boolean hasIssues,
        IssueSeverity issueSeverity,
        Instant since,
        String digestId) {

    /** Severities of failing rubrics, as {@code issue_severity} names them. */
    enum IssueSeverity {
        CRITICAL,
        MEDIUM,
        LOW;

        long countIn(SeverityCounts counts) {
            return switch (this) {
                case CRITICAL -> counts.critical();
                case MEDIUM -> counts.medium();
                case LOW -> counts.low();
            };
        }
    }

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_ECHO = 80;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * Parses a raw (still percent-encoded) query string; null or empty means all defaults.
     * Unknown parameters are ignored; empty {@code source} and {@code search} do not filter.
     *
     * @throws InvalidParameterException naming the first parameter at fault
     */
    static RunQuery parse(String rawQuery) {
        Map<String, String> params = single(decode(rawQuery));
        return new RunQuery(
                limit(params.get("limit")),
                offset(params.get("offset")),
                descending(params.get("sort_by"), params.get("sort_order")),
                status(params.get("status")),
                uuid("agent_id", params.get("agent_id")),
                uuid("user_id", params.get("user_id")),
                uuid("case_queue_id", params.get("case_queue_id")),
                emptyAsNull(params.get("source")),
                emptyAsNull(params.get("search")),
                hasIssues(params.get("has_issues")),
                issueSeverity(params.get("issue_severity")),
                since(params.get("since")),
                uuid("digest_id", params.get("digest_id")));
    }

    /** The same query for the page at {@code value}. */
    RunQuery withOffset(long value) {
        return new RunQuery(limit, value, descending, status, agentId, userId, caseQueueId, source,
                search, hasIssues, issueSeverity, since, digestId);
    }

    /** Whether no filter is set, so that total is the team's run count. */
    boolean isUnfiltered() {
        return status == null && agentId == null && userId == null && caseQueueId == null
                && source == null && search == null && hasIssues == null && issueSeverity == null
                && since == null && digestId == null;
    }

    /** Whether {@code run} passes every filter. */
    boolean matches(SimulatedRun run) {
        return (status == null || status == run.status())
                && (agentId == null || agentId.equals(run.agentId()))
                && (userId == null || userId.equals(run.userId()))
                && (caseQueueId == null || caseQueueId.equals(run.caseQueueId()))
                && (source == null || source.equals(run.source()))
                && (digestId == null || digestId.equals(run.digestId()))
                && (hasIssues == null || hasIssues == run.hasIssues())
                && (issueSeverity == null || hasFailingRubricOf(run, issueSeverity))
                && (since == null || completedSince(run, since))
                && (search == null || mentions(run, search));
    }

    private static boolean hasFailingRubricOf(SimulatedRun run, IssueSeverity severity) {
        SimulatedEvaluation evaluation = run.evaluation();
        return evaluation != null
                && evaluation.status() == EvaluationStatus.READY
                && evaluation.severityCounts() != null
                && severity.countIn(evaluation.severityCounts()) > 0;
    }

    private static boolean completedSince(SimulatedRun run, Instant since) {
        return run.completedAt() != null && !run.completedAt().isBefore(since);
    }

    private static boolean mentions(SimulatedRun run, String text) {
        return containsIgnoringCase(run.title(), text)
                || containsIgnoringCase(run.caseTitle(), text);
    }

    /**
     * Case-insensitive substring test with the per-char folding of
     * {@link String#regionMatches(boolean, int, String, int, int)}, without allocating.
     */
    static boolean containsIgnoringCase(String haystack, String needle) {
        if (haystack == null) {
            return false;
        }
        int length = needle.length();
        if (length == 0) {
            return true;
        }
        char first = fold(needle.charAt(0));
        int last = haystack.length() - length;
        for (int i = 0; i <= last; i++) {
            if (fold(haystack.charAt(i)) == first && sameFolded(haystack, i + 1, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFolded(String haystack, int from, String needle) {
        for (int k = 1; k < needle.length(); k++) {
            if (fold(haystack.charAt(from + k - 1)) != fold(needle.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static Map<String, List<String>> decode(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = percentDecoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : percentDecoded(pair.substring(equals + 1));
            params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String percentDecoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "query string has a malformed percent escape in " + echo(text));
        }
    }

    private static Map<String, String> single(Map<String, List<String>> params) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, list) -> {
            if (list.size() > 1) {
                throw new InvalidParameterException(
                        name + " must be given at most once, was given " + list.size() + " times");
            }
            values.put(name, list.get(0));
        });
        return values;
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        Long value = wholeNumber(text);
        if (value == null || value < 1 || value > MAX_LIMIT) {
            throw new InvalidParameterException(
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + echo(text));
        }
        return value.intValue();
    }

    private static long offset(String text) {
        if (text == null) {
            return 0;
        }
        Long value = wholeNumber(text);
        if (value == null || value < 0) {
            throw new InvalidParameterException(
                    "offset must be a whole number >= 0, was " + echo(text));
        }
        return value;
    }

    /** The number as a long (huge values saturate), or null when it is not a whole number. */
    private static Long wholeNumber(String text) {
        try {
            BigDecimal value = new BigDecimal(text.trim());
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                return null;
            }
            if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return Long.MAX_VALUE;
            }
            return value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
                    ? Long.MIN_VALUE
                    : value.longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean descending(String sortBy, String sortOrder) {
        if (sortBy != null && !sortBy.equals("created_at")) {
            throw new InvalidParameterException("sort_by must be created_at, was " + echo(sortBy));
        }
        if (sortOrder == null || sortOrder.equals("desc")) {
            return true;
        }
        if (sortOrder.equals("asc")) {
            return false;
        }
        throw new InvalidParameterException(
                "sort_order must be asc or desc, was " + echo(sortOrder));
    }

    private static RunStatus status(String text) {
        if (text == null) {
            return null;
        }
        return RunStatus.fromWireName(text).orElseThrow(() -> new InvalidParameterException(
                "status must be one of " + RunStatus.wireNames() + ", was " + echo(text)));
    }

    private static String uuid(String name, String text) {
        if (text == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new InvalidParameterException(name + " must be a uuid, was " + echo(text));
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static Boolean hasIssues(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw new InvalidParameterException("has_issues must be true or false, was " + echo(text));
    }

    private static IssueSeverity issueSeverity(String text) {
        if (text == null) {
            return null;
        }
        for (IssueSeverity severity : IssueSeverity.values()) {
            if (severity.name().toLowerCase(Locale.ROOT).equals(text)) {
                return severity;
            }
        }
        throw new InvalidParameterException(
                "issue_severity must be critical, medium or low, was " + echo(text));
    }

    private static Instant since(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(
                    "since must be an RFC 3339 date-time such as 2026-11-30T08:15:02Z, was "
                            + echo(text));
        }
    }

    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** The offending value, quoted and shortened, for an error message. */
    private static String echo(String text) {
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        return "\"" + shown + "\"";
    }
}
