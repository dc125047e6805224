package dev.federator.sim.ezto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ezto differences the simulator must enforce on top of the Keycloak store it reuses. */
class EztoSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TEMPLATE = "/v1/workspaces/{workspace}/idps";
    private static final String OIDC = """
            {"alias":"corp","providerId":"oidc","displayName":"Corp SSO","config":{"clientId":"abc",
             "clientSecret":"s3cret","authorizationUrl":"https://idp.example/auth","tokenUrl":"https://idp.example/token"}}""";
    private EztoSimulator sim;

    @BeforeEach
    void start() {
        sim = new EztoSimulator(null, 0, TEMPLATE).withApiToken("tok").withReadOnlyApiToken("ro")
                .createWorkspace("acme").start();
    }

    @AfterEach
    void stop() { sim.close(); }

    private HttpResponse<String> call(String method, String path, String header, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (header != null) {
            b.header(header, "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, "Authentication", "tok", body);
    }

    @Test
    void onlyAKnownTokenInTheAuthenticationHeaderIsAccepted() throws Exception {
        assertThat(call("GET", "/v1/workspaces/acme/idps", "Authorization", "tok", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/workspaces/acme/idps", null, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/workspaces/acme/idps", "Authentication", "other", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/workspaces/acme/idps", null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/v1/workspaces/acme/idps", "Authentication", "ro", OIDC).statusCode()).isEqualTo(403);
    }

    @Test
    void theCollectionLivesOnlyAtTheConfiguredPath() throws Exception {
        assertThat(call("GET", "/admin/realms/acme/identity-provider/instances", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v1/workspaces/nope/idps", null).statusCode()).isEqualTo(404);
    }

    @Test
    void createIs201AndUpdateIs200WithTheMaskedRepresentation() throws Exception {
        HttpResponse<String> created = call("POST", "/v1/workspaces/acme/idps", OIDC);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("config").path("clientSecret").asText()).isEqualTo("**********");
        assertThat(call("POST", "/v1/workspaces/acme/idps", OIDC).statusCode()).isEqualTo(409);

        String masked = OIDC.replace("s3cret", "**********").replace("Corp SSO", "Renamed");
        HttpResponse<String> updated = call("PUT", "/v1/workspaces/acme/idps/corp", masked);
        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(updated.body());
        assertThat(body.path("displayName").asText()).isEqualTo("Renamed");
        assertThat(body.path("config").path("clientSecret").asText()).isEqualTo("**********");
        assertThat(sim.storedSecret("acme", "corp")).contains("s3cret");

        assertThat(call("PUT", "/v1/workspaces/acme/idps/corp", masked.replace("\"corp\"", "\"other\"")).statusCode())
                .isEqualTo(400);
        assertThat(call("DELETE", "/v1/workspaces/acme/idps/corp", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/v1/workspaces/acme/idps/corp", null).statusCode()).isEqualTo(404);
    }

    @Test
    void paymentRequiredSwitchAnswers402ForOneAliasOnly() throws Exception {
        sim.answerPaymentRequired("corp");
        HttpResponse<String> refused = call("POST", "/v1/workspaces/acme/idps", OIDC);
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(JSON.readTree(refused.body()).path("errorMessage").asText()).contains("valid");
        assertThat(sim.identityProvider("acme", "corp")).isEmpty();
        assertThat(call("POST", "/v1/workspaces/acme/idps", OIDC.replace("\"corp\"", "\"other\"")).statusCode())
                .isEqualTo(201);
        sim.clearPaymentRequired("corp");
        assertThat(call("POST", "/v1/workspaces/acme/idps", OIDC).statusCode()).isEqualTo(201);
    }

    @Test
    void injected503CarriesAnErrorBody() throws Exception {
        sim.faults().failNext(1, 503);
        HttpResponse<String> unavailable = call("GET", "/v1/workspaces/acme/idps", null);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.body()).path("errorMessage").asText()).isNotBlank();
        assertThat(call("GET", "/v1/workspaces/acme/idps", null).statusCode()).isEqualTo(200);
    }
}
