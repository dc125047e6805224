package dev.federator.provider.auth0;

import dev.federator.provider.spi.Lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.Reason;
import dev.federator.sim.RateLimit;
import dev.federator.sim.auth0.Auth0Simulator;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.SigningCertificate;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.testkit.SimulatorRules;
import dev.federator.testkit.VendorClients;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Auth0 adapter against the Auth0 simulator, through a real VendorHttp. */
class Auth0AdapterTest {
    static final String DOMAIN = "corp.eu.auth0.com";
    static final String OWNER = "0b9e4d1c-uid";
    Auth0Simulator sim;
    VendorClient client;

    @BeforeEach
    void start() {
        sim = new Auth0Simulator(DOMAIN).withClient("m2m", "s3cret", Auth0Simulator.ALL_SCOPES)
                .withDeletionDelay(Duration.ofMillis(400), Duration.ofMillis(400)).start();
        client = connect("m2m", "s3cret");
    }

    /** Every body the adapter sent in the test passed the request rules from Auth0's published schemas. */
    @AfterEach
    void everyBodySentPassedTheRules() { SimulatorRules.assertKeptThenClose(sim.rules(), sim); }

    VendorClient connect(String id, String secret) {
        return VendorClients.connect(new Auth0Provider(), VendorClients.account("ns/auth0",
                new Auth0Settings(DOMAIN, sim.baseUrl()), Map.of("client-id", id, "client-secret", secret)));
    }

    static DesiredConnection desired(String name, ConnectionKind kind, String displayName, String signIn) {
        var oidc = kind == ConnectionKind.OIDC ? new DesiredConnection.Oidc("https://login.corp.example.com",
                "oidc-client", SecretValue.of("oidc-secret"), List.of("openid", "email"),
                "https://login.corp.example.com/.well-known/openid-configuration", null, null, null, null, null, null,
                null, null) : null;
        var saml = kind == ConnectionKind.SAML ? new DesiredConnection.Saml(signIn, null,
                "http://adfs.corp.example.com/adfs/services/trust", null,
                new SigningCertificate("pem", List.of("MIIBdGVzdA=="), Instant.parse("2036-01-01T00:00:00Z"), "CN=idp"),
                null, null, null, true) : null;
        String domain = switch (kind) {
            case AzureAD -> "corp.onmicrosoft.com";
            case Okta -> "corp.okta.com";
            case GoogleWorkspace -> "corp.example.com";
            default -> null;
        };
        var hosted = domain == null ? null : new DesiredConnection.Hosted(kind + "-client",
                SecretValue.of("hosted-secret"), domain);
        var mapping = new DesiredConnection.AttributeMapping("email", "sub", null, null, null);
        return new DesiredConnection(name, displayName, true, kind, oidc, saml, hosted, mapping,
                List.of("corp.example.com"), Map.of(), OWNER);
    }

    /** The managed fields that differ, compared like the operator's Differ (arrays as sets, null = absent). */
    static List<String> differences(Rendering rendering, JsonNode remote) {
        List<String> changed = new ArrayList<>();
        JsonTree.leaves(rendering.body()).forEach((path, want) -> {
            JsonNode have = JsonTree.at(remote, path);
            boolean wantEmpty = want.isNull() || (want.isContainerNode() && want.isEmpty());
            boolean haveEmpty = have.isMissingNode() || have.isNull() || (have.isContainerNode() && have.isEmpty());
            boolean same = wantEmpty || haveEmpty ? wantEmpty == haveEmpty
                    : want.isArray() ? Set.copyOf(toList(want)).equals(Set.copyOf(toList(have)))
                    : want.asText().equals(have.asText());
            if (!same) {
                changed.add(path);
            }
        });
        return changed;
    }

    static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(ConnectionKind.class)
    void createsEveryTypeAndReadsItBackUnchanged(ConnectionKind kind) {
        DesiredConnection want = desired("corp-" + kind.name().toLowerCase(), kind, "Corp", "https://idp/sso");
        Rendering rendering = client.render(want);
        RemoteConnection created = client.create(want, rendering);

        assertThat(created.id()).startsWith("con_");
        ObjectNode stored = sim.connection(want.name()).orElseThrow();
        assertThat(stored.path("strategy").asText()).isEqualTo(Auth0Representation.strategy(kind));
        assertThat(stored.path("options").path("domain_aliases").get(0).asText()).isEqualTo("corp.example.com");
        assertThat(stored.path("metadata").path("federator_owner").asText()).isEqualTo(OWNER);
        RemoteConnection found = client.find(Lookup.byName(want.name(), null)).orElseThrow();
        assertThat(found.id()).isEqualTo(created.id());
        assertThat(differences(rendering, found.body())).isEmpty();
        assertThat(client.find(Lookup.byName(want.name(), created.id())).orElseThrow().id()).isEqualTo(created.id());
    }

