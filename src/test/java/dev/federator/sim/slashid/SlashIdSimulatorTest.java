package dev.federator.sim.slashid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sim.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator refuses what SlashID refuses, so that adapter tests passing against it mean something. */
class SlashIdSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String OKTA = """
            {"client_id":"0oa1","client_secret":"s3cret","provider":"okta","label":"Corp",
             "options":{"okta":{"organization_url":"https://corp.okta.com"}}}""";
    private SlashIdSimulator sim;

    @BeforeEach
    void start() { sim = new SlashIdSimulator("org-1", "key-1").start(); }

    @AfterEach
    void stop() { sim.close(); }

    private HttpResponse<String> call(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> auth() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("SlashID-API-Key", "key-1");
        h.put("SlashID-OrgID", "org-1");
        return h;
    }

    private static Map<String, String> write() {
        Map<String, String> h = auth();
        h.put("SlashID-Required-Consistency", "local_region");
        h.put("SlashID-Required-Consistency-Timeout", "30");
        h.put("Content-Type", "application/json");
        return h;
    }

    private static JsonNode errors(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("errors").path(0);
    }

    @Test
    void bothHeadersAreRequiredAndChecked() throws Exception {
        HttpResponse<String> none = call("GET", SlashIdSimulator.OIDC, null, Map.of());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(errors(none).path("httpcode").asInt()).isEqualTo(400);
        Map<String, String> wrongKey = auth();
        wrongKey.put("SlashID-API-Key", "nope");
        assertThat(call("GET", SlashIdSimulator.OIDC, null, wrongKey).statusCode()).isEqualTo(401);
        Map<String, String> wrongOrg = auth();
        wrongOrg.put("SlashID-OrgID", "org-2");
        assertThat(call("GET", SlashIdSimulator.OIDC, null, wrongOrg).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = call("GET", SlashIdSimulator.OIDC, null, auth());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("result").isArray()).isTrue();
    }

    @Test
    void oidcCreateAnswers201WithoutResultAndNeverReturnsTheSecret() throws Exception {
        HttpResponse<String> created = call("POST", SlashIdSimulator.OIDC, OKTA, write());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        HttpResponse<String> read = call("GET", SlashIdSimulator.OIDC + "/0oa1", null, auth());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("s3cret").doesNotContain("client_secret");
        assertThat(JSON.readTree(read.body()).at("/result/provider").asText()).isEqualTo("okta");
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA, write()).statusCode()).isEqualTo(409);
        HttpResponse<String> missing = call("GET", SlashIdSimulator.OIDC + "/nope", null, auth());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(errors(missing).path("httpcode").asInt()).isEqualTo(404);
    }

    @Test
    void oidcValidatesProviderSecretOptionsAndUnknownFields() throws Exception {
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA.replace("\"okta\",", "\"myidp\","), write()).statusCode())
                .isEqualTo(400);
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA.replace("\"client_secret\":\"s3cret\",", ""), write())
                .statusCode()).isEqualTo(400);
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA.replace("\"options\":{\"okta\"", "\"options\":{\"google\""),
                write()).statusCode()).isEqualTo(400);
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA.replace("\"label\"", "\"name\""), write()).statusCode())
                .isEqualTo(400);
        call("POST", SlashIdSimulator.OIDC, OKTA, write());
        assertThat(call("PATCH", SlashIdSimulator.OIDC + "/0oa1", "{\"client_id\":\"0oa2\"}", write()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void writesNeedValidConsistencyHeaders() throws Exception {
        Map<String, String> none = auth();
        none.put("Content-Type", "application/json");
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA, none).statusCode()).isEqualTo(400);
        for (String timeout : new String[] {"0", "121", "soon"}) {
            Map<String, String> bad = write();
            bad.put("SlashID-Required-Consistency-Timeout", timeout);
            assertThat(call("POST", SlashIdSimulator.OIDC, OKTA, bad).statusCode()).isEqualTo(400);
        }
        Map<String, String> badLevel = write();
        badLevel.put("SlashID-Required-Consistency", "everywhere");
        assertThat(call("POST", SlashIdSimulator.OIDC, OKTA, badLevel).statusCode()).isEqualTo(400);
        assertThat(sim.oidcCredentials()).isEmpty();
    }

    @Test
    void timedOutWritesAnswer408AndLandLater() throws Exception {
        sim.timeoutNextWrites(1, Duration.ofMillis(200));
        HttpResponse<String> timedOut = call("POST", SlashIdSimulator.OIDC, OKTA, write());
        assertThat(timedOut.statusCode()).isEqualTo(408);
        assertThat(errors(timedOut).path("httpcode").asInt()).isEqualTo(408);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.oidcCredentials().containsKey("0oa1"));
    }

    private static final String APPLE = """
            {"client_id":"com.example.web","client_secret":"k","provider":"apple",
             "options":{"apple":{"private_key":"k","team_id":"T1","key_id":"K1","secret_lifetime":"720h"}}}""";

    @Test
    void appleNeedsClientSecretAndEveryAppleOptionWithALifetimeOfFiveMinutesToSixMonths() throws Exception {
        assertThat(call("POST", SlashIdSimulator.OIDC, APPLE.replace("\"client_secret\":\"k\",", ""), write())
                .statusCode()).isEqualTo(400);
        for (String field : new String[] {"\"private_key\":\"k\",", "\"team_id\":\"T1\",", "\"key_id\":\"K1\","}) {
            assertThat(call("POST", SlashIdSimulator.OIDC, APPLE.replace(field, ""), write()).statusCode()).as(field)
                    .isEqualTo(400);
        }
        for (String lifetime : new String[] {"", "4m59s", "4382h31m", "30d", "720"}) {
            HttpResponse<String> refused = call("POST", SlashIdSimulator.OIDC,
                    APPLE.replace("\"720h\"", "\"" + lifetime + "\""), write());
            assertThat(refused.statusCode()).as(lifetime).isEqualTo(400);
        }
        assertThat(call("POST", SlashIdSimulator.OIDC, APPLE.replace("\"720h\"", "\"4382h30m\""), write()).statusCode())
                .isEqualTo(201);
        assertThat(sim.applePrivateKey("com.example.web")).contains("k");
    }

    @Test
    void oidcPatchAndDeleteAnswer200WithMetaAndErrorsAndReadsHaveNoIdOrSecret() throws Exception {
        call("POST", SlashIdSimulator.OIDC, OKTA, write());
        JsonNode read = JSON.readTree(call("GET", SlashIdSimulator.OIDC + "/0oa1", null, auth()).body()).path("result");
        assertThat(read.has("id")).isFalse();
        assertThat(read.has("client_secret")).isFalse();
        assertThat(call("PATCH", SlashIdSimulator.OIDC + "/0oa1", "{\"provider\":\"okta\"}", write()).statusCode())
                .isEqualTo(400);
        assertThat(call("PATCH", SlashIdSimulator.OIDC + "/0oa1", "{\"client_id\":\"0oa1\"}", write()).statusCode())
                .isEqualTo(400);
        HttpResponse<String> patched = call("PATCH", SlashIdSimulator.OIDC + "/0oa1", "{\"label\":\"New\"}", write());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).has("meta")).isTrue();
        assertThat(JSON.readTree(patched.body()).path("errors").isArray()).isTrue();
        HttpResponse<String> deleted = call("DELETE", SlashIdSimulator.OIDC + "/0oa1", null, write());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).has("meta")).isTrue();
    }

    @Test
    void samlCreateAnswers201WithResultAndPatchAnswers204() throws Exception {
        HttpResponse<String> created = call("POST", SlashIdSimulator.SAML,
                "{\"idp_metadata_url\":\"https://idp.example.com/md\",\"label\":\"Corp\",\"email_claims\":[\"mail\"]}",
                write());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).at("/result/id").asText();
        assertThat(id).isNotEmpty();
        assertThat(call("PATCH", SlashIdSimulator.SAML + "/" + id, "{\"label\":\"New\"}", write()).statusCode())
                .isEqualTo(204);
        assertThat(call("POST", SlashIdSimulator.SAML, "{\"label\":\"x\"}", write()).statusCode()).isEqualTo(400);
        assertThat(call("POST", SlashIdSimulator.SAML, "{\"idp_metadata_url\":\"http://plain\"}", write()).statusCode())
                .isEqualTo(400);
        assertThat(call("DELETE", SlashIdSimulator.SAML + "/" + id, null, write()).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", SlashIdSimulator.SAML + "/" + id, null, write()).statusCode()).isEqualTo(404);
    }

    @Test
    void rateLimitAnswers429InTheEnvelopeWithRetryAfter() throws Exception {
        sim.withRateLimit(RateLimit.of(0.5, 1));
        call("GET", SlashIdSimulator.OIDC, null, auth());
        HttpResponse<String> limited = call("GET", SlashIdSimulator.OIDC, null, auth());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(errors(limited).path("httpcode").asInt()).isEqualTo(429);
    }
}
