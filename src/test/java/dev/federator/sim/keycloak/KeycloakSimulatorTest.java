package dev.federator.sim.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sim.CallLog;
import dev.federator.sim.Faults;
import dev.federator.sim.RateLimit;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator against what a real Keycloak 26.0.7 answered to the same requests
 * (recorded by hand with curl against {@code kc.sh start-dev}).
 */
class KeycloakSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String REALM = "acme";
    private static final String INSTANCES = "/admin/realms/" + REALM + "/identity-provider/instances";
    private static final String OIDC = """
            {"alias":"corp","providerId":"oidc","displayName":"Corp SSO","config":{"clientId":"abc",
             "clientSecret":"s3cret","authorizationUrl":"https://idp.example/auth","tokenUrl":"https://idp.example/token"}}""";

    private static Vertx vertx;
    private KeycloakSimulator keycloak;
    private String token;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void start() throws Exception {
        keycloak = new KeycloakSimulator(vertx, 0)
                .withAdminUser("admin", "admin-pw")
                .withServiceClient("federator", "svc-secret")
                .withReadOnlyServiceClient("auditor", "ro-secret")
                .createRealm(REALM)
                .start();
        token = passwordToken();
    }

    @AfterEach
    void stop() {
        keycloak.close();
    }

    // ---- token endpoint ----

    @Test
    void passwordGrantIssuesExpiringBearerTokenWithRefreshToken() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin-pw"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(60);
        assertThat(body.path("refresh_token").asText()).isNotEmpty();
        String claims = new String(Base64.getUrlDecoder().decode(body.path("access_token").asText().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(JSON.readTree(claims).path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void clientCredentialsGrantWorksForServiceClientOnly() throws Exception {
        HttpResponse<String> ok = tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "federator",
                "client_secret", "svc-secret"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).has("refresh_token")).isFalse();

        assertError(tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "federator",
                "client_secret", "wrong")), 401, "unauthorized_client", "Invalid client or Invalid client credentials");
        assertError(tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "nobody",
                "client_secret", "x")), 401, "invalid_client", "Invalid client or Invalid client credentials");
        assertError(tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "admin-cli")),
                401, "unauthorized_client", "Public client not allowed to retrieve service account");
    }

    @Test
    void badCredentialsAndMalformedTokenRequestsAreRejectedLikeKeycloak() throws Exception {
        assertError(tokenRequest(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", "nope")), 401, "invalid_grant", "Invalid user credentials");
        assertError(tokenRequest(Map.of("grant_type", "password", "username", "admin", "password", "admin-pw")),
                401, "invalid_client", "Invalid client or Invalid client credentials");
        assertError(tokenRequest(Map.of("client_id", "admin-cli")),
                400, "invalid_request", "Missing form parameter: grant_type");
        assertError(tokenRequest(Map.of("grant_type", "implicit", "client_id", "admin-cli")),
                400, "unsupported_grant_type", "Unsupported grant_type");

        HttpResponse<String> unknownRealm = send(HttpRequest.newBuilder(uri("/realms/nope/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")));
        assertThat(unknownRealm.statusCode()).isEqualTo(404);
        assertThat(json(unknownRealm).path("error").asText()).isEqualTo("Realm does not exist");
    }

    @Test
    void adminCallsNeedAValidUnexpiredBearerToken() throws Exception {
        assertUnauthorized(send(get(INSTANCES)));
        assertUnauthorized(send(get(INSTANCES).header("Authorization", "Bearer not-a-token")));
        assertUnauthorized(send(get(INSTANCES).header("Authorization", "Basic YWRtaW46YWRtaW4tcHc=")));
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);

        keycloak.expireTokens();

        assertUnauthorized(send(authed(get(INSTANCES))));
    }

    @Test
    void tokensExpireAfterTheirLifetimeAndCanBeRefreshed() throws Exception {
        MutableClock clock = new MutableClock();
        keycloak.withClock(clock).withTokenLifetime(Duration.ofSeconds(30));
        JsonNode issued = json(tokenRequest(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin-pw")));
        assertThat(issued.path("expires_in").asInt()).isEqualTo(30);
        token = issued.path("access_token").asText();

        clock.advance(Duration.ofSeconds(29));
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertUnauthorized(send(authed(get(INSTANCES))));

        HttpResponse<String> refreshed = tokenRequest(Map.of("grant_type", "refresh_token", "client_id", "admin-cli",
                "refresh_token", issued.path("refresh_token").asText()));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        token = json(refreshed).path("access_token").asText();
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
        assertError(tokenRequest(Map.of("grant_type", "refresh_token", "client_id", "admin-cli",
                "refresh_token", "garbage")), 400, "invalid_grant", "Invalid refresh token");
    }

    @Test
    void readOnlyServiceAccountCanReadButNotWrite() throws Exception {
        token = json(tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "auditor",
                "client_secret", "ro-secret"))).path("access_token").asText();

        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
        HttpResponse<String> write = send(authed(post(INSTANCES, OIDC)));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).isEqualTo("{\"error\":\"HTTP 403 Forbidden\"}");
    }

    // ---- realms ----

    @Test
    void realmReadIsCheapAndUnknownRealmIs404() throws Exception {
        JsonNode realm = json(send(authed(get("/admin/realms/" + REALM))));
        assertThat(realm.path("realm").asText()).isEqualTo(REALM);
        assertThat(realm.path("enabled").asBoolean()).isTrue();

        HttpResponse<String> missing = send(authed(get("/admin/realms/ghost/identity-provider/instances")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"Realm not found.\"}");
    }

    // ---- identity providers ----

    @Test
    void createAnswers201WithLocationAndNoBodyAndTheServerAddsDefaults() throws Exception {
        HttpResponse<String> created = send(authed(post(INSTANCES, OIDC)));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(keycloak.baseUrl() + INSTANCES + "/corp");
        assertThat(created.body()).isEmpty();

        JsonNode idp = json(send(authed(get(INSTANCES + "/corp"))));
        assertThat(idp.path("internalId").asText()).matches("[0-9a-f-]{36}");
        assertThat(idp.path("enabled").asBoolean()).isTrue();
        assertThat(idp.path("trustEmail").asBoolean()).isFalse();
        assertThat(idp.path("displayName").asText()).isEqualTo("Corp SSO");
        assertThat(idp.has("firstBrokerLoginFlowAlias")).as("26.0.7 leaves it unset").isFalse();
        assertThat(idp.path("config").path("syncMode").asText()).isEqualTo("LEGACY");
        assertThat(idp.path("config").path("clientId").asText()).isEqualTo("abc");
        assertThat(keycloak.storedSecret(REALM, "corp")).hasValue("s3cret");
    }

    @Test
    void duplicateAliasIs409() throws Exception {
        send(authed(post(INSTANCES, OIDC)));

        HttpResponse<String> again = send(authed(post(INSTANCES, OIDC)));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("{\"errorMessage\":\"Identity Provider corp already exists\"}");
    }

    /** OAuth2IdentityProviderConfig.validate and SAMLIdentityProviderConfig.validate, on create and on update. */
    @Test
    void providerConfigIsValidatedAsKeycloakDoes() throws Exception {
        String oidc = "{\"alias\":\"o\",\"providerId\":\"oidc\",\"config\":{%s}}";
        String saml = "{\"alias\":\"s\",\"providerId\":\"saml\",\"config\":{%s}}";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(oidc.formatted("\"authorizationUrl\":\"not a url\""), "The url [authorization_url] is malformed");
        refused.put(oidc.formatted("\"tokenUrl\":\"ftp://idp.example/token\""),
                "Invalid protocol/scheme for url [token_url]");
        refused.put(oidc.formatted("\"userInfoUrl\":\"http://idp.example/userinfo\""),
                "The url [userinfo_url] requires secure connections");
        refused.put(oidc.formatted("\"pkceEnabled\":\"true\",\"pkceMethod\":\"S512\""),
                "PKCE Method not supported: S512");
        refused.put(oidc.formatted("\"pkceEnabled\":\"true\""), "PKCE Method not supported: null");
        refused.put(saml.formatted("\"singleSignOnServiceUrl\":\"idp.example/sso\""),
                "The url [singleSignOnServiceUrl] is malformed");
        refused.put(saml.formatted("\"singleLogoutServiceUrl\":\"mailto:x@idp.example\""),
                "Invalid protocol/scheme for url [singleLogoutServiceUrl]");
        refused.put(saml.formatted("\"metadataDescriptorUrl\":\"metadata.xml\""),
                "The url [metadataDescriptorUrl] is malformed");
        refused.put(saml.formatted("\"useMetadataDescriptorUrl\":\"true\""),
                "useMetadataDescriptorUrl needs a non-empty URL for metadataDescriptorUrl");
        refused.put(saml.formatted("\"nameIDPolicyFormat\":\"urn:oasis:names:tc:SAML:2.0:nameid-format:transient\""),
                "Can not have Transient NameID Policy Format together with SUBJECT Principal Type");
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            assertBadRequest(post(INSTANCES, entry.getKey()), "{\"errorMessage\":\"" + entry.getValue() + "\"}");
        }
        assertThat(keycloak.identityProviders(REALM)).isEmpty();

        // accepted: https, a local http host, plain PKCE, empty values (dropped), transient with an ATTRIBUTE principal
        for (String ok : new String[] {
                oidc.formatted("\"authorizationUrl\":\"https://idp.example/auth\",\"tokenUrl\":\"http://127.0.0.1:9/t\","
                        + "\"userInfoUrl\":\"http://localhost/u\",\"pkceEnabled\":\"true\",\"pkceMethod\":\"plain\","
                        + "\"jwksUrl\":\"\""),
                saml.formatted("\"singleSignOnServiceUrl\":\"https://idp.example/sso\",\"metadataDescriptorUrl\":"
                        + "\"https://idp.example/md\",\"useMetadataDescriptorUrl\":\"true\",\"nameIDPolicyFormat\":"
                        + "\"urn:oasis:names:tc:SAML:2.0:nameid-format:transient\",\"principalType\":\"ATTRIBUTE\","
                        + "\"principalAttribute\":\"uid\"")}) {
            assertThat(send(authed(post(INSTANCES, ok))).statusCode()).as(ok).isEqualTo(201);
        }
        // the same rules on update
        assertBadRequest(put(INSTANCES + "/o", oidc.formatted("\"authorizationUrl\":\"nope\"")),
                "{\"errorMessage\":\"The url [authorization_url] is malformed\"}");
    }

    @Test
    void invalidRepresentationsAre400WithKeycloaksOwnEnvelopes() throws Exception {
        assertBadRequest(post(INSTANCES, "{\"alias\":\"has space\",\"providerId\":\"oidc\"}"),
                "{\"error\":\"Empty Space not allowed.\"}");
        assertBadRequest(post(INSTANCES, "{\"alias\":\"a/b\",\"providerId\":\"oidc\"}"),
                "{\"error\":\"Character '/' not allowed.\"}");
        assertBadRequest(post(INSTANCES, "{\"providerId\":\"oidc\"}"), "{\"errorMessage\":\"path is null\"}");
        assertBadRequest(post(INSTANCES, "{\"alias\":\"x\"}"),
                "{\"errorMessage\":\"Invalid identity provider id [null]\"}");
        assertBadRequest(post(INSTANCES, "{\"alias\":\"x\",\"providerId\":\"okta\"}"),
                "{\"errorMessage\":\"Invalid identity provider id [okta]\"}");
        assertBadRequest(post(INSTANCES, "not json"),
                "{\"error\":\"invalid_request\",\"error_description\":\"Cannot parse the JSON\"}");
        HttpResponse<String> unknownField = send(authed(post(INSTANCES,
                "{\"alias\":\"x\",\"providerId\":\"oidc\",\"clientSecret\":\"top-level\"}")));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).path("error").asText()).startsWith("Unrecognized field \"clientSecret\"");
        assertThat(keycloak.identityProviders(REALM)).isEmpty();
    }

    @Test
    void everyReadMasksTheClientSecret() throws Exception {
        send(authed(post(INSTANCES, OIDC)));

        assertThat(json(send(authed(get(INSTANCES + "/corp")))).path("config").path("clientSecret").asText())
                .isEqualTo("**********");
        JsonNode list = json(send(authed(get(INSTANCES))));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("config").path("clientSecret").asText()).isEqualTo("**********");
        assertThat(json(send(authed(get(INSTANCES + "?briefRepresentation=true")))).get(0).path("config").size())
                .as("brief form has an empty config").isZero();
        assertThat(keycloak.storedSecret(REALM, "corp")).hasValue("s3cret");
    }

    @Test
    void putWithTheMaskKeepsTheStoredSecret() throws Exception {
        send(authed(post(INSTANCES, OIDC)));
        JsonNode read = json(send(authed(get(INSTANCES + "/corp"))));

        HttpResponse<String> put = send(authed(put(INSTANCES + "/corp", read.toString())));

        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(keycloak.storedSecret(REALM, "corp")).hasValue("s3cret");
    }

    @Test
    void putOmittingTheSecretClearsItAndAnotherValueReplacesIt() throws Exception {
        send(authed(post(INSTANCES, OIDC)));

        send(authed(put(INSTANCES + "/corp", "{\"alias\":\"corp\",\"providerId\":\"oidc\",\"config\":{\"clientSecret\":\"new\"}}")));
        assertThat(keycloak.storedSecret(REALM, "corp")).hasValue("new");

        send(authed(put(INSTANCES + "/corp", "{\"alias\":\"corp\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"abc\"}}")));
        assertThat(keycloak.storedSecret(REALM, "corp")).isEmpty();
        assertThat(json(send(authed(get(INSTANCES + "/corp")))).path("config").has("clientSecret")).isFalse();
    }

    @Test
    void putIsAFullReplacementThatKeepsOnlyInternalIdProviderIdAndSyncMode() throws Exception {
        send(authed(post(INSTANCES, OIDC)));
        String internalId = keycloak.identityProvider(REALM, "corp").orElseThrow().path("internalId").asText();

        send(authed(put(INSTANCES + "/corp",
                "{\"alias\":\"corp\",\"providerId\":\"saml\",\"internalId\":\"other\",\"enabled\":false}")));

        JsonNode idp = keycloak.identityProvider(REALM, "corp").orElseThrow();
        assertThat(idp.path("internalId").asText()).isEqualTo(internalId);
        assertThat(idp.path("providerId").asText()).as("provider id cannot change").isEqualTo("oidc");
        assertThat(idp.path("enabled").asBoolean()).isFalse();
        assertThat(idp.has("displayName")).as("omitted fields are wiped").isFalse();
        assertThat(idp.path("config").path("clientId").isMissingNode()).isTrue();
        assertThat(idp.path("config").path("syncMode").asText()).isEqualTo("LEGACY");
    }

    @Test
    void aliasChangeOnPutRenamesLikeKeycloak26UnlessRejectionIsConfigured() throws Exception {
        send(authed(post(INSTANCES, OIDC)));
        send(authed(post(INSTANCES, "{\"alias\":\"taken\",\"providerId\":\"github\"}")));

        HttpResponse<String> collision = send(authed(put(INSTANCES + "/corp", "{\"alias\":\"taken\",\"providerId\":\"oidc\"}")));
        assertThat(collision.statusCode()).isEqualTo(409);

        keycloak.rejectAliasChanges(true);
        HttpResponse<String> rejected = send(authed(put(INSTANCES + "/corp", "{\"alias\":\"renamed\",\"providerId\":\"oidc\"}")));
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(json(rejected).path("field").asText()).isEqualTo("alias");
        assertThat(keycloak.identityProvider(REALM, "corp")).isPresent();

        keycloak.rejectAliasChanges(false);
        HttpResponse<String> renamed = send(authed(put(INSTANCES + "/corp", "{\"alias\":\"renamed\",\"providerId\":\"oidc\"}")));
        assertThat(renamed.statusCode()).isEqualTo(204);
        assertThat(keycloak.identityProvider(REALM, "corp")).isEmpty();
        assertThat(keycloak.identityProvider(REALM, "renamed")).isPresent();
    }

    @Test
    void putOnAnAbsentProviderIs404() throws Exception {
        HttpResponse<String> response = send(authed(put(INSTANCES + "/ghost", "{\"alias\":\"ghost\",\"providerId\":\"oidc\"}")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"HTTP 404 Not Found\"}");
    }

    @Test
    void deleteIs204ThenTheProviderIsGone() throws Exception {
        send(authed(post(INSTANCES, OIDC)));

        assertThat(send(authed(delete(INSTANCES + "/corp"))).statusCode()).isEqualTo(204);
        assertThat(send(authed(delete(INSTANCES + "/corp"))).statusCode()).isEqualTo(404);
        HttpResponse<String> read = send(authed(get(INSTANCES + "/corp")));
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).isEqualTo("{\"error\":\"HTTP 404 Not Found\"}");
    }

    @Test
    void listPagesByAliasWithDefaultMax100AndSearches() throws Exception {
        for (int i = 1; i <= 105; i++) {
            keycloak.putDirect(REALM, JSON.readTree("{\"alias\":\"idp%03d\",\"providerId\":\"oidc\"}".formatted(i)));
        }
        keycloak.putDirect(REALM, JSON.readTree("{\"alias\":\"Corp-One\",\"providerId\":\"saml\"}"));

        JsonNode firstPage = json(send(authed(get(INSTANCES))));
        assertThat(firstPage).hasSize(100);
        assertThat(firstPage.get(0).path("alias").asText()).as("uppercase sorts first").isEqualTo("Corp-One");
        assertThat(json(send(authed(get(INSTANCES + "?first=100")))).size()).isEqualTo(6);
        assertThat(json(send(authed(get(INSTANCES + "?max=-1")))).size()).isEqualTo(106);
        assertThat(json(send(authed(get(INSTANCES + "?search=corp")))).size()).isEqualTo(1);
        assertThat(json(send(authed(get(INSTANCES + "?search=*10*")))).size()).isEqualTo(6 + 1);
        assertThat(send(authed(get(INSTANCES + "?first=abc"))).statusCode()).isEqualTo(404);
    }

    @Test
    void outOfBandChangesAreVisibleThroughTheApi() throws Exception {
        send(authed(post(INSTANCES, OIDC)));

        keycloak.editOutOfBand(REALM, "corp", idp -> idp.with("config").put("clientId", "changed-in-console"));
        assertThat(json(send(authed(get(INSTANCES + "/corp")))).path("config").path("clientId").asText())
                .isEqualTo("changed-in-console");

        assertThat(keycloak.deleteOutOfBand(REALM, "corp")).isTrue();
        assertThat(send(authed(get(INSTANCES + "/corp"))).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownMethodIs405() throws Exception {
        HttpResponse<String> response = send(authed(HttpRequest.newBuilder(uri(INSTANCES + "/corp"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"error\":\"HTTP 405 Method Not Allowed\"}");
    }

    // ---- faults, rate limit, call log ----

    @Test
    void burstOf5xxThenSuccess() throws Exception {
        keycloak.faults().failNext(2, 503).failNext(1, 500);

        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(503);
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(503);
        HttpResponse<String> internal = send(authed(get(INSTANCES)));
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(json(internal).path("error").asText()).isEqualTo("unknown_error");
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
        assertThat(keycloak.faults().injected(Faults.Kind.FAIL)).isEqualTo(3);
    }

    @Test
    void throttledAnswersCarryRetryAfterOnlyWhenAsked() throws Exception {
        keycloak.faults().throttleNext(1, Duration.ofMillis(1500), true).throttleNext(1, Duration.ofSeconds(5), false);

        HttpResponse<String> withHeader = send(authed(get(INSTANCES)));
        assertThat(withHeader.statusCode()).isEqualTo(429);
        assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("2");
        HttpResponse<String> bare = send(authed(get(INSTANCES)));
        assertThat(bare.statusCode()).isEqualTo(429);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
    }

    @Test
    void resetClosesTheConnectionWithoutAnswerAndDelaySlowsTheAnswer() throws Exception {
        send(authed(post(INSTANCES, OIDC)));
        keycloak.faults().resetNext(1).delayNext(1, Duration.ofMillis(300));
        String body = "{\"alias\":\"corp\",\"providerId\":\"oidc\"}";

        assertThatThrownBy(() -> send(authed(put(INSTANCES + "/corp", body)))).isInstanceOf(IOException.class);
        long started = System.nanoTime();
        assertThat(send(authed(put(INSTANCES + "/corp", body))).statusCode()).isEqualTo(204);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(keycloak.calls().count(c -> c.status() == CallLog.NO_RESPONSE)).isEqualTo(1);
    }

    @Test
    void faultsCanBeScopedToOneRoute() throws Exception {
        keycloak.faults().onlyFor(route -> route.startsWith("PUT ")).failNext(1, 502);
        send(authed(post(INSTANCES, OIDC)));

        assertThat(send(authed(get(INSTANCES + "/corp"))).statusCode()).isEqualTo(200);
        assertThat(send(authed(put(INSTANCES + "/corp", OIDC))).statusCode()).isEqualTo(502);
        assertThat(send(authed(put(INSTANCES + "/corp", OIDC))).statusCode()).isEqualTo(204);
    }

    @Test
    void rateLimitAnswers429OnceTheBucketIsEmpty() throws Exception {
        keycloak.withRateLimit(RateLimit.of(0.5, 2));

        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
        assertThat(send(authed(get(INSTANCES))).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = send(authed(get(INSTANCES)));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(keycloak.rateLimit().orElseThrow().rejected()).isEqualTo(1);
    }

    @Test
    void callLogCountsRouteTemplatesAndStatusesButNeverSecrets() throws Exception {
        keycloak.calls().reset();

        send(authed(post(INSTANCES, OIDC)));
        send(authed(get(INSTANCES + "/corp")));
        send(authed(put(INSTANCES + "/corp", OIDC)));
        send(authed(delete(INSTANCES + "/corp")));
        send(authed(get(INSTANCES + "/corp")));

        CallLog calls = keycloak.calls();
        assertThat(calls.count()).isEqualTo(5);
        assertThat(calls.count("GET")).isEqualTo(2);
        assertThat(calls.writes()).isEqualTo(3);
        assertThat(calls.countRoute("PUT /admin/realms/:realm/identity-provider/instances/:alias")).isEqualTo(1);
        assertThat(calls.count(c -> c.status() == 404)).isEqualTo(1);
        assertThat(calls.calls().get(0))
                .isEqualTo(new CallLog.Call("POST", "POST /admin/realms/:realm/identity-provider/instances", 201));
        assertThat(calls.toString()).doesNotContain("s3cret").doesNotContain(token);
    }

    // ---- helpers ----

    private String passwordToken() throws Exception {
        return json(tokenRequest(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin-pw"))).path("access_token").asText();
    }

    private HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(keycloak.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create(keycloak.baseUrl() + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder put(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder delete(String path) {
        return HttpRequest.newBuilder(uri(path)).DELETE();
    }

    private HttpRequest.Builder authed(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private void assertBadRequest(HttpRequest.Builder request, String expectedBody) throws Exception {
        HttpResponse<String> response = send(authed(request));
        assertThat(response.statusCode()).as(expectedBody).isEqualTo(400);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(expectedBody));
    }

    private static void assertError(HttpResponse<String> response, int status, String error, String description)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("error").asText()).isEqualTo(error);
        assertThat(json(response).path("error_description").asText()).isEqualTo(description);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"HTTP 401 Unauthorized\"}");
    }

    /** A clock tests move by hand, so expiry is checked without sleeping. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