    @Test
    void updatesKeepServerManagedOptionKeysThatPatchWouldWipe() {
        DesiredConnection saml = desired("corp-adfs", ConnectionKind.SAML, "Corp", "https://idp/sso");
        client.create(saml, client.render(saml));
        DesiredConnection google = desired("corp-google", ConnectionKind.GoogleWorkspace, "Corp", null);
        client.create(google, client.render(google));
        JsonNode thumbprints = sim.connection("corp-adfs").orElseThrow().path("options").path("thumbprints");
        assertThat(thumbprints.isArray()).isTrue();
        sim.editOutOfBand("corp-adfs", c -> ((ObjectNode) c.path("options")).put("debug", true));

        DesiredConnection changed = desired("corp-adfs", ConnectionKind.SAML, "Corp SSO", "https://idp/sso2");
        Rendering rendering = client.render(changed);
        RemoteConnection current = client.find(Lookup.byName("corp-adfs", null)).orElseThrow();
        List<String> diff = differences(rendering, current.body());
        assertThat(diff).containsExactlyInAnyOrder("display_name", "options.signInEndpoint");
        client.update(current, changed, rendering, diff);

        ObjectNode after = sim.connection("corp-adfs").orElseThrow();
        assertThat(after.path("display_name").asText()).isEqualTo("Corp SSO");
        assertThat(after.path("options").path("signInEndpoint").asText()).isEqualTo("https://idp/sso2");
        assertThat(after.path("options").path("thumbprints")).isEqualTo(thumbprints);
        assertThat(after.path("options").path("cert").asText()).contains("BEGIN CERTIFICATE");
        assertThat(after.path("options").path("debug").asBoolean()).isTrue();

        DesiredConnection renamed = desired("corp-google", ConnectionKind.GoogleWorkspace, "Corp Google", null);
        Rendering googleRendering = client.render(renamed);
        RemoteConnection googleNow = client.find(Lookup.byName("corp-google", null)).orElseThrow();
        String token = googleNow.body().path("options").path("admin_refresh_token").asText();
        client.update(googleNow, renamed, googleRendering, differences(googleRendering, googleNow.body()));
        assertThat(sim.connection("corp-google").orElseThrow().path("options").path("admin_refresh_token").asText())
                .isNotEmpty().isEqualTo(token);
    }

    @Test
    void updateMergesOntoAFreshReadNotAStaleOne() {
        DesiredConnection oidc = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        client.create(oidc, client.render(oidc));
        RemoteConnection stale = client.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        sim.editOutOfBand("corp-oidc", c -> ((ObjectNode) c.path("options")).put("set_user_root_attributes",
                "on_first_login"));
        DesiredConnection changed = desired("corp-oidc", ConnectionKind.OIDC, "Corp 2", null);
        client.update(stale, changed, client.render(changed), List.of("display_name"));
        assertThat(sim.connection("corp-oidc").orElseThrow().path("options").path("set_user_root_attributes")
                .asText()).isEqualTo("on_first_login");
        assertThat(sim.connection("corp-oidc").orElseThrow().path("options").path("oidc_metadata").isObject()).isTrue();
    }

    @Test
    void removedManagedValuesAreRemovedAndDisablingDisablesEveryApplication() {
        sim.withApplication("app1");
        DesiredConnection okta = desired("corp-okta", ConnectionKind.Okta, "Corp", null);
        client.create(okta, client.render(okta));
        sim.assignOutOfBand("corp-okta", "app1", true);
        DesiredConnection off = new DesiredConnection("corp-okta", "Corp", false, ConnectionKind.Okta, null, null,
                okta.hosted(), null, List.of(), Map.of(), OWNER);
        Rendering rendering = client.render(off);
        RemoteConnection current = client.find(Lookup.byName("corp-okta", null)).orElseThrow();
        List<String> diff = differences(rendering, current.body());
        assertThat(diff).contains("enabled_clients", "options.domain_aliases");
        client.update(current, off, rendering, diff);
        ObjectNode after = sim.connection("corp-okta").orElseThrow();
        assertThat(sim.enabledClients("corp-okta")).isEmpty();
        assertThat(after.has("enabled_clients")).isFalse();
        assertThat(after.path("options").path("domain_aliases").isMissingNode()).isTrue();
        assertThat(differences(rendering, client.find(Lookup.byName("corp-okta", null)).orElseThrow().body())).isEmpty();
    }

