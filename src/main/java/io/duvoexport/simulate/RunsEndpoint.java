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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers every request to the simulator: {@code GET /v2/teams/{teamId}/runs} and the errors
 * around it. Checks run in this order: latency, rate limit (per presented credential), injected
 * failures, route (404), method (405), bearer key (401), team (404), query (400). Every answer
 * carries the rate-limit headers while a limit is set. Thread-safe.
 */
final class RunsEndpoint implements HttpHandler {

    private static final Pattern RUNS_PATH = Pattern.compile("/v2/teams/([^/]+)/runs");
    private static final String BEARER = "bearer ";

    private final SimulatorSettings settings;
    private final RunStore store;
    private final FixedWindowRateLimiter limiter;
    private final RequestJournal journal;
    private final InjectedFailures failures;
    private final RunJson json;

    RunsEndpoint(SimulatorSettings settings, RunStore store, RequestJournal journal,
            InjectedFailures failures) {
        this.settings = settings;
        this.store = store;
        this.limiter = new FixedWindowRateLimiter(settings.rateLimit(), settings.clock());
        this.journal = journal;
        this.failures = failures;
        this.json = new RunJson(settings.statusInPayload());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            pause(settings.latency());
            Answer answer = answer(exchange);
            // recorded before sending, so a client that has its answer finds it counted
            URI uri = exchange.getRequestURI();
            journal.record(new ServedRequest(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery(), answer.status()));
            send(exchange, answer);
        } finally {
            exchange.close();
        }
    }

    private Answer answer(HttpExchange exchange) {
        String credential = exchange.getRequestHeaders().getFirst("Authorization");
        if (!limiter.enabled()) {
            return guarded(exchange, credential);
        }
        FixedWindowRateLimiter.Verdict verdict =
                limiter.acquire(credential == null ? "" : credential);
        Answer answer = verdict.allowed()
                ? guarded(exchange, credential)
                : tooManyRequests(verdict);
        return answer.withHeader("x-ratelimit-limit", Integer.toString(verdict.limit()))
                .withHeader("x-ratelimit-remaining", Integer.toString(verdict.remaining()))
                .withHeader("x-ratelimit-reset", Long.toString(verdict.resetEpochSeconds()));
    }

    /** The answer, turning any unexpected failure into a 500 rather than a dropped connection. */
    private Answer guarded(HttpExchange exchange, String credential) {
        try {
            return route(exchange, credential);
        } catch (RuntimeException e) {
            return Answer.error(500, "internal_error", "unexpected failure: " + e);
        }
    }

    private Answer route(HttpExchange exchange, String credential) {
        int injected = failures.take();
        if (injected != 0) {
            return Answer.error(injected, errorCode(injected), "injected failure " + injected);
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
        return listRuns(exchange.getRequestURI().getRawQuery());
    }

    private Answer listRuns(String rawQuery) {
        RunQuery query;
        try {
            query = RunQuery.parse(rawQuery);
        } catch (InvalidParameterException e) {
            return Answer.error(400, "invalid_parameter", e.getMessage());
        }
        return new Answer(200, json.page(store.table().page(query)), new LinkedHashMap<>());
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

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach(headers::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(answer.body());
        }
    }

    /** A response before it is sent. */
    private record Answer(int status, byte[] body, Map<String, String> headers) {

        static Answer error(int status, String error, String message) {
            return new Answer(status, RunJson.error(error, message), new LinkedHashMap<>());
        }

        Answer withHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }
}
