package dev.federator.sim.loginradius;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sim.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's contract on the wire, without the adapter: what the adapter's tests rely on it to refuse. */
class LoginRadiusSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LoginRadiusSimulator sim;

    @BeforeEach
    void start() {
        sim = new LoginRadiusSimulator().withCredentials("k", "s").withOrganization("o", "a.example.com").start();
    }

    @AfterEach
    void stop() { sim.close(); }

    private HttpResponse<String> call(String method, String path, String query, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path + "?" + query))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int code(HttpResponse<String> r) throws Exception {
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.has("Description") && json.has("Message")).as(r.body()).isTrue();
        return json.path("ErrorCode").asInt();
    }

    private static final String C = "/v2/manage/organizations/o/connections";

    private static final String ORGS = LoginRadiusSimulator.ORGANIZATIONS;
    private static final String PEM = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----";

    @Test
    void enforcesCredentialsOrganizationDomainNamesAndIds() throws Exception {
        assertThat(code(call("GET", ORGS, "apikey=x&apisecret=s", null))).isEqualTo(901);
        assertThat(code(call("GET", ORGS, "apikey=k&apisecret=x", null))).isEqualTo(902);
        assertThat(code(call("GET", ORGS, "apikey=k", null))).isEqualTo(902);
        String body = "{\"Name\":\"x\",\"Domain\":\"a.example.com\"}";
        assertThat(code(call("POST", "/v2/manage/organizations/nope/connections", "apikey=k&apisecret=s", body)))
                .isEqualTo(8118);
        sim.withOrganization("off").deactivate("off");
        assertThat(code(call("POST", "/v2/manage/organizations/off/connections", "apikey=k&apisecret=s", body)))
                .isEqualTo(8180);
        String q = "apikey=k&apisecret=s";
        assertThat(call("POST", C, q, "{\"Name\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(code(call("POST", C, q, "{\"Name\":\"x\",\"Domain\":\"b.example.com\"}"))).isEqualTo(8150);
        sim.unverify("o", "u.example.com");
        assertThat(code(call("POST", C, q, "{\"Name\":\"x\",\"Domain\":\"u.example.com\"}"))).isEqualTo(8177);
        HttpResponse<String> created = call("POST", C, q, "{\"Name\":\"x\",\"Domain\":\"a.example.com\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        String id = JSON.readTree(created.body()).path("Id").asText();
        assertThat(code(call("POST", C, q, "{\"Name\":\"X\",\"Domain\":\"a.example.com\"}"))).isEqualTo(8148);
        assertThat(code(call("PUT", C + "/nope", q, "{\"Name\":\"x\",\"Domain\":\"a.example.com\"}"))).isEqualTo(8151);
        JsonNode orgs = JSON.readTree(call("GET", ORGS, q, null).body()).path("Data");
        JsonNode o = orgs.get(0).path("Id").asText().equals("o") ? orgs.get(0) : orgs.get(1);
        assertThat(o.path("Connections").get(0).path("Id").asText()).isEqualTo(id);
        assertThat(o.path("Connections").get(0).path("SPCertificate").path("Certificate").asText())
                .startsWith("-----BEGIN CERTIFICATE-----");
        JsonNode deleted = JSON.readTree(call("DELETE", C + "/" + id, q, null).body());
        assertThat(deleted.path("IsDeleted").asBoolean()).isTrue();
        assertThat(code(call("DELETE", C + "/" + id, q, null))).isEqualTo(8151);
    }

    @Test
    void onlyDocumentedCallsFieldsAndShapesAreAccepted() throws Exception {
        String q = "apikey=k&apisecret=s";
        // no connections list and no get-one call are documented
        assertThat(call("GET", C, q, null).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(call("GET", C + "/x", q, null).statusCode()).isGreaterThanOrEqualTo(400);
        String base = "{\"Name\":\"x\",\"Domain\":\"a.example.com\",%s}";
        for (String refused : new String[] {"\"IDPLoginUrl\":\"https://idp\"", "\"Attributes\":{\"Mail\":\"m\"}",
                "\"IDPCertificate\":{\"Certificate\":\"MIIB\"}", "\"IDPCertificate\":{\"Pem\":\"" + PEM + "\"}",
                "\"IsActive\":\"yes\""}) {
            HttpResponse<String> answer = call("POST", C, q, base.formatted(refused));
            assertThat(answer.statusCode()).as(refused).isEqualTo(400);
            assertThat(code(answer)).as(refused).isEqualTo(1134);
        }
        assertThat(code(call("POST", C, q, base.formatted("\"ConnectionType\":\"oidc_custom\""))))
                .isEqualTo(LoginRadiusSimulator.INVALID_CONNECTION_TYPE);
        assertThat(sim.connections("o")).isEmpty();
    }

    @Test
    void rateLimitAnswers429WithoutHeaders() throws Exception {
        sim.withRateLimit(RateLimit.of(0.1, 1));
        assertThat(call("GET", ORGS, "apikey=k&apisecret=s", null).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = call("GET", ORGS, "apikey=k&apisecret=s", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        assertThat(limited.headers().firstValue("X-RateLimit-Reset")).isEmpty();
        code(limited);
    }
}
