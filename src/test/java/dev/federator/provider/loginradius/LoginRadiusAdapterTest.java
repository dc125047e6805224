package dev.federator.provider.loginradius;

import dev.federator.provider.spi.Lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.connection.RemoteSnapshots;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.PemCertificates;
import dev.federator.sim.RateLimit;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
import dev.federator.status.Conditions;
import dev.federator.testkit.SyncDriver;
import dev.federator.testkit.VendorClients;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.kit.CallObserver;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.SigningCertificate;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LoginRadius adapter against its simulator, over real HTTP, alone and driven by the operator's sync. */
class LoginRadiusAdapterTest {
    private static final String KEY = "k3y-Value+abc/1";
    private static final String SECRET = "s3cr3t-Value&xyz=2";
    private static final String ORG = "org-1";
    private static final String DOMAIN = "corp.example.com";

    private final List<String> observedOperations = new CopyOnWriteArrayList<>();
    private final SyncDriver sync = new SyncDriver("ns", "lr", "loginradius");
    private final MovableClock clock = new MovableClock();
    private LoginRadiusSimulator sim;
    private VendorHttp http;
    private IdentityConnection connection;
    private IdentityConnectionStatus status;

    /** Lets a test move past the client's short list reuse without sleeping. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.now();
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void tick() { now = now.plus(LoginRadiusClient.LIST_REUSE).plusMillis(1); }
    }

    @BeforeEach
    void setUp() {
        sim = new LoginRadiusSimulator().withCredentials(KEY, SECRET)
                .withOrganization(ORG, DOMAIN, "other.example.com").start();
        http = VendorClients.http(new CallObserver() {
            @Override public void onCall(String operation, int status, Duration latency) {
                observedOperations.add(operation + " " + status);
            }
            @Override public void onRateLimitWait(Duration waited) {}
        });
        connection = SyncDriver.connection("ns", "corp-adfs", "uid-1", ConnectionType.SAML);
        status = new IdentityConnectionStatus();
    }

    @AfterEach
    void tearDown() { sim.close(); }

    private VendorClient client() { return client(KEY, SECRET, ORG); }

    private VendorClient client(String key, String secret, String org) {
        PlatformAccount<LoginRadiusSettings> account = VendorClients.account("ns/lr",
                new LoginRadiusSettings(sim.baseUrl(), org), Map.of("api-key", key, "api-secret", secret));
        LoginRadiusTransport transport = new LoginRadiusTransport(http, sim.baseUrl(), org, SecretValue.of(key),
                SecretValue.of(secret));
        // The provider wires the same transport with the system clock; this one lets tests skip the list reuse.
        assertThat(new LoginRadiusProvider().connect(account, http)).isInstanceOf(LoginRadiusClient.class);
        return new LoginRadiusClient(transport, clock);
    }

    private static SigningCertificate cert(int n) {
        try (InputStream in = LoginRadiusAdapterTest.class.getResourceAsStream("/loginradius/idp-" + n + ".crt")) {
            return PemCertificates.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "test", Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DesiredConnection saml(String entityId, SigningCertificate cert, List<String> domains,
                                          Map<String, Object> vendorOptions) {
        return new DesiredConnection("corp-adfs", "Corp ADFS", true, ConnectionKind.SAML, null,
                new DesiredConnection.Saml("https://adfs.corp.example.com/adfs/ls/", null, entityId,
                        "https://adfs.corp.example.com/FederationMetadata/2007-06/FederationMetadata.xml", cert, null,
                        null, true, null),
                null, new DesiredConnection.AttributeMapping("email", "upn", "given_name", "surname", "groups"),
                domains, vendorOptions, "uid-1");
    }

    /** PEM with headers, as every published LoginRadius example shows IDPCertificate.Certificate. */
    private static String pem(SigningCertificate cert) {
        String pem = LoginRadiusRepresentation.pem(cert.base64Der().get(0));
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----");
        return pem;
    }

    private static DesiredConnection saml(String entityId, SigningCertificate cert) {
        return saml(entityId, cert, List.of(DOMAIN), Map.of());
    }