    @Test
    void applicationsAreAssignedThroughTheClientsEndpointAndTheirDriftIsSeen() {
        sim.withApplication("app1").withApplication("app2").withApplication("app3");
        DesiredConnection base = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        DesiredConnection want = new DesiredConnection(base.name(), base.displayName(), true, base.kind(), base.oidc(),
                null, null, base.attributeMapping(), base.domains(), Map.of("enabled_clients", List.of("app2", "app1")),
                OWNER);
        Rendering rendering = client.render(want);
        client.create(want, rendering);
        assertThat(sim.enabledClients("corp-oidc")).containsExactlyInAnyOrder("app1", "app2");
        assertThat(sim.connection("corp-oidc").orElseThrow().has("enabled_clients")).isFalse();
        assertThat(differences(rendering, client.find(Lookup.byName("corp-oidc", null)).orElseThrow().body())).isEmpty();

        // Someone enables the connection for another application in the dashboard: drift, and it is undone.
        sim.assignOutOfBand("corp-oidc", "app3", true);
        RemoteConnection drifted = client.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        List<String> diff = differences(rendering, drifted.body());
        assertThat(diff).containsExactly("enabled_clients");
        sim.calls().reset();
        client.update(drifted, want, rendering, diff);
        assertThat(sim.enabledClients("corp-oidc")).containsExactlyInAnyOrder("app1", "app2");
        assertThat(sim.calls().countRoute("PATCH /api/v2/connections/:id")).isZero();
        assertThat(sim.calls().countRoute("PATCH /api/v2/connections/:id/clients")).isEqualTo(1);
        assertThat(client.listAll().orElseThrow().get(0).body().has("enabled_clients")).isFalse();
        assertThat(client.completeListed(client.listAll().orElseThrow().get(0), rendering).body()
                .path("enabled_clients")).hasSize(2);

        DesiredConnection off = new DesiredConnection(base.name(), base.displayName(), false, base.kind(), base.oidc(),
                null, null, base.attributeMapping(), base.domains(), Map.of(), OWNER);
        Rendering disabled = client.render(off);
        RemoteConnection now = client.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        client.update(now, off, disabled, differences(disabled, now.body()));
        assertThat(sim.enabledClients("corp-oidc")).isEmpty();
        assertThat(differences(disabled, client.find(Lookup.byName("corp-oidc", null)).orElseThrow().body())).isEmpty();
    }

    @Test
    void aConnectionWithoutDisplayNameStaysInSyncAndPatchesNeverResetIt() {
        DesiredConnection plain = desired("corp-oidc", ConnectionKind.OIDC, null, null);
        Rendering rendering = client.render(plain);
        client.create(plain, rendering);
        RemoteConnection found = client.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        assertThat(differences(rendering, found.body())).isEmpty();

        DesiredConnection named = desired("corp-oidc", ConnectionKind.OIDC, "Corp SSO", null);
        client.update(found, named, client.render(named), List.of("display_name"));
        DesiredConnection moved = new DesiredConnection(named.name(), named.displayName(), true, named.kind(),
                named.oidc(), null, null, named.attributeMapping(), List.of("other.example.com"), Map.of(), OWNER);
        Rendering movedRendering = client.render(moved);
        RemoteConnection current = client.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        client.update(current, moved, movedRendering, List.of("options.domain_aliases"));
        assertThat(sim.connection("corp-oidc").orElseThrow().path("display_name").asText()).isEqualTo("Corp SSO");
        assertThat(differences(movedRendering, client.find(Lookup.byName("corp-oidc", null)).orElseThrow().body())).isEmpty();
    }

    @Test
    void deleteIsAcceptedWith202AndNoBody() {
        DesiredConnection oidc = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        RemoteConnection created = client.create(oidc, client.render(oidc));
        assertThat(client.delete(created)).isEqualTo(DeleteOutcome.PENDING);
        assertThat(sim.calls().count(c -> c.route().equals("DELETE /api/v2/connections/:id") && c.status() == 202))
                .isEqualTo(1);
    }

