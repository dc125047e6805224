package dev.federator.provider.devrev;

import static dev.federator.sim.devrev.DevRevSimulator.CREATE;
import dev.federator.provider.spi.Lookup;
import static dev.federator.sim.devrev.DevRevSimulator.DELETE;
import static dev.federator.sim.devrev.DevRevSimulator.LIST;
import static dev.federator.sim.devrev.DevRevSimulator.TOGGLE;
import static dev.federator.sim.devrev.DevRevSimulator.UPDATE;
import static dev.federator.provider.devrev.DevRevFixtures.PEM;
import static dev.federator.provider.devrev.DevRevFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.Reason;
import dev.federator.sim.CallLog;
import dev.federator.sim.devrev.DevRevSimulator;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorException;
import dev.federator.testkit.SimulatorRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DevRev adapter against the DevRev simulator, through a real VendorHttp. */
class DevRevClientTest {
    private DevRevSimulator sim;
    private VendorClient client;

    @BeforeEach
    void start() {
        sim = new DevRevSimulator().withToken(TOKEN).withReadOnlyToken("member-token").start();
        client = DevRevFixtures.client(sim, TOKEN);
    }

    /** Every body the adapter sent in the test passed the request rules from DevRev's published schemas. */
    @AfterEach
    void everyBodySentPassedTheRules() { SimulatorRules.assertKeptThenClose(sim.rules(), sim); }

    private RemoteConnection create(DesiredConnection desired) { return client.create(desired, client.render(desired)); }

    private ObjectNode stored(RemoteConnection remote) { return sim.connection(remote.id()).orElseThrow(); }

    @Test
    void everyTypeIsCreatedFlatBesideItsTypeAndThenEnabled() {
        for (DesiredConnection desired : DevRevFixtures.everyType()) {
            RemoteConnection remote = create(desired);
            ObjectNode stored = stored(remote);
            assertThat(stored.path("enabled").asBoolean()).as(desired.name()).isTrue();
            assertThat(stored.path("display_name").asText()).isEqualTo(desired.displayName());
            assertThat(remote.body().path("enabled").asBoolean()).isTrue();
            assertThat(remote.name()).isEqualTo(desired.name());
        }
        Map<String, ObjectNode> byType = new java.util.HashMap<>();
        sim.connections().forEach(c -> byType.put(c.path("type").asText(), c));
        assertThat(byType.keySet()).containsExactlyInAnyOrder("social", "oidc", "okta", "waad", "google_apps", "samlp");
        assertThat(byType.get("oidc").path("issuer").asText()).isEqualTo("https://idp.example.com");
        assertThat(byType.get("oidc").path("client_secret").asText()).isEqualTo("oidc-secret");
        assertThat(byType.get("okta").path("domain").asText()).isEqualTo("corp.okta.com");
        assertThat(byType.get("waad").path("domain").asText()).isEqualTo("corp.onmicrosoft.com");
        assertThat(byType.get("google_apps").path("tenant_domain").asText()).isEqualTo("corp.example.com");
        assertThat(byType.get("google_apps").path("client_secret").asText()).isEqualTo("google-secret");
        ObjectNode saml = byType.get("samlp");
        assertThat(saml.path("sign_in_endpoint").asText()).isEqualTo("https://adfs.example.com/adfs/ls/");
        assertThat(saml.path("signing_cert").asText()).isEqualTo(PEM.trim());
        assertThat(saml.path("fields_map").path("email").asText()).isEqualTo("email");
        assertThat(saml.path("fields_map").path("user_id").asText()).isEqualTo("upn");
        assertThat(saml.path("connection_name").asText()).isEqualTo(DevRevSimulator.DEV_OID + "-corp-adfs");
        // create, then toggle: DevRev creates disabled
        assertThat(sim.calls().countRoute(CREATE)).isEqualTo(5);
        assertThat(sim.calls().countRoute(TOGGLE)).isEqualTo(5);
    }

