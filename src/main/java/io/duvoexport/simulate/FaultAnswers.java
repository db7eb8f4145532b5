package io.duvoexport.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What faults make of an answer: the answers that replace it (error statuses, proxy pages, a
 * dropped connection) and the distortions of a page of runs (duplicated rows, a wrong total, bad
 * rows, a truncated or stalled body). Each injection is recorded on the request's
 * {@link RequestFaults}. Thread-safe.
 */
final class FaultAnswers {

    /** IMF-fixdate of RFC 9110, e.g. {@code Wed, 03 Dec 2026 10:15:30 GMT}. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static final String PROXY_PAGE = """
            <!DOCTYPE html>
            <html>
            <head><title>%1$d %2$s</title></head>
            <body>
            <h1>%2$s</h1>
            <p>%3$s</p>
            <hr><address>edge proxy</address>
            </body>
            </html>
            """;
    private static final String MAINTENANCE_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Down for maintenance</title></head>
            <body>
            <h1>We will be back shortly</h1>
            <p>Duvo is undergoing scheduled maintenance. Please try again in a few minutes.</p>
            </body>
            </html>
            """;

    private final String teamId;
    private final Clock clock;
    private final RunJson json;

    FaultAnswers(SimulatorSettings settings, RunJson json) {
        this.teamId = settings.teamId();
        this.clock = settings.clock();
        this.json = json;
    }

    /** The answer {@code fault}, one of those that {@link Fault#replacesAnswer()}, gives. */
    Answer replacing(Fault fault, RequestFaults faults) {
        Answer answer = switch (fault) {
            case KEY_REVOKED -> Answer.error(401, "unauthorized", "the API key has been revoked")
                    .withHeader("WWW-Authenticate", "Bearer");
            case FORBIDDEN -> Answer.error(403, "forbidden",
                    "the API key has no access to team " + teamId);
            case CONNECTION_RESET -> Answer.dropped();
            case INTERNAL_ERROR -> Answer.error(500, "internal_error",
                    "an unexpected error occurred");
            case BAD_GATEWAY -> Answer.error(502, "bad_gateway",
                    "the upstream service sent an invalid response");
            case BAD_GATEWAY_HTML -> Answer.html(502, proxyPage(502, "Bad Gateway",
                    "The proxy received an invalid response from the upstream server."));
            case SERVICE_UNAVAILABLE -> Answer.error(503, "service_unavailable",
                    "the service is temporarily unavailable");
            case GATEWAY_TIMEOUT -> Answer.error(504, "gateway_timeout",
                    "the upstream service did not answer in time");
            case GATEWAY_TIMEOUT_HTML -> Answer.html(504, proxyPage(504, "Gateway Timeout",
                    "The upstream server did not answer the proxy in time."));
            case RATE_LIMITED -> tooManyRequests(
                    Long.toString(faults.plan().retryAfter().getSeconds()));
            case RATE_LIMITED_DATE -> tooManyRequests(httpDate(
                    clock.instant().plus(faults.plan().retryAfter())));
            case RATE_LIMITED_ZERO -> tooManyRequests("0");
            case HTML_PAGE -> Answer.html(200, MAINTENANCE_PAGE);
            default -> throw new IllegalArgumentException(fault + " does not replace an answer");
        };
        faults.injected(fault, describe(answer));
        return answer;
    }

    /** The page {@code query} asks for, as this request's faults distort it. */
    Answer page(RunTable table, RunQuery query, RequestFaults faults) {
        RunTable.RunPage page = table.page(query);
        if (faults.plan().isEmpty()) {
            return Answer.json(200, json.page(page));
        }
        page = duplicated(table, query, page, faults);
        long total = wrongTotal(page.total(), faults);
        Map<SimulatedRun, BadRow> defects = badRows(page, faults);
        byte[] body = json.page(new RunTable.RunPage(page.rows(), total), defects::get);
        return truncated(Answer.json(200, body), faults);
    }

