package dev.federator.sim.devrev;

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

/** The simulator enforces DevRev's rules at the HTTP level, so adapter tests against it prove something. */
class DevRevSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String OIDC = """
            {"type":"oidc","display_name":"Corp","client_id":"cid","client_secret":"s3cret",
             "issuer":"https://idp.example.com"}""";
    private DevRevSimulator sim;

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    @BeforeEach
    void start() { sim = new DevRevSimulator().withToken("admin").withReadOnlyToken("member").start(); }

    @AfterEach
    void stop() { sim.close(); }

    private Answer post(String endpoint, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/dev-orgs.auth-connections."
                + endpoint)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> raw = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(raw.statusCode(), JSON.readTree(raw.body()), raw);
    }

    private Answer get(String endpointAndQuery, String token) throws Exception {
        HttpResponse<String> raw = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/dev-orgs.auth-connections." + endpointAndQuery)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(raw.statusCode(), JSON.readTree(raw.body()), raw);
    }

    private String createOidc(String displayName) throws Exception {
        Answer created = post("create", OIDC.replace("\"Corp\"", "\"" + displayName + "\""), "admin");
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("auth_connection").path("id").asText();
    }

    @Test
    void bearerAuthIsRequiredAndMembersCannotWrite() throws Exception {
        Answer none = post("create", OIDC, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().path("type").asText()).isEqualTo("unauthenticated");
        assertThat(post("create", OIDC, "wrong").status()).isEqualTo(401);
        Answer member = post("create", OIDC, "member");
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.body().path("type").asText()).isEqualTo("forbidden");
        assertThat(get("list", "member").status()).isEqualTo(200);
    }

    @Test
    void createStartsDisabledHidesSecretsAndUpdateAnswers201() throws Exception {
        Answer created = post("create", OIDC, "admin");
        assertThat(created.status()).isEqualTo(201);
        JsonNode connection = created.body().path("auth_connection");
        assertThat(connection.path("enabled").asBoolean(true)).isFalse();
        assertThat(connection.has("client_secret")).isFalse();
        String id = connection.path("id").asText();
        assertThat(get("get?id=" + id, "admin").body().path("auth_connection").has("client_secret")).isFalse();
        assertThat(get("list", "admin").raw().body()).doesNotContain("s3cret");
        assertThat(sim.connection(id).orElseThrow().path("client_secret").asText()).isEqualTo("s3cret");

        Answer updated = post("update", "{\"id\":\"" + id + "\",\"display_name\":\"New\"}", "admin");
        assertThat(updated.status()).isEqualTo(201);
        assertThat(updated.body().path("auth_connection").path("display_name").asText()).isEqualTo("New");
        assertThat(sim.connection(id).orElseThrow().path("client_secret").asText()).isEqualTo("s3cret");
        Answer typeChange = post("update", "{\"id\":\"" + id + "\",\"type\":\"okta\",\"domain\":\"x\"}", "admin");
        assertThat(typeChange.body().path("field_name").asText()).isEqualTo("type");
        Answer noType = post("update", "{\"id\":\"" + id + "\",\"client_id\":\"x\"}", "admin");
        assertThat(noType.body().path("type").asText()).isEqualTo("missing_required_field");
        assertThat(post("update", "{\"id\":\"" + id + "\",\"enabled\":true}", "admin").body().path("field_name")
                .asText()).isEqualTo("enabled");
    }

    @Test
    void schemasAreFlatWithRequiredFields() throws Exception {
        Answer nested = post("create", "{\"type\":\"oidc\",\"client_id\":\"x\",\"client_secret\":\"y\","
                + "\"issuer\":\"https://i\",\"options\":{\"client_id\":\"x\"}}", "admin");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.body().path("type").asText()).isEqualTo("invalid_field");
        assertThat(nested.body().path("field_name").asText()).isEqualTo("options");
        assertThat(nested.body().has("message")).isTrue();
        assertThat(nested.body().has("detail")).isTrue();
        Answer missing = post("create", "{\"type\":\"okta\",\"client_id\":\"x\",\"client_secret\":\"y\"}", "admin");
        assertThat(missing.body().path("type").asText()).isEqualTo("missing_required_field");
        assertThat(missing.body().path("field_name").asText()).isEqualTo("domain");
        Answer wrongField = post("create", "{\"type\":\"google_apps\",\"client_id\":\"x\",\"client_secret\":\"y\","
                + "\"tenant_domain\":\"t\",\"domain\":\"z\"}", "admin");
        assertThat(wrongField.body().path("field_name").asText()).isEqualTo("domain");
        Answer badType = post("create", "{\"type\":\"ldap\"}", "admin");
        assertThat(badType.body().path("type").asText()).isEqualTo("invalid_enum_value");
        Answer saml = post("create", "{\"type\":\"samlp\",\"sign_in_endpoint\":\"https://x\",\"connection_name\":\"a\","
                + "\"signing_cert\":\"not a cert\"}", "admin");
        assertThat(saml.body().path("type").asText()).isEqualTo("value_not_permitted");
        assertThat(saml.body().path("field_name").asText()).isEqualTo("signing_cert");
        Answer longName = post("create", OIDC.replace("\"Corp\"", "\"" + "x".repeat(129) + "\""), "admin");
        assertThat(longName.body().path("field_name").asText()).isEqualTo("display_name");
    }

    @Test
    void samlConnectionNameMustBeTheOrgsDevOidThenLettersDigitsAndSingleHyphensAndUnique() throws Exception {
        String saml = "{\"type\":\"samlp\",\"sign_in_endpoint\":\"https://x.example.com\",\"connection_name\":"
                + "\"%s\",\"signing_cert\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\"}";
        for (String refused : new String[] {"acme-adfs", DevRevSimulator.DEV_OID + "-acme--adfs",
                DevRevSimulator.DEV_OID + "-acme_adfs", DevRevSimulator.DEV_OID + "-", DevRevSimulator.DEV_OID + "-"
                + "a".repeat(120)}) {
            Answer answer = post("create", saml.formatted(refused), "admin");
            assertThat(answer.status()).as(refused).isEqualTo(400);
            assertThat(answer.body().path("type").asText()).isEqualTo("value_not_permitted");
            assertThat(answer.body().path("field_name").asText()).isEqualTo("connection_name");
        }
        String good = DevRevSimulator.DEV_OID + "-acme-adfs";
        assertThat(post("create", saml.formatted(good), "admin").status()).isEqualTo(201);
        Answer twin = post("create", saml.formatted(good), "admin");
        assertThat(twin.status()).isEqualTo(400);
        assertThat(twin.body().path("field_name").asText()).isEqualTo("connection_name");
        assertThat(twin.body().path("reason").asText()).contains("already exists");
    }

    @Test
    void theTokensOrgIsReadWithItsDisplayId() throws Exception {
        HttpResponse<String> raw = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/dev-orgs.get"))
                .header("Authorization", "Bearer member").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(raw.body()).path("dev_org").path("display_id").asText())
                .isEqualTo(DevRevSimulator.DEV_OID);
    }

    @Test
    void fiveEnterpriseConnectionsAtMost() throws Exception {
        for (int i = 0; i < 5; i++) {
            createOidc("c" + i);
        }
        Answer sixth = post("create", OIDC, "admin");
        assertThat(sixth.status()).isEqualTo(400);
        assertThat(sixth.body().path("message").asText()).contains("Only 5");
        assertThat(sim.connections()).hasSize(6); // five plus the default social one
    }

    @Test
    void enabledAndDefaultConnectionsCannotBeDeletedAndOneMustStayEnabled() throws Exception {
        String id = createOidc("Corp");
        assertThat(post("toggle", "{\"id\":\"" + id + "\",\"toggle\":\"enable\"}", "admin").status()).isEqualTo(200);
        Answer enabledDelete = post("delete", "{\"id\":\"" + id + "\"}", "admin");
        assertThat(enabledDelete.status()).isEqualTo(400);
        assertThat(enabledDelete.body().path("message").asText()).contains("disable it first");
        Answer defaultDelete = post("delete", "{\"id\":\"" + sim.defaultConnectionId() + "\"}", "admin");
        assertThat(defaultDelete.body().path("message").asText()).contains("Default connections");
        // the default one can be disabled while ours is enabled, but then ours is the last one
        assertThat(post("toggle", "{\"id\":\"" + sim.defaultConnectionId() + "\",\"toggle\":\"disable\"}", "admin")
                .status()).isEqualTo(200);
        Answer last = post("toggle", "{\"id\":\"" + id + "\",\"toggle\":\"disable\"}", "admin");
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.body().path("field_name").asText()).isEqualTo("toggle");
        // a bare toggle flips: repeating it is not idempotent
        post("toggle", "{\"id\":\"" + sim.defaultConnectionId() + "\"}", "admin");
        assertThat(sim.connection(sim.defaultConnectionId()).orElseThrow().path("enabled").asBoolean()).isTrue();
        assertThat(post("toggle", "{\"id\":\"" + id + "\",\"toggle\":\"disable\"}", "admin").status()).isEqualTo(200);
        assertThat(post("delete", "{\"id\":\"" + id + "\"}", "admin").status()).isEqualTo(200);
        assertThat(get("get?id=" + id, "admin").status()).isEqualTo(404);
        assertThat(get("get?id=" + id, "admin").body().path("type").asText()).isEqualTo("not_found");
    }

    @Test
    void rateLimitHeadersOnEveryAnswerAnd429WithRetryAfter() throws Exception {
        Answer ok = get("list", "admin");
        assertThat(ok.raw().headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(ok.raw().headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(ok.raw().headers().firstValue("X-RateLimit-Reset")).isPresent();
        // DevRev's window is five minutes: the reset is at most 300 s away, and more than one minute on a fresh window
        long untilReset = Long.parseLong(ok.raw().headers().firstValue("X-RateLimit-Reset").orElseThrow())
                - java.time.Instant.now().getEpochSecond();
        assertThat(untilReset).isBetween(61L, 300L);
        Answer error = post("create", "{}", "admin");
        assertThat(error.raw().headers().firstValue("X-RateLimit-Remaining")).isPresent();

        sim.faults().throttleNext(1, Duration.ofSeconds(7), true);
        Answer throttled = get("list", "admin");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body().path("type").asText()).isEqualTo("too_many_requests");
        assertThat(throttled.body().path("retry_after").asLong()).isEqualTo(7);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).contains("7");
        assertThat(throttled.raw().headers().firstValue("X-RateLimit-Remaining")).contains("0");

        sim.withRateLimit(dev.federator.sim.RateLimit.of(0.5, 1));
        assertThat(get("list", "admin").status()).isEqualTo(200);
        Answer limited = get("list", "admin");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("retry_after").asLong()).isPositive();
    }

    @Test
    void serverErrorsUseTheEnvelope() throws Exception {
        sim.faults().failNext(1, 500).failNext(1, 503);
        Answer internal = get("list", "admin");
        assertThat(internal.body().path("type").asText()).isEqualTo("internal_error");
        assertThat(internal.body().path("reference_id").asText()).isNotBlank();
        assertThat(get("list", "admin").body().path("type").asText()).isEqualTo("service_unavailable");
    }
}
