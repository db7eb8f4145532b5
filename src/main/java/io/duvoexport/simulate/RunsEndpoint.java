package io.duvoexport.simulate;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers every request to the simulator: {@code GET /v2/teams/{teamId}/runs} and the errors
 * around it. Checks run in this order: latency, a slow-response fault, rate limit (per
 * presented credential), drift, queued failures, faults that replace the answer, route (404),
 * method (405), bearer key (401), team (404), query (400); a page of runs then goes through the
 * faults that distort pages. Every answer carries the rate-limit headers while a limit is set.
 * Thread-safe.
 */
final class RunsEndpoint implements HttpHandler {

    private static final Pattern RUNS_PATH = Pattern.compile("/v2/teams/([^/]+)/runs");
    private static final String BEARER = "bearer ";

    private final SimulatorSettings settings;
    private final RunStore store;
    private final FixedWindowRateLimiter limiter;
    private final RequestJournal journal;
    private final InjectedFailures failures;
    private final FaultInjector injector;
    private final Consumer<RequestFaults> drift;
    private final FaultAnswers faultAnswers;

    /** @param drift applies one {@link Fault#DRIFT} batch to the data */
    RunsEndpoint(SimulatorSettings settings, RunStore store, RequestJournal journal,
            InjectedFailures failures, FaultInjector injector, Consumer<RequestFaults> drift) {
        this.settings = settings;
        this.store = store;
        this.limiter = new FixedWindowRateLimiter(settings.rateLimit(), settings.clock());
        this.journal = journal;
        this.failures = failures;
        this.injector = injector;
        this.drift = drift;
        this.faultAnswers = new FaultAnswers(settings, settings.prerendered()
                ? new RunJson(settings.statusInPayload(), store.table().runs())
                : new RunJson(settings.statusInPayload()));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        RequestFaults faults = injector.arrive();
        try {
            pause(settings.latency());
            holdBack(faults);
            Answer answer = answer(exchange, faults);
            if (answer.delivery() != Answer.Delivery.NOTHING) {
                // recorded before sending, so a client that has its answer finds it counted
                URI uri = exchange.getRequestURI();
                journal.record(new ServedRequest(exchange.getRequestMethod(), uri.getRawPath(),
                        uri.getRawQuery(), answer.status()));
            }
            send(exchange, answer, faults.plan().slowResponseDelay());
        } finally {
            exchange.close();
        }
    }

    private static void holdBack(RequestFaults faults) {
        if (faults.fires(Fault.SLOW_RESPONSE)) {
            Duration delay = faults.plan().slowResponseDelay();
            faults.injected(Fault.SLOW_RESPONSE, "held back " + delay.toMillis() + " ms");
            pause(delay);
        }
    }

    private Answer answer(HttpExchange exchange, RequestFaults faults) {
        String credential = exchange.getRequestHeaders().getFirst("Authorization");
        if (!limiter.enabled()) {
            return guarded(exchange, credential, faults);
        }
        FixedWindowRateLimiter.Verdict verdict =
                limiter.acquire(credential == null ? "" : credential);
        Answer answer = verdict.allowed()
                ? guarded(exchange, credential, faults)
                : tooManyRequests(verdict);
        return answer.withHeader("x-ratelimit-limit", Integer.toString(verdict.limit()))
                .withHeader("x-ratelimit-remaining", Integer.toString(verdict.remaining()))
                .withHeader("x-ratelimit-reset", Long.toString(verdict.resetEpochSeconds()));
    }

    /** The answer, turning any unexpected failure into a 500 rather than a dropped connection. */
    private Answer guarded(HttpExchange exchange, String credential, RequestFaults faults) {
        try {
            return route(exchange, credential, faults);
        } catch (RuntimeException e) {
            return Answer.error(500, "internal_error", "unexpected failure: " + e);
        }
    }

    private Answer route(HttpExchange exchange, String credential, RequestFaults faults) {
        if (faults.fires(Fault.DRIFT)) {
            drift.accept(faults);
        }
        int injected = failures.take();
        if (injected != 0) {
            return Answer.error(injected, errorCode(injected), "injected failure " + injected);
        }
        Fault replacement = faults.replacement();
        if (replacement != null) {
            return faultAnswers.replacing(replacement, faults);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Matcher runsPath = RUNS_PATH.matcher(path);
        if (!runsPath.matches()) {
            return Answer.error(404, "not_found", "no such endpoint: " + method + " " + path);
        }
        if (!method.equals("GET")) {
            return Answer.error(405, "method_not_allowed",
                            method + " is not allowed on " + path + "; use GET")
                    .withHeader("Allow", "GET");
        }
        String authProblem = authProblem(credential);
        if (authProblem != null) {
            return Answer.error(401, "unauthorized", authProblem)
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String teamId = URLDecoder.decode(runsPath.group(1), StandardCharsets.UTF_8);
        if (!teamId.equalsIgnoreCase(settings.teamId())) {
            return Answer.error(404, "not_found", "team " + teamId + " does not exist");
        }
        return listRuns(exchange.getRequestURI().getRawQuery(), faults);
    }

    private Answer listRuns(String rawQuery, RequestFaults faults) {
        RunQuery query;
        try {
            query = RunQuery.parse(rawQuery);
        } catch (InvalidParameterException e) {
            return Answer.error(400, "invalid_parameter", e.getMessage());
        }
        return faultAnswers.page(store.table(), query, faults);
    }

    /** Why the Authorization header is refused, or null when it carries the team's key. */
    private String authProblem(String credential) {
        if (credential == null || credential.isBlank()) {
            return "missing Authorization header; send Authorization: Bearer <API key>";
        }
        if (!credential.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return "Authorization must use the Bearer scheme";
        }
        String key = credential.substring(BEARER.length()).trim();
        return key.equals(settings.apiKey()) ? null : "the API key is not valid";
    }

    private Answer tooManyRequests(FixedWindowRateLimiter.Verdict verdict) {
        RateLimit limit = settings.rateLimit();
        String message = "rate limit of " + limit.requests() + " requests per "
                + limit.window().toMillis() + " ms exceeded; retry after "
                + verdict.retryAfterSeconds() + " s";
        return Answer.error(429, "rate_limited", message)
                .withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the answer as its delivery says. A dropped answer writes nothing: closing the
     * exchange then closes the connection. A cut-short answer ends in an {@code IOException}, on
     * which the server closes the connection with the body incomplete. A stalled answer stops
     * part way for {@code stall}, then sends the rest (if the client is still there).
     */
    private static void send(HttpExchange exchange, Answer answer, Duration stall)
            throws IOException {
        if (answer.delivery() == Answer.Delivery.NOTHING) {
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach(headers::set);
        boolean chunked = answer.delivery() == Answer.Delivery.CHUNKED;
        exchange.sendResponseHeaders(answer.status(), chunked ? 0 : answer.body().length);
        OutputStream body = exchange.getResponseBody();
        if (answer.delivery() == Answer.Delivery.CUT_SHORT) {
            body.write(answer.body(), 0, answer.sentBytes());
            body.flush();
            throw new IOException("connection closed after " + answer.sentBytes() + " of "
                    + answer.body().length + " bytes, as a fault");
        }
        try (body) {
            if (answer.delivery() == Answer.Delivery.STALLED) {
                body.write(answer.body(), 0, answer.sentBytes());
                body.flush();
                pause(stall);
                body.write(answer.body(), answer.sentBytes(),
                        answer.body().length - answer.sentBytes());
            } else {
                body.write(answer.body());
            }
        }
    }
}
