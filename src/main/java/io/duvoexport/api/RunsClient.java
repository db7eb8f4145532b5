package io.duvoexport.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of {@code GET /v2/teams/{teamId}/runs}: one call, one page.
 *
 * <p>Transient faults (429, 408, 5xx, timeouts, resets, bodies that are not a complete page) are
 * retried under the {@link RetryPolicy}; each retry is logged at WARN with its reason and attempt
 * number and counted in {@link #stats()}. Client errors are not retried. Thread-safe: one instance
 * serves every worker of an export.
 */
public final class RunsClient {

    private static final Logger log = LoggerFactory.getLogger(RunsClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR_TEXT = 200;

    private final String runsUrl;
    private final String teamId;
    private final ApiKey apiKey;
    private final HttpClient http;
    private final Duration readTimeout;
    private final RetryPolicy retryPolicy;
    private final RequestPacer pacer;
    private final RunDecoder decoder;
    private final Sleeper sleeper;
    private final ClientStats stats = new ClientStats();

    /** Pauses the calling thread; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private RunsClient(Builder builder) {
        URI base = checkedBaseUrl(builder.baseUrl, builder.allowInsecureHttp);
        this.teamId = builder.teamId;
        this.runsUrl = stripTrailingSlash(base.toString()) + "/v2/teams/" + pathSegment(teamId)
                + "/runs";
        this.apiKey = builder.apiKey;
        this.readTimeout = builder.readTimeout;
        this.retryPolicy = builder.retryPolicy;
        this.pacer = builder.pacer;
        this.decoder = builder.decoder;
        this.sleeper = builder.sleeper;
        this.http = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .version("http".equals(base.getScheme())
                        ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                // the client's own tasks (reading a body into its array) are short and never
                // block: run where they arise, instead of handing each to a worker thread
                .executor(Runnable::run)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String teamId() {
        return teamId;
    }

    public ClientStats stats() {
        return stats;
    }

    /**
     * Fetches one page.
     *
     * @throws ApiException when the API refuses the request, or when transient faults outlast
     *     the retry policy
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public RunsPage fetch(RunsQuery query) throws InterruptedException {
        URI uri = URI.create(runsUrl + "?" + query.toQueryString());
        String target = "offset " + query.offset() + describeFilter(query);
        long deadline = System.nanoTime() + retryPolicy.deadline().toNanos();
        for (int attempt = 1; ; attempt++) {
            pacer.acquire();
            Attempt result = send(uri, query, deadline);
            if (result.page != null) {
                return result.page;
            }
            if (!result.retryable) {
                throw result.error;
            }
            Duration wait = retryPolicy.backoff(attempt, result.retryAfter);
            if (attempt >= retryPolicy.maxAttempts()) {
                throw unavailable(target, attempt, result, "");
            }
            if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                throw pastDeadline(target, attempt, result, wait);
            }
            stats.retried(result.reason);
            log.warn("page at {} attempt {}/{} failed: {}; retrying in {} ms", target, attempt,
                    retryPolicy.maxAttempts(), result.reason, wait.toMillis());
            sleeper.sleep(wait);
        }
    }

    private ApiException unavailable(String target, int attempt, Attempt result, String within) {
        return new ApiException(ApiException.Kind.UNAVAILABLE, result.httpStatus,
                "the API stayed unavailable for page at " + target + " after " + attempt
                        + " attempts" + within + " (last: " + result.reason + "); check "
                        + "DUVO_BASE_URL and the API's status, then re-run",
                result.error);
    }

    /** The next attempt would start after the request deadline. */
    private ApiException pastDeadline(String target, int attempt, Attempt result, Duration wait) {
        String deadline = DurationSetting.text(retryPolicy.deadline());
        String within = " within duvo.http.request-deadline (" + deadline + ")";
        if (result.retryAfter == null) {
            return unavailable(target, attempt, result, within);
        }
        return new ApiException(ApiException.Kind.UNAVAILABLE, result.httpStatus,
                "the API asked to retry page at " + target + " in " + wait.toSeconds()
                        + " s (retry-after, " + result.reason + ", attempt " + attempt
                        + "), past duvo.http.request-deadline (" + deadline
                        + ") for one request; re-run later, or raise duvo.http.request-deadline",
                result.error);
    }

    private Attempt send(URI uri, RunsQuery query, long deadline) throws InterruptedException {
        // no HttpRequest.timeout: on Java 17 it does not reliably bound the body; the watched
        // exchange bounds every silence of the response instead
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", apiKey.authorizationHeader())
                .header("Accept", "application/json")
                .GET()
                .build();
        stats.requestSent();
        HttpResponse<byte[]> response;
        try {
            response = WatchedExchange.send(http, request, readTimeout, deadline);
        } catch (HttpTimeoutException e) {
            return Attempt.transientFault("timeout", 0, null, e);
        } catch (ExecutionException e) {
            return failedExchange(e.getCause());
        }
        return interpret(response, query);
    }

    private static Attempt failedExchange(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return Attempt.transientFault("timeout", 0, null, cause);
        }
        if (cause instanceof ConnectException) {
            return Attempt.transientFault("connection refused", 0, null, cause);
        }
        if (cause instanceof IOException) {
            return Attempt.transientFault("connection reset", 0, null, cause);
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException("the HTTP exchange failed unexpectedly", cause);
    }

    private Attempt interpret(HttpResponse<byte[]> response, RunsQuery query) {
        int status = response.statusCode();
        RateLimit rateLimit = RateLimit.from(response.headers());
        pacer.observe(rateLimit, status == 429);
        if (status == 200) {
            return parsePage(response.body(), query, rateLimit);
        }
        if (status == 429) {
            stats.throttled();
        }
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = retryAfter(response).orElse(null);
            return Attempt.transientFault("HTTP " + status, status, retryAfter, null);
        }
        String apiText = errorText(response.body());
        if (status == 401 || status == 403) {
            return Attempt.refused(new ApiException(ApiException.Kind.ACCESS_DENIED, status,
                    "the API refused the key for team " + teamId + " (HTTP " + status + apiText
                            + "); check DUVO_API_KEY (or DUVO_API_KEY_FILE) and that the key "
                            + "belongs to DUVO_TEAM_ID", null));
        }
        if (status == 404) {
            return Attempt.refused(new ApiException(ApiException.Kind.REJECTED, status,
                    "the API does not know team " + teamId + " (HTTP 404" + apiText
                            + "); check DUVO_TEAM_ID and DUVO_BASE_URL", null));
        }
        return Attempt.refused(new ApiException(ApiException.Kind.REJECTED, status,
                "the API rejected the request (HTTP " + status + apiText
                        + "); check the duvo.filter.* settings", null));
    }

    private Attempt parsePage(byte[] body, RunsQuery query, RateLimit rateLimit) {
        RunsPage scanned = PageScanner.scan(body, query, rateLimit, decoder);
        if (scanned != null) {
            return Attempt.page(scanned);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return Attempt.transientFault("body is not complete JSON", 200, null, e);
        }
        JsonNode data = root == null ? null : root.get("data");
        JsonNode total = root == null ? null : root.get("total");
        if (data == null || !data.isArray() || total == null || !total.isNumber()
                || !total.canConvertToExactIntegral() || total.asLong() < 0) {
            return Attempt.transientFault("body is not a page of runs", 200, null, null);
        }
        List<JsonNode> runs = new ArrayList<>(data.size());
        data.forEach(runs::add);
        return Attempt.page(new RunsPage(query, runs, total.asLong(), rateLimit));
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").map(String::strip).flatMap(v -> {
            if (v.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** The API's error and message fields, shortened and on one line, or "" when absent. */
    private static String errorText(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return "";
            }
            String text = root.path("error").asString("") + " " + root.path("message").asString("");
            text = LogText.visible(text.strip(), MAX_ERROR_TEXT);
            return text.isEmpty() ? "" : ": " + text;
        } catch (JacksonException e) {
            return "";
        }
    }

    private static String describeFilter(RunsQuery query) {
        return query.filter().status() == null ? "" : " status " + query.filter().status().wireName();
    }

    private static URI checkedBaseUrl(String baseUrl, boolean allowInsecureHttp) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DUVO_BASE_URL is not a URL: " + baseUrl);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException(
                    "DUVO_BASE_URL must be an https:// URL, was " + baseUrl);
        }
        if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("DUVO_BASE_URL " + baseUrl
                    + " is plain http to a host other than loopback; use https, or set "
                    + "duvo.allow-insecure-http=true if you really mean it");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name other than localhost: do not resolve it to decide
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The outcome of one HTTP exchange: a page, a fault to retry, or a refusal. */
    private record Attempt(
            RunsPage page,
            boolean retryable,
            String reason,
            int httpStatus,
            Duration retryAfter,
            ApiException error) {

        static Attempt page(RunsPage page) {
            return new Attempt(page, false, null, 200, null, null);
        }

        static Attempt transientFault(String reason, int status, Duration retryAfter, Throwable e) {
            ApiException error = new ApiException(
                    ApiException.Kind.UNAVAILABLE, status, "transient fault: " + reason, e);
            return new Attempt(null, true, reason, status, retryAfter, error);
        }

        static Attempt refused(ApiException error) {
            return new Attempt(null, false, null, error.httpStatus(), null, error);
        }
    }

    /** Settings of a client; every one but the base URL, team and key has a default. */
    public static final class Builder {
        private String baseUrl = "https://api.duvo.ai";
        private String teamId;
        private ApiKey apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private RequestPacer pacer = RequestPacer.UNPACED;
        private RunDecoder decoder;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private boolean allowInsecureHttp;

        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        public Builder teamId(String value) {
            this.teamId = value;
            return this;
        }

        public Builder apiKey(ApiKey value) {
            this.apiKey = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * The longest silence allowed while a response arrives: from sending the request to its
         * headers, and between parts of its body; a response that goes silent longer is aborted
         * and retried as a timeout. Default 60 s.
         */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = value;
            return this;
        }

        public Builder pacer(RequestPacer value) {
            this.pacer = value;
            return this;
        }

        /** Decodes each run while its page is read; none by default. */
        public Builder runDecoder(RunDecoder value) {
            this.decoder = value;
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** Allows {@code http://} to a host other than loopback; off by default. */
        public Builder allowInsecureHttp(boolean value) {
            this.allowInsecureHttp = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is missing or invalid */
        public RunsClient build() {
            if (teamId == null || teamId.isBlank()) {
                throw new IllegalArgumentException("DUVO_TEAM_ID is not set");
            }
            if (apiKey == null) {
                throw new IllegalArgumentException("DUVO_API_KEY is not set");
            }
            return new RunsClient(this);
        }
    }
}
