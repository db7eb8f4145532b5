package io.duvoexport.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The faults the simulator can inject, each switched on by a {@link Trigger} in a
 * {@link FaultPlan}. Every fault is something the real API, or a proxy in front of it, could
 * send.
 *
 * <p>Faults that replace the answer (from {@link #KEY_REVOKED} to {@link #HTML_PAGE}) are
 * checked after the rate limit let the request through and before anything else; when several
 * fire on one request, the first in declaration order wins. Faults that shape a page (from
 * {@link #TRUNCATED_LENGTH} to {@link #BAD_ROWS}) apply only to a {@code 200} page of runs and
 * combine with each other, except that the two truncations exclude each other.
 * {@link #SLOW_RESPONSE} and {@link #DRIFT} apply to any request (drift once the rate limit let
 * it through) and combine with everything. {@link #STALLED_BODY} shapes a page too and gives way
 * to the truncations; it comes last, so the draws of the faults before it do not depend on it.
 */
public enum Fault {

    /** {@code 401 unauthorized}: the key was revoked; with {@link Trigger#always()} for good. */
    KEY_REVOKED,
    /** {@code 403 forbidden}: the key lost access to the team. */
    FORBIDDEN,
    /**
     * The connection closes before a single byte of the answer. {@code java.net.http.HttpClient}
     * silently retries a GET once when that happens, so it throws an {@code IOException} ("HTTP/1.1
     * header parser received no bytes") only when its retry is cut off too: schedule two requests
     * in a row, e.g. {@code Trigger.next(2)}.
     */
    CONNECTION_RESET,
    /** {@code 500} with a JSON error body. */
    INTERNAL_ERROR,
    /** {@code 502} with a JSON error body. */
    BAD_GATEWAY,
    /** {@code 502} with the HTML page of a proxy ({@code text/html}). */
    BAD_GATEWAY_HTML,
    /** {@code 503} with a JSON error body; with {@link Trigger#always()} a permanent outage. */
    SERVICE_UNAVAILABLE,
    /** {@code 504} with a JSON error body. */
    GATEWAY_TIMEOUT,
    /** {@code 504} with the HTML page of a proxy ({@code text/html}). */
    GATEWAY_TIMEOUT_HTML,
    /** {@code 429} with {@code retry-after} in whole seconds ({@link FaultPlan#retryAfter()}). */
    RATE_LIMITED,
    /**
     * {@code 429} with {@code retry-after} as an HTTP date, e.g.
     * {@code Wed, 03 Dec 2026 10:15:30 GMT}: the settings' clock plus
     * {@link FaultPlan#retryAfter()}, rounded up to the second.
     */
    RATE_LIMITED_DATE,
    /** {@code 429} with {@code retry-after: 0}. */
    RATE_LIMITED_ZERO,
    /** {@code 200} with an HTML maintenance page ({@code text/html}) instead of JSON. */
    HTML_PAGE,

    /**
     * A page whose headers declare its full {@code Content-Length} but whose body stops part way
     * and whose connection then closes: the client sees an {@code IOException}.
     */
    TRUNCATED_LENGTH,
    /**
     * A page sent in full with chunked transfer, but whose JSON text is cut part way: the
     * transfer succeeds and the body does not parse.
     */
    TRUNCATED_JSON,
    /**
     * A page whose {@code total} is off by 1 to {@link FaultPlan#totalError()}, up or down,
     * drawn anew on each request; the rows are right.
     */
    WRONG_TOTAL,
    /**
     * A page cut {@link FaultPlan#duplicatedRows()} rows earlier than asked, as an insertion at
     * the head of the order would make it: it starts with the last rows of the page before and,
     * holding {@code limit} rows, leaves out as many rows at its end. Pages at offset 0 are left
     * alone. The data does not change.
     */
    DUPLICATE_ROWS,
    /**
     * Rows with a defect ({@link BadRow}) for a share of the runs
     * ({@link FaultPlan#badRowChance()}), chosen by run id: the same runs are bad on every
     * request that this fault fires on. {@link RunsSimulator#badRows()} tells which.
     */
    BAD_ROWS,

    /** The answer waits {@link FaultPlan#slowResponseDelay()} (on top of any latency). */
    SLOW_RESPONSE,
    /**
     * Before the request is answered (once the rate limit let it through), the data drifts:
     * {@link FaultPlan#driftBatch()} runs are deleted, as many change, and as many are inserted
     * as the newest. See {@link RunsSimulator#driftMutations()}.
     */
    DRIFT,
    /**
     * A page whose status line, headers (with the full {@code Content-Length}) and first part
     * arrive at once, after which the body stops for {@link FaultPlan#slowResponseDelay()}
     * before the rest follows: only a client that bounds the read of the body, not just the wait
     * for the headers, notices. Does not fire on a page that a truncation cuts.
     */
    STALLED_BODY;

    /** The fault's name on the command line, e.g. {@code connection-reset}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The fault named {@code name} on the command line.
     *
     * @throws IllegalArgumentException listing the names when none matches
     */
    public static Fault fromFlagName(String name) {
        return Arrays.stream(values())
                .filter(fault -> fault.flagName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown fault " + name + "; one of " + flagNames()));
    }

    /** Every command-line name, comma separated, in declaration order. */
    static String flagNames() {
        return Arrays.stream(values()).map(Fault::flagName).collect(Collectors.joining(", "));
    }

    /** Whether the fault replaces the whole answer, whatever was asked. */
    boolean replacesAnswer() {
        return ordinal() <= HTML_PAGE.ordinal();
    }
}
