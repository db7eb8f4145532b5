package io.duvoexport.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Refused requests get the right status and a JSON error body that says why. */
class ErrorResponsesTest {

    private static final String OTHER_TEAM = "00000000-0000-4000-8000-000000000000";

    private static RunsSimulator simulator;
    private static RunsApi api;

    @BeforeAll
    static void start() {
        simulator = RunsSimulator.start(TestTeams.team(200).build());
        api = new RunsApi(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Nested
    class InvalidParameters {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "limit=0                     | limit",
            "limit=101                   | limit",
            "limit=abc                   | limit",
            "limit=2.5                   | limit",
            "limit=                      | limit",
            "offset=-1                   | offset",
            "offset=ten                  | offset",
            "sort_by=updated_at          | sort_by",
            "sort_order=up               | sort_order",
            "sort_order=ASC              | sort_order",
            "status=done                 | status",
            "status=COMPLETED            | status",
            "agent_id=123                | agent_id",
            "user_id=not-a-uuid          | user_id",
            "case_queue_id=zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz | case_queue_id",
            "digest_id=1-2-3-4-5         | digest_id",
            "has_issues=yes              | has_issues",
            "has_issues=TRUE             | has_issues",
            "issue_severity=high         | issue_severity",
            "since=yesterday             | since",
            "since=2026-11-30            | since",
            "since=2026-11-30T08:15:02   | since",
            "limit=10&limit=20           | limit",
        })
        void answerBadRequestNamingTheParameter(String query, String parameter) {
            RunsApi.Reply reply = api.list(query);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("content-type")).startsWith("application/json");
            assertThat(reply.json().get("error").stringValue()).isEqualTo("invalid_parameter");
            assertThat(reply.json().get("message").stringValue()).startsWith(parameter + " ");
        }

        @Test
        void limitMessageStatesTheRange() {
            JsonNode body = api.list("limit=0").json();

            assertThat(body.get("message").stringValue())
                    .startsWith("limit must be between 1 and 100");
        }

        @Test
        void validEdgesAreAccepted() {
            assertThat(api.list("limit=1").status()).isEqualTo(200);
            assertThat(api.list("limit=100&offset=0").status()).isEqualTo(200);
            assertThat(api.list("since=2026-11-30T08:15:02.123456Z").status()).isEqualTo(200);
            assertThat(api.list("unknown_parameter=whatever").status()).isEqualTo(200);
        }
    }

    @Nested
    class Authentication {

        @Test
        void missingKeyIsUnauthorized() {
            RunsApi.Reply reply = api.get(api.runsPath(), null);

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("error").stringValue()).isEqualTo("unauthorized");
            assertThat(reply.json().get("message").stringValue()).contains("Authorization");
        }

        @Test
        void wrongKeyIsUnauthorized() {
            RunsApi.Reply reply = api.get(api.runsPath(), "dv_wrong_key");

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("error").stringValue()).isEqualTo("unauthorized");
        }

        @Test
        void otherSchemeIsUnauthorized() {
            RunsApi.Reply reply = api.send(request(api.runsPath())
                    .header("Authorization", "Basic " + simulator.apiKey()).GET().build());

            assertThat(reply.status()).isEqualTo(401);
        }

        @Test
        void keyIsCheckedBeforeParameters() {
            assertThat(api.get(api.runsPath() + "?limit=0", "dv_wrong_key").status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class Routing {

        @Test
        void unknownTeamIsNotFound() {
            RunsApi.Reply reply = api.get("/v2/teams/" + OTHER_TEAM + "/runs", simulator.apiKey());

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error").stringValue()).isEqualTo("not_found");
            assertThat(reply.json().get("message").stringValue()).contains(OTHER_TEAM);
        }

        @Test
        void otherPathsAreNotFound() {
            assertThat(api.get("/v2/teams/" + simulator.teamId(), simulator.apiKey()).status())
                    .isEqualTo(404);
            assertThat(api.get("/v1/teams/" + simulator.teamId() + "/runs", simulator.apiKey())
                    .status()).isEqualTo(404);
            assertThat(api.get("/", null).json().get("error").stringValue()).isEqualTo("not_found");
        }

        @Test
        void otherMethodsAreNotAllowed() {
            RunsApi.Reply reply = api.send(request(api.runsPath())
                    .header("Authorization", "Bearer " + simulator.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.header("allow")).isEqualTo("GET");
            assertThat(reply.json().get("error").stringValue()).isEqualTo("method_not_allowed");
        }
    }

    @Nested
    class InjectedFailures {

        @Test
        void queuedFailuresAnswerTheNextRequestsThenStop() {
            simulator.failNextRequests(2, 503);

            assertThat(api.list("").status()).isEqualTo(503);
            RunsApi.Reply second = api.list("");
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.json().get("error").stringValue()).isEqualTo("service_unavailable");
            assertThat(api.list("").status()).isEqualTo(200);
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path));
    }
}
