package dev.federator.sim.devrev;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** Every body DevRev's published request schemas refuse is refused by the simulator with DevRev's 400 envelope. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevRevRequestRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> SUBTYPES = Set.of("missing_required_field", "invalid_field", "invalid_enum_value",
            "unexpected_json_type", "value_not_permitted", "bad_request");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Creates go to an org of their own: at most five enterprise connections fit in one. */
    DevRevSimulator creates;
    DevRevSimulator others;
    final Map<String, String> idByType = new HashMap<>();
    String victim;

    @BeforeAll
    void start() {
        creates = new DevRevSimulator().withToken("admin").start();
        others = new DevRevSimulator().withToken("admin").start();
        for (String type : new String[] {"oidc", "okta", "waad", "google_apps", "samlp"}) {
            ObjectNode connection = JSON.createObjectNode().put("type", type).put("display_name", type)
                    .put("enabled", false);
            idByType.put(type, others.insertDirect(connection));
        }
        victim = others.insertDirect(JSON.createObjectNode().put("type", "oidc").put("display_name", "victim")
                .put("enabled", false));
    }

    @AfterAll
    void stop() {
        creates.close();
        others.close();
    }

    Answer post(DevRevSimulator sim, String operation, JsonNode body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                    + "/dev-orgs.auth-connections." + operation)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer admin").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule examples name their connection "ID": the one of the rule's type (or the one delete may remove). */
    Function<JsonNode, Answer> on(String operation, String id) {
        return body -> {
            JsonNode sent = body;
            if (body.path("id").asText().equals("ID")) {
                sent = ((ObjectNode) body.deepCopy()).put("id", id);
            }
            return post(others, operation, sent);
        };
    }

    Function<JsonNode, Answer> create() {
        return body -> {
            Answer answer = post(creates, "create", body);
            if (answer.status() == 201) {
                // Room for the next accepted create: new connections start disabled, so they can go at once.
                post(creates, "delete", JSON.createObjectNode().put("id",
                        answer.body().path("auth_connection").path("id").asText()));
            }
            return answer;
        };
    }

    @TestFactory
    Stream<DynamicTest> theSimulatorRefusesWhatDevRevsSchemasRefuse() {
        Map<String, Function<JsonNode, Answer>> operations = new HashMap<>();
        operations.put("dev-org-auth-connections-create", create());
        operations.put("dev-org-auth-connections-update", on("update", idByType.get("okta")));
        idByType.forEach((type, id) -> {
            operations.put("dev-org-auth-connections-create." + type, create());
            operations.put("dev-org-auth-connections-update." + type, on("update", id));
        });
        operations.put("dev-org-auth-connections-toggle", on("toggle", idByType.get("samlp")));
        operations.put("dev-org-auth-connections-get", on("get", idByType.get("okta")));
        operations.put("dev-org-auth-connections-delete", on("delete", victim));
        return RuleRefusals.tests(others.rules(), operations, answer -> {
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(400);
            assertThat(answer.body().path("type").asText()).isIn(SUBTYPES);
            assertThat(answer.body().path("message").asText()).isNotBlank();
            if (!answer.body().path("type").asText().equals("bad_request")) {
                assertThat(answer.body().path("field_name").asText()).isNotBlank();
            }
            if (answer.body().path("type").asText().equals("invalid_enum_value")) {
                assertThat(answer.body().path("allowed_values")).isNotEmpty();
            }
        });
    }
}
