package dev.federator.sim.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.RuleRefusals;
import dev.federator.sim.RuleRefusals.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** Every body Auth0's published request schemas refuse is refused by the simulator with Auth0's payload 400. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Auth0RequestRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Auth0Simulator sim;
    String token;
    String id;

    @BeforeAll
    void start() throws Exception {
        sim = new Auth0Simulator("t.auth0.com").withClient("all", "a", Auth0Simulator.ALL_SCOPES)
                .withApplication("app-1").withApplication("app-2").start();
        token = JSON.readTree(send("POST", "/oauth/token", JSON.createObjectNode().put("grant_type",
                "client_credentials").put("client_id", "all").put("client_secret", "a")
                .put("audience", "https://t.auth0.com/api/v2/")).body().toString()).path("access_token").asText();
        ObjectNode existing = JSON.createObjectNode().put("name", "existing").put("strategy", "oidc");
        existing.putObject("options").put("client_id", "abc");
        id = sim.putDirect(existing).path("id").asText();
    }

    @AfterAll
    void stop() { sim.close(); }

    Answer send(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> theSimulatorRefusesWhatAuth0sSchemasRefuse() {
        Map<String, Function<JsonNode, Answer>> operations = Map.of(
                "post_connections", body -> send("POST", "/api/v2/connections", body),
                "patch_connections_by_id", body -> send("PATCH", "/api/v2/connections/" + id, body),
                "patch_clients", body -> send("PATCH", "/api/v2/connections/" + id + "/clients", body));
        return RuleRefusals.tests(sim.rules(), operations, answer -> {
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(400);
            assertThat(answer.body().path("statusCode").asInt()).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("Bad Request");
            assertThat(answer.body().path("errorCode").asText()).isEqualTo("invalid_body");
            assertThat(answer.body().path("message").asText()).startsWith("Payload validation error: '");
        });
    }
}
