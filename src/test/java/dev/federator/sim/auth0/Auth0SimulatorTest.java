package dev.federator.sim.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sim.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own contract, over raw HTTP: what a careless client would get wrong must show. */
class Auth0SimulatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Auth0Simulator sim;

    @BeforeEach
    void start() {
        sim = new Auth0Simulator("t.auth0.com").withClient("all", "a", Auth0Simulator.ALL_SCOPES)
                .withClient("ro", "r", List.of("read:connections")).start();
    }

    @AfterEach
    void stop() { sim.close(); }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String token(String id, String secret, String audience) throws Exception {
        HttpResponse<String> r = call("POST", "/oauth/token", null, "{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"" + id + "\",\"client_secret\":\"" + secret + "\",\"audience\":\"" + audience + "\"}");
        return JSON.readTree(r.body()).path("access_token").asText(null);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception { return JSON.readTree(r.body()); }

    @Test
    void tokensNeedTheRightSecretAndAudienceAndCarryScopes() throws Exception {
        assertThat(token("all", "wrong", "https://t.auth0.com/api/v2/")).isNull();
        assertThat(token("all", "a", "https://other.auth0.com/api/v2/")).isNull();
        assertThat(call("GET", "/api/v2/connections", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v2/connections", "forged", null).statusCode()).isEqualTo(401);
        String ro = token("ro", "r", "https://t.auth0.com/api/v2/");
        HttpResponse<String> denied = call("POST", "/api/v2/connections", ro, "{\"name\":\"a\",\"strategy\":\"oidc\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).path("errorCode").asText()).isEqualTo("insufficient_scope");
        assertThat(json(denied).path("message").asText()).contains("create:connections");
        assertThat(json(denied).path("statusCode").asInt()).isEqualTo(403);
        assertThat(json(denied).path("error").asText()).isEqualTo("Forbidden");
    }

    @Test
    void namesConflictsOptionsScopeAndPatchReplacement() throws Exception {
        String all = token("all", "a", "https://t.auth0.com/api/v2/");
        assertThat(call("POST", "/api/v2/connections", all, "{\"name\":\"a_b\",\"strategy\":\"oidc\"}").statusCode())
                .isEqualTo(400);
        String body = "{\"name\":\"corp\",\"strategy\":\"oidc\",\"options\":{\"client_id\":\"c\","
                + "\"issuer\":\"https://i\",\"extra\":1}}";
        HttpResponse<String> created = call("POST", "/api/v2/connections", all, body);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(json(created).path("options").has("oidc_metadata")).isTrue();
        assertThat(call("POST", "/api/v2/connections", all, body).statusCode()).isEqualTo(409);

        String ro = token("ro", "r", "https://t.auth0.com/api/v2/");
        assertThat(json(call("GET", "/api/v2/connections/" + id, ro, null)).has("options")).isFalse();
        assertThat(call("PATCH", "/api/v2/connections/" + id, all, "{\"name\":\"x\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> patched = call("PATCH", "/api/v2/connections/" + id, all,
                "{\"options\":{\"client_id\":\"c\",\"issuer\":\"https://i\"}}");
        assertThat(json(patched).path("options").has("extra")).isFalse();
        assertThat(json(patched).path("options").has("oidc_metadata")).isFalse();

        HttpResponse<String> deleted = call("DELETE", "/api/v2/connections/" + id, all, null);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(deleted.body()).isEmpty();
        assertThat(call("GET", "/api/v2/connections/" + id, all, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v2/connections", all, body).statusCode()).isEqualTo(409);
    }

    @Test
    void enabledClientsAreRejectedLikeAMigratedTenantAndAssignedThroughTheClientsEndpoint() throws Exception {
        sim.withApplication("app1").withApplication("app2");
        String all = token("all", "a", "https://t.auth0.com/api/v2/");
        HttpResponse<String> refused = call("POST", "/api/v2/connections", all,
                "{\"name\":\"corp\",\"strategy\":\"oidc\",\"enabled_clients\":[\"app1\"],\"options\":{\"client_id\":\"c\"}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("message").asText())
                .isEqualTo("Payload validation error: 'Additional properties not allowed: enabled_clients'.");
        assertThat(json(refused).path("errorCode").asText()).isEqualTo("invalid_body");
        assertThat(json(refused).path("error").asText()).isEqualTo("Bad Request");
        assertThat(json(refused).path("statusCode").asInt()).isEqualTo(400);

        HttpResponse<String> created = call("POST", "/api/v2/connections", all,
                "{\"name\":\"corp\",\"strategy\":\"oidc\",\"display_name\":\"Corp\",\"options\":{\"client_id\":\"c\"}}");
        String id = json(created).path("id").asText();
        assertThat(json(created).has("enabled_clients")).isFalse();
        assertThat(call("PATCH", "/api/v2/connections/" + id, all, "{\"enabled_clients\":[]}").statusCode())
                .isEqualTo(400);

        String clients = "/api/v2/connections/" + id + "/clients";
        assertThat(call("PATCH", clients, all, "[{\"client_id\":\"app1\",\"status\":true},"
                + "{\"client_id\":\"app2\",\"status\":true}]").statusCode()).isEqualTo(204);
        assertThat(call("PATCH", clients, all, "[{\"client_id\":\"app2\",\"status\":false}]").statusCode())
                .isEqualTo(204);
        HttpResponse<String> unknown = call("PATCH", clients, all, "[{\"client_id\":\"nope\",\"status\":true}]");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).isEqualTo("The client does not exist");
        assertThat(call("PATCH", clients, all, "[]").statusCode()).isEqualTo(400);
        assertThat(call("PATCH", clients, all, "[{\"client_id\":\"app1\"}]").statusCode()).isEqualTo(400);
        HttpResponse<String> listed = call("GET", clients + "?take=1", all, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).path("clients").get(0).path("client_id").asText()).isEqualTo("app1");
        assertThat(json(listed).has("next")).isFalse();
        assertThat(json(call("GET", "/api/v2/connections/" + id, all, null)).has("enabled_clients")).isFalse();
        assertThat(sim.enabledClients("corp")).containsExactly("app1");

        // A PATCH that omits display_name overwrites it with the name.
        assertThat(call("PATCH", "/api/v2/connections/" + id, all, "{\"show_as_button\":true}").statusCode())
                .isEqualTo(200);
        assertThat(sim.connection("corp").orElseThrow().path("display_name").asText()).isEqualTo("corp");
        assertThat(call("DELETE", "/api/v2/connections/con_gone", all, null).statusCode()).isEqualTo(204);
    }

    @Test
    void everyAnswerCarriesRateLimitHeadersAnd429TellsWhenToComeBack() throws Exception {
        String all = token("all", "a", "https://t.auth0.com/api/v2/");
        sim.withRateLimit(RateLimit.of(1, 2));
        HttpResponse<String> first = call("GET", "/api/v2/connections", all, null);
        assertThat(first.headers().firstValue("x-ratelimit-limit")).hasValue("2");
        assertThat(first.headers().firstValue("x-ratelimit-remaining")).hasValue("1");
        call("GET", "/api/v2/connections", all, null);
        HttpResponse<String> limited = call("GET", "/api/v2/connections", all, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        long reset = Long.parseLong(limited.headers().firstValue("x-ratelimit-reset").orElseThrow());
        assertThat(reset).isGreaterThan(System.currentTimeMillis() / 1000 - 1);
        assertThat(json(limited).path("statusCode").asInt()).isEqualTo(429);
    }
}