    @Test
    void aDisabledConnectionIsCreatedWithoutToggle() {
        DesiredConnection off = new DesiredConnection("off", null, false, ConnectionKind.OIDC,
                DevRevFixtures.oidc("off", "s").oidc(), null, null, null, null, Map.of(), "uid");
        RemoteConnection remote = create(off);
        assertThat(stored(remote).path("enabled").asBoolean()).isFalse();
        assertThat(stored(remote).path("display_name").asText()).isEqualTo("off"); // name when no displayName
        assertThat(sim.calls().countRoute(TOGGLE)).isZero();
    }

    @Test
    void readsHideSecretsButReportThemPresentForFingerprintComparison() {
        RemoteConnection created = create(DevRevFixtures.oidc("corp", "s1"));
        RemoteConnection found = client.find(Lookup.byName("corp", created.id())).orElseThrow();
        assertThat(found.body().path("client_secret").asText()).isEqualTo(DevRevRepresentation.HIDDEN);
        assertThat(found.body().toString()).doesNotContain("s1");
        Rendering rendering = client.render(DevRevFixtures.oidc("corp", "s1"));
        assertThat(rendering.writeOnlyPaths()).containsExactly("client_secret");
        assertThat(rendering.identityPaths()).containsExactly("type");
        Rendering saml = client.render(DevRevFixtures.saml("adfs", PEM, null));
        assertThat(saml.writeOnlyPaths()).containsExactly("signing_cert");
    }

    @Test
    void findsByIdThenByDisplayNameOrSamlConnectionName() {
        RemoteConnection oidc = create(DevRevFixtures.oidc("corp", "s"));
        RemoteConnection saml = create(DevRevFixtures.saml("adfs", PEM, "mail"));
        sim.calls().reset();
        assertThat(client.find(Lookup.byName("corp", oidc.id()))).map(RemoteConnection::id).contains(oidc.id());
        assertThat(sim.calls().countRoute(DevRevSimulator.GET)).isEqualTo(1);
        // without an id (crash between create and status write): by the spec's display name, or connection_name,
        // with nothing rendered before (as after a restart)
        assertThat(client.find(Lookup.of(DevRevFixtures.oidc("corp", "s"), null))).map(RemoteConnection::id)
                .contains(oidc.id());
        assertThat(client.find(Lookup.byName("corp", null))).as("the name alone is not the display name").isEmpty();
        sim.editOutOfBand(saml.id(), c -> c.put("display_name", "Renamed in DevRev"));
        assertThat(client.find(Lookup.byName("adfs", null))).map(RemoteConnection::id).contains(saml.id());
        assertThat(client.find(Lookup.byName("nothing", null))).isEmpty();
        sim.deleteOutOfBand(oidc.id());
        assertThat(client.find(Lookup.byName("corp", oidc.id()))).isEmpty();
    }

