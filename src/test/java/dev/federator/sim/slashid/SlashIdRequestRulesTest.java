package dev.federator.sim.slashid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Every body SlashID's published request schemas refuse is refused by the simulator with SlashID's 400 envelope. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlashIdRequestRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    SlashIdSimulator sim;
    String samlId;

    @BeforeAll
    void start() {
        sim = new SlashIdSimulator("org-1", "key-1").start();
        sim.insertOidc((com.fasterxml.jackson.databind.node.ObjectNode) JSON.createObjectNode()
                .put("client_id", "okta-cid").put("provider", "okta").put("label", "Corp"), "s3cret");
        samlId = send("POST", SlashIdSimulator.SAML, JSON.createObjectNode().put("idp_metadata_url",
                "https://idp.example.com/metadata")).body().path("result").path("id").asText();
    }

    @AfterAll
    void stop() { sim.close(); }

    Answer send(String method, String path, JsonNode body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                    .header("Content-Type", "application/json").header("SlashID-API-Key", "key-1")
                    .header("SlashID-OrgID", "org-1").header("SlashID-Required-Consistency", "local_region")
                    .header("SlashID-Required-Consistency-Timeout", "30")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> theSimulatorRefusesWhatSlashIdsSchemasRefuse() {
        Map<String, Function<JsonNode, Answer>> operations = Map.of(
                SlashIdSimulator.OIDC_CREATE, body -> send("POST", SlashIdSimulator.OIDC, body),
                SlashIdSimulator.OIDC_PATCH, body -> send("PATCH", SlashIdSimulator.OIDC + "/okta-cid", body),
                SlashIdSimulator.SAML_CREATE, body -> send("POST", SlashIdSimulator.SAML, body),
                SlashIdSimulator.SAML_PATCH, body -> send("PATCH", SlashIdSimulator.SAML + "/" + samlId, body));
        return RuleRefusals.tests(sim.rules(), operations, answer -> {
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(400);
            assertThat(answer.body().path("errors").path(0).path("httpcode").asInt()).isEqualTo(400);
            assertThat(answer.body().path("errors").path(0).path("message").asText()).isNotBlank();
        });
    }
}
