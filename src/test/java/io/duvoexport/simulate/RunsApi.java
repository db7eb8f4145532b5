package io.duvoexport.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of a running simulator, for tests. */
final class RunsApi {

    static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final RunsSimulator simulator;

    RunsApi(RunsSimulator simulator) {
        this.simulator = simulator;
    }

    /** The runs path of the simulator's team. */
    String runsPath() {
        return "/v2/teams/" + simulator.teamId() + "/runs";
    }

    /** GET of the team's runs with this raw query (may be empty), with the right key. */
    Reply list(String query) {
        return get(runsPath() + (query.isEmpty() ? "" : "?" + query), simulator.apiKey());
    }

    /**
     * GET of the team's runs that gives up after {@code timeout}.
     *
     * @throws UncheckedIOException wrapping the client's {@code HttpTimeoutException}
     */
    Reply list(String query, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + runsPath()
                        + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + simulator.apiKey())
                .timeout(timeout).GET().build());
    }

    /** GET of {@code pathAndQuery} with {@code Authorization: Bearer <key>}, or none if null. */
    Reply get(String pathAndQuery, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + pathAndQuery));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.GET().build());
    }

    /** GET of an absolute URL with a bearer key, outside any simulator handle. */
    static Reply getRaw(String url, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).GET().build();
        return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), request);
    }

    Reply send(HttpRequest request) {
        return send(http, request);
    }

    private static Reply send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> response =
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every row matching {@code filters} (a raw query, may be empty), paging at 100. */
    List<JsonNode> all(String filters, String order) {
        List<JsonNode> rows = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int offset = 0; offset < total; offset += 100) {
            String query = "limit=100&offset=" + offset + "&sort_order=" + order
                    + (filters.isEmpty() ? "" : "&" + filters);
            Reply reply = list(query);
            if (reply.status() != 200) {
                throw new AssertionError("GET " + query + " answered " + reply.status() + ": "
                        + reply.text());
            }
            total = reply.json().get("total").asLong();
            reply.json().get("data").forEach(rows::add);
        }
        return rows;
    }

    /** Ids of every run matching {@code filters}, in ascending order. */
    List<String> ids(String filters) {
        return all(filters, "asc").stream().map(row -> row.get("id").asString()).toList();
    }

    /** One response. */
    record Reply(HttpResponse<byte[]> response) {

        int status() {
            return response.statusCode();
        }

        byte[] body() {
            return response.body();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