    private void run(VendorClient client, DesiredConnection desired) {
        sync.pass(connection, status, client, desired, false);
        clock.tick();
    }

    private int writes() { return sim.calls().writes(); }

    @Test
    void samlCreateUpdateRotateCertificateAndDelete() {
        VendorClient client = client();
        DesiredConnection first = saml("http://adfs/trust", cert(1), List.of(DOMAIN),
                Map.of("Attributes", Map.of("CustomMapping", Map.of("department", "dept"))));
        run(client, first);
        ObjectNode stored = sim.connection(ORG, "corp-adfs").orElseThrow();
        assertThat(stored.path("ConnectionType").asText()).isEqualTo("saml_custom");
        assertThat(stored.path("Domain").asText()).isEqualTo(DOMAIN);
        assertThat(stored.path("IsActive").asBoolean()).isTrue();
        assertThat(stored.path("IDPEntityId").asText()).isEqualTo("http://adfs/trust");
        assertThat(stored.has("IDPLoginUrl")).isFalse(); // no documented field: LoginRadius reads the metadata
        assertThat(stored.path("IDPMetadataUrl").asText()).endsWith("FederationMetadata.xml");
        assertThat(stored.path("IsIDPInitiated").asBoolean()).isTrue();
        assertThat(stored.path("Attributes").path("Email").asText()).isEqualTo("email");
        assertThat(stored.path("Attributes").path("ID").asText()).isEqualTo("upn");
        assertThat(stored.path("Attributes").path("Groups").asText()).isEqualTo("groups");
        assertThat(stored.path("Attributes").path("CustomMapping").path("department").asText()).isEqualTo("dept");
        assertThat(stored.path("IDPCertificate").path("Certificate").asText()).isEqualTo(pem(cert(1)));
        // The certificate round-trips: LoginRadius' NotAfter and the status agree with the Secret's certificate.
        assertThat(Instant.parse(stored.path("IDPCertificate").path("NotAfter").asText())).isEqualTo(cert(1).notAfter());
        assertThat(status.signingCertificate.notAfter).isEqualTo(cert(1).notAfter().toString());
        assertThat(status.externalId).isEqualTo(stored.path("Id").asText());
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
        assertThat(writes()).isEqualTo(1);

        // Unchanged: reads only (the certificate's derived dates and the server's fields are not managed).
        run(client, first);
        run(client, first);
        assertThat(writes()).isEqualTo(1);

        // A field LoginRadius holds beyond the managed ones survives an update (PUT replaces writable fields).
        sim.editOutOfBand(ORG, "corp-adfs", c -> c.putArray("GroupRoles").add("admins"));
        clock.tick();
        run(client, saml("http://adfs/trust-v2", cert(1), List.of(DOMAIN),
                Map.of("Attributes", Map.of("CustomMapping", Map.of("department", "dept")))));
        stored = sim.connection(ORG, "corp-adfs").orElseThrow();
        assertThat(stored.path("IDPEntityId").asText()).isEqualTo("http://adfs/trust-v2");
        assertThat(stored.path("GroupRoles").get(0).asText()).isEqualTo("admins");
        assertThat(stored.path("Attributes").path("CustomMapping").path("department").asText()).isEqualTo("dept");
        assertThat(writes()).isEqualTo(2);
        assertThat(sync.events()).anyMatch(e -> e.startsWith("Updated") && e.contains("IDPEntityId"));

        // Certificate rotation: exactly one write, and the new NotAfter everywhere.
        run(client, saml("http://adfs/trust-v2", cert(2)));
        stored = sim.connection(ORG, "corp-adfs").orElseThrow();
        assertThat(writes()).isEqualTo(3);
        assertThat(stored.path("IDPCertificate").path("Certificate").asText()).isEqualTo(pem(cert(2)));
        assertThat(Instant.parse(stored.path("IDPCertificate").path("NotAfter").asText())).isEqualTo(cert(2).notAfter());
        assertThat(status.signingCertificate.notAfter).isEqualTo(cert(2).notAfter().toString());
        run(client, saml("http://adfs/trust-v2", cert(2)));
        assertThat(writes()).isEqualTo(3);

        RemoteConnection remote = client.find(Lookup.byName("corp-adfs", status.externalId)).orElseThrow();
        assertThat(client.delete(remote)).isEqualTo(DeleteOutcome.DELETED);
        assertThat(sim.connection(ORG, "corp-adfs")).isEmpty();
        assertThat(client.find(Lookup.byName("corp-adfs", status.externalId))).isEmpty();
        // Deleting what is already gone (8151) is a successful delete.
        assertThat(client.delete(remote)).isEqualTo(DeleteOutcome.DELETED);
    }