    @Test
    void aCarelessPatchLosesServerKeysInTheSimulator() throws Exception {
        DesiredConnection saml = desired("corp-adfs", ConnectionKind.SAML, "Corp", "https://idp/sso");
        client.create(saml, client.render(saml));
        String id = sim.connection("corp-adfs").orElseThrow().path("id").asText();
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient
                .newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl()
                                + "/oauth/token")).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\","
                                + "\"client_id\":\"m2m\",\"client_secret\":\"s3cret\",\"audience\":\"https://" + DOMAIN
                                + "/api/v2/\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                .path("access_token").asText();
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sim.baseUrl() + "/api/v2/connections/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"options\":{\"signInEndpoint\":\"https://idp/sso\",\"signingCert\":\"MIIBdGVzdA==\"}}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-ratelimit-remaining")).isPresent();
        assertThat(sim.connection("corp-adfs").orElseThrow().path("options").has("thumbprints")).isFalse();
    }

    @Test
    void invalidNamesAreRejectedBeforeAnyCall() {
        for (String bad : List.of("corp okta", "corp_okta", "-corp", "corp--okta", "x".repeat(129))) {
            assertThatThrownBy(() -> client.render(desired(bad, ConnectionKind.OIDC, "C", null)))
                    .isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).reason()).isEqualTo(Reason.InvalidConnectionName))
                    .hasMessageContaining("spec.connectionName");
        }
        assertThat(client.render(desired("x".repeat(128), ConnectionKind.OIDC, "C", null)).identityPaths())
                .containsExactlyInAnyOrder("name", "strategy");
        assertThat(sim.calls().count()).isZero();
    }

    @Test
    void duplicateNameIsAConflict() {
        DesiredConnection oidc = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        client.create(oidc, client.render(oidc));
        assertThatThrownBy(() -> client.create(oidc, client.render(oidc))).isInstanceOf(ConflictException.class);
    }

    @Test
    void asyncDeleteStaysPendingAndARecreateWaitsForTheName() {
        DesiredConnection oidc = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        RemoteConnection created = client.create(oidc, client.render(oidc));
        assertThat(client.delete(created)).isEqualTo(DeleteOutcome.PENDING);
        assertThat(client.find(Lookup.byName("corp-oidc", created.id()))).isPresent();
        assertThatThrownBy(() -> client.create(oidc, client.render(oidc))).isInstanceOf(ConflictException.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.find(Lookup.byName("corp-oidc", created.id())).isEmpty());
        assertThat(sim.deleting("corp-oidc")).isTrue();
        assertThatThrownBy(() -> client.create(oidc, client.render(oidc)))
                .isInstanceOf(TransientVendorException.class)
                .satisfies(e -> assertThat(((TransientVendorException) e).reason()).isEqualTo(Reason.DeletionInProgress));
        await().atMost(Duration.ofSeconds(5)).until(() -> !sim.deleting("corp-oidc"));
        assertThat(client.create(oidc, client.render(oidc)).id()).isNotEqualTo(created.id());
    }

    @Test
    void wrongSecretAndMissingGrantSayWhichCredentialIsWrong() {
        assertThatThrownBy(() -> connect("m2m", "wrong").verify()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client-id/client-secret").hasMessageNotContaining("wrong");
        sim.withUnauthorizedClient("spa", "x");
        assertThatThrownBy(() -> connect("spa", "x").verify()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Auth0 Management API");
    }

    @Test
    void missingOptionsScopesAreNamed() {
        DesiredConnection oidc = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        client.create(oidc, client.render(oidc));
        sim.withClient("reader", "r", List.of("read:connections", "update:connections"));
        VendorClient reader = connect("reader", "r");
        assertThatThrownBy(reader::verify).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("read:connections_options").hasMessageContaining("update:connections_options");
        assertThatThrownBy(() -> reader.find(Lookup.byName("corp-oidc", null))).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("without its options").hasMessageContaining("read:connections_options");

        sim.withClient("no-update", "u", List.of("read:connections", "update:connections", "read:connections_options"));
        VendorClient noUpdate = connect("no-update", "u");
        RemoteConnection current = noUpdate.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        DesiredConnection changed = desired("corp-oidc", ConnectionKind.OIDC, "Other", null);
        assertThatThrownBy(() -> noUpdate.update(current, changed, noUpdate.render(changed), List.of("display_name")))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).reason()).isEqualTo(Reason.MissingScope))
                .hasMessageContaining("update:connections_options");
        assertThat(sim.connection("corp-oidc").orElseThrow().path("display_name").asText()).isEqualTo("Corp");
    }

    @Test
    void tokenIsCachedAndRefreshedAfterExpiry() {
        client.verify();
        client.find(Lookup.byName("nothing", null));
        assertThat(sim.calls().countRoute("POST /oauth/token")).isEqualTo(1);
        sim.expireTokens();
        client.find(Lookup.byName("nothing", null));
        assertThat(sim.calls().countRoute("POST /oauth/token")).isEqualTo(2);
    }

    @Test
    void throttledUpdateWaitsForTheResetAndIsNotLost() {
        DesiredConnection oidc = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        client.create(oidc, client.render(oidc));
        RemoteConnection current = client.find(Lookup.byName("corp-oidc", null)).orElseThrow();
        sim.faults().onlyFor(route -> route.startsWith("PATCH")).throttleNext(1, Duration.ofMillis(1500), true);
        DesiredConnection changed = desired("corp-oidc", ConnectionKind.OIDC, "Corp 2", null);
        long start = System.nanoTime();
        client.update(current, changed, client.render(changed), List.of("display_name"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.calls().count(c -> c.route().startsWith("PATCH") && c.status() == 429)).isEqualTo(1);
        assertThat(sim.calls().count(c -> c.route().startsWith("PATCH") && c.status() == 200)).isEqualTo(1);
        assertThat(sim.connection("corp-oidc").orElseThrow().path("display_name").asText()).isEqualTo("Corp 2");
    }

    @Test
    void rateLimitHeadersPaceTheTenantSoManyUpdatesAllLand() {
        sim.withRateLimit(RateLimit.of(4, 3));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DesiredConnection d = desired("corp-" + i, ConnectionKind.Okta, "Corp", null);
            client.create(d, client.render(d));
            names.add(d.name());
        }
        for (String name : names) {
            DesiredConnection changed = desired(name, ConnectionKind.Okta, "Renamed", null);
            client.update(client.find(Lookup.byName(name, null)).orElseThrow(), changed, client.render(changed),
                    List.of("display_name"));
        }
        names.forEach(n -> assertThat(sim.connection(n).orElseThrow().path("display_name").asText())
                .isEqualTo("Renamed"));
        // x-ratelimit-remaining: 0 holds the next call until x-ratelimit-reset, so the tenant seldom says 429.
        assertThat(sim.rateLimit().orElseThrow().rejected()).isLessThanOrEqualTo(2);
    }

    @Test
    void listAllPagesThroughEveryManagedConnectionOnly() {
        for (int i = 0; i < 230; i++) {
            ObjectNode c = JsonTree.object().put("name", "conn-" + i).put("strategy", i % 2 == 0 ? "oidc" : "samlp");
            c.putObject("options").put("client_id", "x");
            sim.putDirect(c);
        }
        sim.putDirect((ObjectNode) JsonTree.object().put("name", "google").put("strategy", "google-oauth2"));
        List<RemoteConnection> all = client.listAll().orElseThrow();
        assertThat(all).hasSize(230);
        assertThat(all.stream().map(RemoteConnection::name).distinct().count()).isEqualTo(230);
        assertThat(sim.calls().countRoute("GET /api/v2/connections")).isEqualTo(3);
    }

    @Test
    void vendorOptionsAddKeysButNeverOverrideManagedOnes() {
        DesiredConnection base = desired("corp-oidc", ConnectionKind.OIDC, "Corp", null);
        DesiredConnection extra = new DesiredConnection(base.name(), base.displayName(), true, base.kind(), base.oidc(),
                null, null, null, List.of(), Map.of("show_as_button", true, "options",
                Map.of("set_user_root_attributes", "on_each_login")), OWNER);
        client.create(extra, client.render(extra));
        ObjectNode stored = sim.connection("corp-oidc").orElseThrow();
        assertThat(stored.path("show_as_button").asBoolean()).isTrue();
        assertThat(stored.path("options").path("set_user_root_attributes").asText()).isEqualTo("on_each_login");
        DesiredConnection clash = new DesiredConnection(base.name(), base.displayName(), true, base.kind(), base.oidc(),
                null, null, null, List.of(), Map.of("options", Map.of("client_secret", "x")), OWNER);
        assertThatThrownBy(() -> client.render(clash)).isInstanceOf(InvalidRequestException.class);
    }
}