    /** The page {@link FaultPlan#duplicatedRows()} earlier, when the fault fires and can. */
    private static RunTable.RunPage duplicated(RunTable table, RunQuery query,
            RunTable.RunPage page, RequestFaults faults) {
        long repeated = Math.min(faults.plan().duplicatedRows(), query.offset());
        if (repeated == 0 || !faults.fires(Fault.DUPLICATE_ROWS)) {
            return page;
        }
        long from = query.offset() - repeated;
        RunTable.RunPage earlier = table.page(query.withOffset(from));
        if (earlier.rows().isEmpty()) {
            return page;
        }
        faults.injected(Fault.DUPLICATE_ROWS,
                "offset " + query.offset() + " served from offset " + from);
        return earlier;
    }

    private static long wrongTotal(long total, RequestFaults faults) {
        if (!faults.fires(Fault.WRONG_TOTAL)) {
            return total;
        }
        SplittableRandom random = faults.random(Fault.WRONG_TOTAL);
        long error = 1 + random.nextInt(faults.plan().totalError());
        long reported = random.nextBoolean() || total < error ? total + error : total - error;
        faults.injected(Fault.WRONG_TOTAL, "total " + total + " reported as " + reported);
        return reported;
    }

    private static Map<SimulatedRun, BadRow> badRows(RunTable.RunPage page,
            RequestFaults faults) {
        Map<SimulatedRun, BadRow> defects = new IdentityHashMap<>();
        if (!faults.fires(Fault.BAD_ROWS)) {
            return defects;
        }
        for (SimulatedRun run : page.rows()) {
            BadRow defect = faults.badRow(run);
            if (defect != null) {
                defects.put(run, defect);
            }
        }
        if (!defects.isEmpty()) {
            faults.injected(Fault.BAD_ROWS, defects.size() + " bad rows");
        }
        return defects;
    }

    /**
     * The answer cut within the middle half of its body when a truncation fires, or else
     * stalled there when {@link Fault#STALLED_BODY} fires.
     */
    private static Answer truncated(Answer answer, RequestFaults faults) {
        int length = answer.body().length;
        if (faults.fires(Fault.TRUNCATED_LENGTH)) {
            int cut = cutPoint(length, faults.random(Fault.TRUNCATED_LENGTH));
            faults.injected(Fault.TRUNCATED_LENGTH,
                    "sent " + cut + " of " + length + " bytes, then closed the connection");
            return answer.cutShort(cut);
        }
        if (faults.fires(Fault.TRUNCATED_JSON)) {
            int cut = cutPoint(length, faults.random(Fault.TRUNCATED_JSON));
            faults.injected(Fault.TRUNCATED_JSON, "sent " + cut + " of " + length + " bytes");
            return answer.truncatedChunked(cut);
        }
        if (faults.fires(Fault.STALLED_BODY)) {
            int cut = cutPoint(length, faults.random(Fault.STALLED_BODY));
            faults.injected(Fault.STALLED_BODY, "sent " + cut + " of " + length
                    + " bytes, then stalled " + faults.plan().slowResponseDelay().toMillis()
                    + " ms");
            return answer.stalled(cut);
        }
        return answer;
    }

    private static int cutPoint(int length, SplittableRandom random) {
        return length / 4 + random.nextInt(Math.max(1, length / 2));
    }

    private Answer tooManyRequests(String retryAfter) {
        return Answer.error(429, "rate_limited", "too many requests; retry after " + retryAfter)
                .withHeader("retry-after", retryAfter);
    }

    /** {@code instant} as an HTTP date, rounded up to the next whole second. */
    static String httpDate(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return HTTP_DATE.format(seconds.equals(instant) ? seconds : seconds.plusSeconds(1));
    }

    private static String proxyPage(int status, String reason, String explanation) {
        return PROXY_PAGE.formatted(status, reason, explanation);
    }

    private static String describe(Answer answer) {
        if (answer.delivery() == Answer.Delivery.NOTHING) {
            return "connection closed before the status line";
        }
        String retryAfter = answer.headers().get("retry-after");
        String type = answer.headers().getOrDefault("Content-Type", "application/json");
        return answer.status() + " " + type.replace("; charset=utf-8", "")
                + (retryAfter == null ? "" : ", retry-after: " + retryAfter);
    }
}