    @Test
    void domainErrorsSayWhatToFixAndAreNotRetried() {
        sim.unverify(ORG, "pending.example.com");
        VendorClient client = client();
        DesiredConnection unverified = saml("e", cert(1), List.of("pending.example.com"), Map.of());
        InvalidRequestException notVerified = catchThrowableOfType(
                () -> client.create(unverified, client.render(unverified)), InvalidRequestException.class);
        assertThat(notVerified.reason()).isEqualTo(Reason.DomainNotVerified);
        assertThat(notVerified.getMessage()).contains("pending.example.com", "8177", "spec.domains", ORG);

        DesiredConnection foreign = saml("e", cert(1), List.of("elsewhere.example.org"), Map.of());
        InvalidRequestException notInOrg = catchThrowableOfType(
                () -> client.create(foreign, client.render(foreign)), InvalidRequestException.class);
        assertThat(notInOrg.reason()).isEqualTo(Reason.DomainNotInOrganization);
        assertThat(notInOrg.getMessage()).contains("elsewhere.example.org", "8150", "spec.domains");
        assertThat(sim.calls().countRoute("POST /v2/manage/organizations/:orgId/connections")).isEqualTo(2);

        // Updating onto a bad domain is refused the same way.
        run(client, saml("e", cert(1)));
        clock.tick();
        assertThatThrownBy(() -> run(client, unverified)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.DomainNotVerified);

        // No domain at all is caught before any call.
        int calls = sim.calls().count();
        assertThatThrownBy(() -> client.render(saml("e", cert(1), List.of(), Map.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("set spec.domains")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.MissingDomain);
        assertThatThrownBy(() -> client.render(saml("e", cert(1), List.of(DOMAIN, "other.example.com"), Map.of())))
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.TooManyDomains);
        assertThat(sim.calls().count()).isEqualTo(calls);
    }

    @Test
    void aDuplicateNameIsAdoptedOnlyWhenTheSpecAllowsIt() {
        ObjectNode foreign = JsonTree.object().put("Name", "corp-adfs").put("Domain", DOMAIN)
                .put("IDPEntityId", "http://someone-else");
        String foreignId = sim.putDirect(ORG, foreign).path("Id").asText();
        VendorClient client = client();

        // Creating the name again is 8148: a conflict.
        assertThatThrownBy(() -> client.create(saml("e", cert(1)), client.render(saml("e", cert(1)))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("8148");
        sim.calls().reset();

        run(client, saml("http://adfs/trust", cert(1)));
        assertThat(Conditions.find(status.conditions, Conditions.READY).orElseThrow().getReason())
                .isEqualTo("AlreadyExists");
        assertThat(writes()).isZero();
        assertThat(sim.connection(ORG, "corp-adfs").orElseThrow().path("IDPEntityId").asText())
                .isEqualTo("http://someone-else");

        connection.getSpec().adoption = AdoptionPolicy.IfExists;
        run(client, saml("http://adfs/trust", cert(1)));
        assertThat(sync.events()).anyMatch(e -> e.startsWith("Adopted"));
        assertThat(status.externalId).isEqualTo(foreignId);
        assertThat(sim.connections(ORG)).hasSize(1);
        assertThat(sim.connection(ORG, "corp-adfs").orElseThrow().path("IDPEntityId").asText())
                .isEqualTo("http://adfs/trust");
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
    }

    @Test
    void aConnectionDeletedOutOfBandIsCreatedAgain() {
        VendorClient client = client();
        run(client, saml("http://adfs/trust", cert(1)));
        String firstId = status.externalId;

        // Deleted between our read and our update: 8151 tells the operator to come back and re-read soon.
        RemoteConnection stale = client.find(Lookup.byName("corp-adfs", firstId)).orElseThrow();
        sim.deleteOutOfBand(ORG, "corp-adfs");
        DesiredConnection changed = saml("http://adfs/trust-v2", cert(1));
        TransientVendorException vanished = catchThrowableOfType(() -> client.update(stale, changed,
                client.render(changed), List.of("IDPEntityId")), TransientVendorException.class);
        assertThat(vanished.reason()).isEqualTo(Reason.ConnectionVanished);
        assertThat(vanished.retryAfter()).contains(LoginRadiusTransport.VANISHED_RETRY);

        // The next pass finds nothing and creates it again.
        clock.tick();
        run(client, changed);
        ObjectNode recreated = sim.connection(ORG, "corp-adfs").orElseThrow();
        assertThat(recreated.path("IDPEntityId").asText()).isEqualTo("http://adfs/trust-v2");
        assertThat(status.externalId).isEqualTo(recreated.path("Id").asText()).isNotEqualTo(firstId);
        assertThat(sync.events()).anyMatch(e -> e.startsWith("Recreated"));
    }

    @Test
    void findAndDriftChecksCostOneListCallPerOrganization() {
        sim.putDirect(ORG, JsonTree.object().put("Name", "a").put("Domain", DOMAIN));
        sim.putDirect(ORG, JsonTree.object().put("Name", "b").put("Domain", DOMAIN));
        sim.putDirect(ORG, JsonTree.object().put("Name", "c").put("Domain", DOMAIN));
        VendorClient client = client();
        sim.calls().reset();
        assertThat(client.find(Lookup.byName("a", null))).isPresent();
        assertThat(client.find(Lookup.byName("b", null))).isPresent();
        assertThat(client.find(Lookup.byName("zzz", null))).isEmpty();
        assertThat(client.listAll().orElseThrow()).extracting(RemoteConnection::name).containsExactly("a", "b", "c");
        assertThat(sim.calls().calls()).hasSize(2); // the lookups share one read; listAll reads afresh
        assertThat(sim.calls().countRoute("GET /v2/manage/organizations")).isEqualTo(2);

        // The operator's steady-state drift checks share one listing of the organization for all its connections.
        RemoteSnapshots snapshots = new RemoteSnapshots(Clock.systemUTC());
        sim.calls().reset();
        for (String name : List.of("a", "b", "c")) {
            assertThat(snapshots.find("ns/lr", client, name, Duration.ofMinutes(1), null).orElseThrow()).isPresent();
        }
        assertThat(sim.calls().calls()).hasSize(1);
        sim.calls().reset();
        clock.tick();

        // A write drops the shared read, so the next lookup sees it.
        RemoteConnection a = client.find(Lookup.byName("a", null)).orElseThrow();
        client.delete(a);
        assertThat(client.find(Lookup.byName("a", null))).isEmpty();
        assertThat(sim.calls().countRoute("GET /v2/manage/organizations")).isEqualTo(2);
    }

    @Test
    void organizationAndCredentialProblemsAreReported() {
        assertThatThrownBy(() -> client("wrong", SECRET, ORG).verify()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("901").hasMessageContaining("apiKeyRef");
        assertThatThrownBy(() -> client(KEY, "wrong", ORG).verify()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("902");
        assertThatThrownBy(() -> client(KEY, SECRET, "nope").verify()).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.OrganizationNotFound);
        sim.withOrganization("sleepy").deactivate("sleepy");
        assertThatThrownBy(() -> client(KEY, SECRET, "sleepy").verify()).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.OrganizationNotActive);
        client().verify();
    }

    @Test
    void rateLimitWithoutHeadersAndInternalErrorsAreTransient() {
        VendorClient client = client();
        sim.faults().throttleNext(2, Duration.ofSeconds(1), false);
        assertThat(client.find(Lookup.byName("x", null))).isEmpty();
        assertThat(sim.faults().injected()).isEqualTo(2);
        assertThat(observedOperations).containsSubsequence("list 429", "list 429", "list 200");

        // The simulator's own limit: a burst of reads is paced through, never failed.
        sim.withRateLimit(RateLimit.of(5, 2));
        for (int i = 0; i < 5; i++) {
            clock.tick();
            client.find(Lookup.byName("x", null));
        }
        assertThat(sim.rateLimit().orElseThrow().rejected()).isPositive();
        sim.withRateLimit(null);

        // 7909 on a create (not repeated blindly: the operator re-reads first).
        sim.faults().failNext(1, 500);
        DesiredConnection desired = saml("e", cert(1));
        assertThatThrownBy(() -> client.create(desired, client.render(desired)))
                .isInstanceOf(TransientVendorException.class);
        assertThat(sim.connections(ORG)).isEmpty();
        VendorResponse internal = new VendorResponse(400, HttpHeaders.of(Map.of(), (a, b) -> true),
                "{\"Description\":\"oops\",\"ErrorCode\":7909,\"Message\":\"x\"}");
        assertThat(transport().failure(internal, "list", null)).isInstanceOf(TransientVendorException.class);
    }

    private LoginRadiusTransport transport() {
        return new LoginRadiusTransport(http, sim.baseUrl(), ORG, SecretValue.of(KEY), SecretValue.of(SECRET));
    }

    @Test
    void theApiKeyAndSecretNeverAppearInMessagesOrMetrics() {
        List<Throwable> failures = new ArrayList<>();
        VendorClient client = client();
        DesiredConnection desired = saml("e", cert(1));
        failures.add(catchThrowableOfType(() -> client(KEY, "bad-secret", ORG).verify(), VendorException.class));
        failures.add(catchThrowableOfType(() -> client("bad-key", SECRET, ORG).verify(), VendorException.class));
        failures.add(catchThrowableOfType(() -> client(KEY, SECRET, "missing-org").verify(), VendorException.class));
        sim.faults().failNext(4, 503);
        failures.add(catchThrowableOfType(client::verify, VendorException.class)); // 5xx, retries exhausted
        sim.faults().throttleNext(4, Duration.ofSeconds(30), true);
        clock.tick();
        failures.add(catchThrowableOfType(client::verify, VendorException.class)); // 429 beyond the inline wait
        sim.faults().clear();
        sim.faults().resetNext(20); // the JDK client repeats a GET once by itself
        clock.tick();
        failures.add(catchThrowableOfType(client::verify, VendorException.class)); // no answer at all
        sim.faults().clear();
        DesiredConnection badDomain = saml("e", cert(1), List.of("elsewhere.example.org"), Map.of());
        failures.add(catchThrowableOfType(() -> client.create(badDomain, client.render(badDomain)),
                VendorException.class));
        RemoteConnection created = client.create(desired, client.render(desired));
        sim.deleteOutOfBand(ORG, "corp-adfs");
        failures.add(catchThrowableOfType(() -> client.update(created, desired, client.render(desired),
                List.of("IDPEntityId")), VendorException.class));
        // A vendor that echoes the credentials in its error text is scrubbed too.
        VendorResponse echo = new VendorResponse(400, HttpHeaders.of(Map.of(), (a, b) -> true),
                "{\"Description\":\"bad apikey " + KEY + " / " + URLEncoder.encode(SECRET, StandardCharsets.UTF_8)
                        + "\",\"ErrorCode\":1234,\"Message\":\"x\"}");
        failures.add(transport().failure(echo, "read", null));

        assertThat(failures).hasSize(9).doesNotContainNull();
        List<String> printed = new ArrayList<>();
        for (Throwable failure : failures) {
            printed.add(failure.toString());
            printed.add(((VendorException) failure).reason().name());
            for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
                printed.add(t.toString());
            }
        }
        printed.addAll(observedOperations);
        printed.addAll(sync.events());
        assertThat(printed).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(KEY, SECRET, URLEncoder.encode(KEY, StandardCharsets.UTF_8),
                        URLEncoder.encode(SECRET, StandardCharsets.UTF_8), "apikey=", "apisecret="));
        assertThat(printed).anyMatch(text -> text.contains("bad apikey ******"));
        // ... while the requests really carried them (the simulator refuses anything else).
        assertThat(sim.connections(ORG)).isEmpty();
        assertThat(sim.calls().count(c -> c.status() == 200)).isPositive();
    }

    @Test
    void oidcIsSentOnlyAsVendorOptionsDescribeIt() {
        VendorClient client = client();
        DesiredConnection bare = new DesiredConnection("partner", null, true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp", "cid", null, List.of(), null, null, null, null, null, null,
                        null, null, null), null, null, null, List.of(DOMAIN), Map.of(), "uid");
        assertThatThrownBy(() -> client.render(bare)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.UnverifiedConnectionType);
        // Passed through as described; the simulator knows only saml_custom and refuses the rest, as LoginRadius
        // refuses an invalid ConnectionType with its own error.
        DesiredConnection described = new DesiredConnection("partner", null, true, ConnectionKind.OIDC, bare.oidc(),
                null, null, null, List.of(DOMAIN), Map.of("ConnectionType", "oidc_custom"), "uid");
        assertThatThrownBy(() -> client.create(described, client.render(described)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(Integer.toString(LoginRadiusSimulator.INVALID_CONNECTION_TYPE))
                .hasMessageContaining("connection type");
        assertThat(sim.connection(ORG, "partner")).isEmpty();
        DesiredConnection withSecret = new DesiredConnection("partner", null, true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp", "cid", SecretValue.of("s"), List.of(), null, null, null,
                        null, null, null, null, null, null), null, null, null, List.of(DOMAIN),
                Map.of("ConnectionType", "oidc_custom"), "uid");
        assertThatThrownBy(() -> client.render(withSecret))
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.UnverifiedField);
    }

