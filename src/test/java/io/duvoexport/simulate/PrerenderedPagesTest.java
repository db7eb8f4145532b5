package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pages assembled from rows rendered ahead are byte for byte the pages rendered whole. */
class PrerenderedPagesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SimulatorSettings.Builder settings() {
        return SimulatorSettings.builder().seed(9).runs(1_200).days(20)
                .now(Instant.parse("2026-12-03T00:00:00Z")).rateLimit(RateLimit.off());
    }

    private static byte[] get(RunsSimulator sim, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v2/teams/"
                        + sim.teamId() + "/runs?" + query))
                .header("Authorization", "Bearer " + sim.apiKey()).build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void servesTheSameBytesAsRenderingEachPage() throws Exception {
        try (RunsSimulator live = RunsSimulator.start(settings().build());
                RunsSimulator ahead = RunsSimulator.start(settings().prerendered(true).build())) {
            for (String query : new String[] {"limit=100&offset=0&sort_order=asc",
                    "limit=100&offset=1150&sort_order=asc", "limit=7&offset=99&sort_order=desc",
                    "limit=100&status=failed", "limit=100&offset=5000"}) {
                assertThat(get(ahead, query)).as(query).isEqualTo(get(live, query));
            }
        }
    }

    @Test
    void rendersChangedRunsAsTheyAreNow() throws Exception {
        try (RunsSimulator live = RunsSimulator.start(settings().build());
                RunsSimulator ahead = RunsSimulator.start(settings().prerendered(true).build())) {
            String id = live.runs().get(0).id();
            live.update(id, run -> run.toBuilder().title("renamed").build());
            ahead.update(id, run -> run.toBuilder().title("renamed").build());

            String query = "limit=10&offset=0&sort_order=asc";
            assertThat(new String(get(ahead, query))).contains("renamed");
            assertThat(get(ahead, query)).isEqualTo(get(live, query));
        }
    }
}