    @Test
    void twoConnectionsWithTheSameDisplayNameAreReportedNotGuessed() {
        create(DevRevFixtures.oidc("corp", "s"));
        ObjectNode twin = JsonTree.object().put("type", "oidc").put("display_name", "OIDC corp").put("enabled", false)
                .put("client_id", "x").put("issuer", "https://x.example.com");
        sim.insertDirect(twin);
        assertThatThrownBy(() -> client.find(Lookup.of(DevRevFixtures.oidc("corp", "s"), null))).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.AmbiguousName);
    }

    /** DevRev refuses a SAML connection_name that is not "<dev_oid>-<custom>"; the org's id comes from dev-orgs.get. */
    @Test
    void samlConnectionNameIsTheOrgsDevOidAndTheConnectionName() {
        RemoteConnection saml = create(DevRevFixtures.saml("acme-adfs", PEM, "mail"));
        assertThat(stored(saml).path("connection_name").asText()).isEqualTo(DevRevSimulator.DEV_OID + "-acme-adfs");
        assertThat(sim.calls().countRoute(DevRevSimulator.GET_ORG)).isEqualTo(1);
        // found again by it after a lost status, even with another display name
        sim.editOutOfBand(saml.id(), c -> c.put("display_name", "Renamed in DevRev"));
        assertThat(client.find(Lookup.byName("acme-adfs", null))).map(RemoteConnection::id).contains(saml.id());
        assertThat(client.listAll().orElseThrow()).extracting(RemoteConnection::name).contains("acme-adfs");
        assertThat(sim.calls().countRoute(DevRevSimulator.GET_ORG)).isEqualTo(1); // read once per client
    }

    @Test
    void aConnectionNameDevRevWouldRefuseIsReportedBeforeAnyWrite() {
        sim.calls().reset();
        DesiredConnection underscore = DevRevFixtures.saml("acme_adfs", PEM, "mail");
        assertThatThrownBy(() -> create(underscore)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("spec.connectionName").hasMessageContaining(DevRevSimulator.DEV_OID)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.InvalidField);
        assertThat(sim.calls().writes()).isZero();
    }

    @Test
    void updateSendsOnlyChangedFieldsAndTogglesOnlyForEnabled() {
        DesiredConnection v1 = DevRevFixtures.oidc("corp", "s1");
        RemoteConnection remote = create(v1);
        sim.calls().reset();
        DesiredConnection v2 = new DesiredConnection("corp", "Corp SSO", true, ConnectionKind.OIDC, v1.oidc(), null,
                null, null, null, Map.of(), "uid");
        RemoteConnection updated = client.update(remote, v2, client.render(v2), List.of("display_name"));
        assertThat(updated.body().path("display_name").asText()).isEqualTo("Corp SSO");
        assertThat(stored(remote).path("client_secret").asText()).isEqualTo("s1"); // kept: not sent
        assertThat(sim.calls().calls()).extracting(CallLog.Call::toString).containsExactly(UPDATE + " -> 201");

        sim.calls().reset();
        DesiredConnection off = new DesiredConnection("corp", "Corp SSO", false, ConnectionKind.OIDC, v1.oidc(),
                null, null, null, null, Map.of(), "uid");
        RemoteConnection disabled = client.update(updated, off, client.render(off), List.of("enabled"));
        assertThat(disabled.body().path("enabled").asBoolean()).isFalse();
        assertThat(stored(remote).path("enabled").asBoolean()).isFalse();
        assertThat(sim.calls().calls()).extracting(CallLog.Call::toString).containsExactly(TOGGLE + " -> 200");
    }

    @Test
    void secretRotationSendsTheNewSecretOnce() {
        RemoteConnection remote = create(DevRevFixtures.oidc("corp", "s1"));
        sim.calls().reset();
        DesiredConnection rotated = DevRevFixtures.oidc("corp", "s2");
        client.update(remote, rotated, client.render(rotated), List.of("client_secret"));
        assertThat(stored(remote).path("client_secret").asText()).isEqualTo("s2");
        assertThat(sim.calls().writes()).isEqualTo(1);
    }

    @Test
    void samlCertificateAndFieldsMapUpdate() {
        RemoteConnection remote = create(DevRevFixtures.saml("adfs", PEM, "mail"));
        DesiredConnection next = DevRevFixtures.saml("adfs", DevRevFixtures.PEM2, null);
        client.update(remote, next, client.render(next), List.of("signing_cert", "fields_map.email"));
        ObjectNode stored = stored(remote);
        assertThat(stored.path("signing_cert").asText()).isEqualTo(DevRevFixtures.PEM2.trim());
        assertThat(stored.path("fields_map").has("email")).isFalse();
        assertThat(stored.path("fields_map").path("user_id").asText()).isEqualTo("upn");
        assertThat(stored.path("connection_name").asText()).isEqualTo(DevRevSimulator.DEV_OID + "-adfs");
    }

    @Test
    void deleteDisablesFirstThenDeletes() {
        RemoteConnection remote = create(DevRevFixtures.oidc("corp", "s"));
        sim.calls().reset();
        assertThat(client.delete(client.find(Lookup.byName("corp", remote.id())).orElseThrow())).isEqualTo(DeleteOutcome.DELETED);
        assertThat(sim.connection(remote.id())).isEmpty();
        assertThat(sim.calls().calls()).extracting(CallLog.Call::toString).containsExactly(
                DevRevSimulator.GET + " -> 200", TOGGLE + " -> 200", DELETE + " -> 200");
    }

    @Test
    void deletingTheLastEnabledConnectionIsReportedInsteadOfLooping() {
        RemoteConnection remote = create(DevRevFixtures.oidc("corp", "s"));
        sim.editOutOfBand(sim.defaultConnectionId(), c -> c.put("enabled", false));
        RemoteConnection current = client.find(Lookup.byName("corp", remote.id())).orElseThrow();
        sim.calls().reset();
        assertThatThrownBy(() -> client.delete(current)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> {
                    assertThat(((VendorException) e).reason()).isEqualTo(Reason.LastEnabledConnection);
                    assertThat(e.getMessage()).contains("at least one enabled connection", "deletionPolicy: Orphan");
                });
        assertThat(sim.calls().calls()).extracting(CallLog.Call::toString).containsExactly(TOGGLE + " -> 400");
        assertThat(sim.connection(remote.id())).isPresent();
    }

    @Test
    void theDefaultConnectionCannotBeDeleted() {
        ObjectNode social = sim.connection(sim.defaultConnectionId()).orElseThrow();
        social.put("enabled", false);
        sim.editOutOfBand(sim.defaultConnectionId(), c -> c.put("enabled", false));
        assertThatThrownBy(() -> client.delete(new RemoteConnection(social.get("id").asText(), "Google", social)))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.DeleteRefused);
    }

    @Test
    void aDeleteOfAConnectionAlreadyGoneSucceeds() {
        RemoteConnection remote = create(DevRevFixtures.oidc("corp", "s"));
        RemoteConnection current = client.find(Lookup.byName("corp", remote.id())).orElseThrow();
        sim.deleteOutOfBand(remote.id());
        ObjectNode disabled = current.body().deepCopy().put("enabled", false);
        assertThat(client.delete(new RemoteConnection(current.id(), "corp", disabled))).isEqualTo(DeleteOutcome.DELETED);
    }

    @Test
    void theSixthEnterpriseConnectionHitsTheLimitOfFive() {
        DevRevFixtures.everyType().forEach(this::create);
        sim.calls().reset();
        assertThatThrownBy(() -> create(DevRevFixtures.oidc("sixth", "s")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> {
                    assertThat(((VendorException) e).reason()).isEqualTo(Reason.ConnectionLimitReached);
                    assertThat(e.getMessage()).contains("at most 5");
                });
        assertThat(sim.calls().countRoute(CREATE)).isZero();
    }

    @Test
    void badRequestSubtypesPointAtTheSpecField() {
        DesiredConnection noIssuer = new DesiredConnection("corp", null, true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc(null, "cid", SecretValue.of("s"), List.of(), null, null, null, null, null,
                        null, null, null, null), null, null, null, null, Map.of(), "uid");
        assertThatThrownBy(() -> create(noIssuer)).isInstanceOf(InvalidRequestException.class).satisfies(e -> {
            assertThat(((VendorException) e).reason()).isEqualTo(Reason.MissingField);
            assertThat(e.getMessage()).contains("issuer", "spec.oidc.issuer");
        });
        DesiredConnection plainHttp = new DesiredConnection("corp", null, true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("http://idp.example.com", "cid", SecretValue.of("s"), List.of(), null, null,
                        null, null, null, null, null, null, null), null, null, null, null, Map.of(), "uid");
        assertThatThrownBy(() -> create(plainHttp)).satisfies(e -> {
            assertThat(((VendorException) e).reason()).isEqualTo(Reason.InvalidField);
            assertThat(e.getMessage()).contains("spec.oidc.issuer");
        });
        DesiredConnection extra = new DesiredConnection("corp", null, true, ConnectionKind.OIDC,
                DevRevFixtures.oidc("corp", "s").oidc(), null, null, null, null, Map.of("scope", "openid"), "uid");
        assertThatThrownBy(() -> create(extra)).satisfies(e -> {
            assertThat(((VendorException) e).reason()).isEqualTo(Reason.InvalidField);
            assertThat(e.getMessage()).contains("scope", "spec.vendorOptions.scope");
        });
        DesiredConnection noSecret = DevRevFixtures.hosted("g", ConnectionKind.GoogleWorkspace, "x.com", null);
        assertThatThrownBy(() -> create(noSecret)).satisfies(e -> {
            assertThat(((VendorException) e).reason()).isEqualTo(Reason.MissingField);
            assertThat(e.getMessage()).contains("spec.googleWorkspace.clientSecretRef");
        });
        assertThat(sim.connections()).hasSize(1); // only the default one
        // These bodies were incomplete on purpose, and refused by the rules as they must be.
        assertThat(sim.rules().broken()).extracting(c -> c.violations().get(0).property())
                .containsExactly("issuer", "client_secret");
        sim.rules().forget();
    }

    @Test
    void aRateLimitedCallWaitsForRetryAfterAndSucceeds() {
        create(DevRevFixtures.oidc("corp", "s"));
        sim.calls().reset();
        sim.faults().throttleNext(2, Duration.ofSeconds(1), true);
        long start = System.nanoTime();
        assertThat(client.listAll()).hasValueSatisfying(all -> assertThat(all).hasSize(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(sim.calls().calls()).extracting(CallLog.Call::toString)
                .containsExactly(LIST + " -> 429", LIST + " -> 429", LIST + " -> 200");
    }

    @Test
    void aRateLimitWithoutHeadersUsesTheBodysRetryAfter() {
        sim.faults().throttleNext(1, Duration.ofSeconds(1), false);
        long start = System.nanoTime();
        client.verify();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.calls().countRoute(LIST)).isEqualTo(2);
    }

    @Test
    void aLongRetryAfterBecomesATransientFailureWithTheWait() {
        sim.faults().throttleNext(1, Duration.ofSeconds(30), true);
        assertThatThrownBy(() -> client.verify()).isInstanceOf(TransientVendorException.class).satisfies(e -> {
            assertThat(((VendorException) e).reason()).isEqualTo(Reason.RateLimited);
            assertThat(((TransientVendorException) e).retryAfter()).hasValueSatisfying(d ->
                    assertThat(d).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30)));
        });
        assertThat(sim.calls().countRoute(LIST)).isEqualTo(1);
    }

    @Test
    void toggleAndUpdateAreRetriedAfter5xxButCreateIsNot() {
        RemoteConnection remote = create(DevRevFixtures.oidc("corp", "s"));
        sim.faults().onlyFor(route -> !route.startsWith("GET")).failNext(1, 503);
        DesiredConnection off = new DesiredConnection("corp", "x", false, ConnectionKind.OIDC,
                DevRevFixtures.oidc("corp", "s").oidc(), null, null, null, null, Map.of(), "uid");
        client.update(remote, off, client.render(off), List.of("display_name", "enabled"));
        assertThat(stored(remote).path("enabled").asBoolean()).isFalse();
        sim.faults().failNext(1, 500);
        assertThatThrownBy(() -> create(DevRevFixtures.oidc("other", "s"))).isInstanceOf(TransientVendorException.class);
        assertThat(sim.byDisplayName("OIDC other")).isEmpty();
    }

    @Test
    void credentialsAreCheckedWithOneRead() {
        client.verify();
        assertThat(sim.calls().calls()).extracting(CallLog.Call::toString).containsExactly(LIST + " -> 200");
        assertThatThrownBy(() -> DevRevFixtures.client(sim, "wrong").verify())
                .isInstanceOf(AuthenticationException.class).hasMessageNotContaining("wrong");
        VendorClient member = DevRevFixtures.client(sim, "member-token");
        member.verify();
        assertThatThrownBy(() -> member.create(DevRevFixtures.oidc("x", "s"), member.render(DevRevFixtures.oidc("x", "s"))))
                .isInstanceOf(AuthenticationException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.Forbidden);
    }

    @Test
    void listAllUsesOneCallAndSkipsDefaultSocialConnections() {
        DevRevFixtures.everyType().forEach(this::create);
        sim.calls().reset();
        List<RemoteConnection> all = client.listAll().orElseThrow();
        assertThat(all).hasSize(5).allSatisfy(c -> assertThat(c.body().path("type").asText()).isNotEqualTo("social"));
        assertThat(sim.calls().count()).isEqualTo(1);
    }
}