    /** LoginRadius computes the SP side itself: read from the create response, a listing and an update response. */
    @Test
    void serviceProviderValuesAreReadFromWhatLoginRadiusReturns() {
        VendorClient client = client();
        DesiredConnection desired = saml("http://idp.example.com/corp", cert(1));
        RemoteConnection created = client.create(desired, client.render(desired));
        String id = created.id();
        ServiceProvider expected = new ServiceProvider(null, "https://lr.example.com/saml/" + id + "/acs",
                "https://lr.example.com/saml/" + id, "https://lr.example.com/saml/" + id + "/metadata",
                sim.connection(ORG, "corp-adfs").orElseThrow().path("SPCertificate").path("Certificate").asText());
        assertThat(expected.certificate()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(client.serviceProvider(desired, created)).contains(expected);

        clock.tick();
        RemoteConnection listed = client.find(Lookup.of(desired, id)).orElseThrow();
        assertThat(client.serviceProvider(desired, listed)).contains(expected);
        DesiredConnection changed = saml("http://idp.example.com/other", cert(1));
        RemoteConnection updated = client.update(listed, changed, client.render(changed), List.of("IDPEntityId"));
        assertThat(client.serviceProvider(changed, updated)).contains(expected);
    }

    @Test
    void serviceProviderValuesLeaveOutWhatLoginRadiusDidNotReturn() {
        VendorClient client = client();
        DesiredConnection desired = saml("http://idp.example.com/corp", cert(1));
        ObjectNode partial = JsonTree.object().put("Id", "c1").put("Name", "corp-adfs").put("EntityId", "urn:sp");
        assertThat(client.serviceProvider(desired, new RemoteConnection("c1", "corp-adfs", partial)))
                .contains(new ServiceProvider(null, null, "urn:sp", null, null));
        ObjectNode none = JsonTree.object().put("Id", "c1").put("Name", "corp-adfs");
        assertThat(client.serviceProvider(desired, new RemoteConnection("c1", "corp-adfs", none))).isEmpty();
        // OIDC connections are undocumented on LoginRadius: no values even if fields of those names came back.
        DesiredConnection oidc = new DesiredConnection("corp-adfs", null, true, ConnectionKind.OIDC, null, null, null,
                null, List.of(DOMAIN), Map.of(), "uid-1");
        assertThat(client.serviceProvider(oidc, new RemoteConnection("c1", "corp-adfs", partial))).isEmpty();
    }
}
