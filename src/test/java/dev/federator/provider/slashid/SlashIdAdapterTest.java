package dev.federator.provider.slashid;

import dev.federator.provider.spi.Lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.sim.CallLog;
import dev.federator.sim.RateLimit;
import dev.federator.sim.slashid.SlashIdSimulator;
import dev.federator.status.Conditions;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.OutcomeUnknownException;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.testkit.SimulatorRules;
import dev.federator.testkit.SyncDriver;
import dev.federator.testkit.VendorClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SlashID adapter against the SlashID simulator, driven by the operator's real comparison and write logic. */
class SlashIdAdapterTest {
    private static final String ORG = "org-3f1c";
    private static final String KEY = "sid-api-key-1";
    private static final String UID = "0b9c8f9e-1111-4a2b-9c3d-000000000001";
    private static final String OIDC_POST = "POST " + SlashIdSimulator.OIDC;
    private static final String OIDC_PATCH = "PATCH " + SlashIdSimulator.OIDC + "/:id";
    private static final String OIDC_DELETE = "DELETE " + SlashIdSimulator.OIDC + "/:id";
    private static final String SAML_POST = "POST " + SlashIdSimulator.SAML;

    private final SyncDriver sync = new SyncDriver("ns", "slashid-prod", "slashid");
    private SlashIdSimulator sim;
    private VendorClient client;
    private IdentityConnection connection;
    private IdentityConnectionStatus status;

    @BeforeEach
    void setUp() {
        sim = new SlashIdSimulator(ORG, KEY).start();
        client = connect(KEY, "all_regions", 5);
        connection = SyncDriver.connection("ns", "corp", UID, ConnectionType.OIDC);
        status = new IdentityConnectionStatus();
    }

    /** Every body the adapter sent in the test passed the request rules from SlashID's published schemas. */
    @AfterEach
    void everyBodySentPassedTheRules() { SimulatorRules.assertKeptThenClose(sim.rules(), sim); }

    private VendorClient connect(String apiKey, String consistency, Integer consistencyTimeoutSeconds) {
        return VendorClients.connect(new SlashIdProvider(), VendorClients.account("ns/slashid-prod",
                new SlashIdSettings(sim.baseUrl(), ORG, consistency, consistencyTimeoutSeconds),
                Map.of("api-key", apiKey)));
    }

    private void run(DesiredConnection desired) {
        sync.pass(connection, status, client, desired, false);
    }

    private static DesiredConnection hosted(ConnectionKind kind, String clientId, String secret, String domain) {
        return new DesiredConnection("corp", "Corp SSO", true, kind, null, null,
                new DesiredConnection.Hosted(clientId, SecretValue.of(secret), domain), null, List.of(), Map.of(), UID);
    }

    private static DesiredConnection oidc(String provider, String clientId, String secret, List<String> scopes) {
        return new DesiredConnection("corp", "Corp SSO", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc(null, clientId, SecretValue.of(secret), scopes, null, null, null, null,
                        null, null, null, null, provider),
                null, null, null, List.of(), Map.of(), UID);
    }

    private static DesiredConnection saml(String metadataUrl, String email, String displayName) {
        return new DesiredConnection("corp-adfs", displayName, true, ConnectionKind.SAML, null,
                new DesiredConnection.Saml(null, null, null, metadataUrl, null, null, null, null, null), null,
                new DesiredConnection.AttributeMapping(email, null, null, null, null), List.of(), Map.of(), UID);
    }

    private String readyReason() {
        return Conditions.find(status.conditions, Conditions.READY).orElseThrow().getReason();
    }

    private int calls(String route) { return sim.calls().countRoute(route); }

    // ---- provider mappings ----

    @Test
    void oktaBecomesProviderOktaWithOrganizationUrlAndConsistencyHeaders() {
        run(hosted(ConnectionKind.Okta, "0oa1b2c3", "okta-secret", "corp.okta.com"));

        ObjectNode stored = sim.oidcCredentials().get("0oa1b2c3");
        assertThat(stored.path("provider").asText()).isEqualTo("okta");
        assertThat(stored.at("/options/okta/organization_url").asText()).isEqualTo("https://corp.okta.com");
        assertThat(stored.path("label").asText()).isEqualTo("Corp SSO");
        assertThat(stored.path("external_cred_id").asText()).isEqualTo("federator:" + UID + ":corp");
        assertThat(stored.has("client_secret")).isFalse();
        assertThat(sim.clientSecret("0oa1b2c3")).contains("okta-secret");
        assertThat(sim.lastConsistency()).isEqualTo("all_regions");
        assertThat(sim.lastConsistencyTimeout()).isEqualTo("5");
        assertThat(status.externalId).isEqualTo("0oa1b2c3");
        assertThat(readyReason()).isEqualTo("InSync");
        assertThat(calls(OIDC_POST)).isEqualTo(1);
    }

    @Test
    void azureAdBecomesProviderAzureadWithTenantFromDomain() {
        run(hosted(ConnectionKind.AzureAD, "a1b2-app", "az-secret", "contoso.onmicrosoft.com"));
        ObjectNode stored = sim.oidcCredentials().get("a1b2-app");
        assertThat(stored.path("provider").asText()).isEqualTo("azuread");
        assertThat(stored.at("/options/azuread/tenant").asText()).isEqualTo("contoso.onmicrosoft.com");
        run(hosted(ConnectionKind.AzureAD, "a1b2-app", "az-secret", "contoso.onmicrosoft.com"));
        assertThat(sim.calls().writes()).isEqualTo(1);
    }

    @Test
    void googleWorkspaceBecomesProviderGoogle() {
        run(hosted(ConnectionKind.GoogleWorkspace, "123.apps.googleusercontent.com", "g-secret", "corp.example.com"));
        ObjectNode stored = sim.oidcCredentials().get("123.apps.googleusercontent.com");
        assertThat(stored.path("provider").asText()).isEqualTo("google");
        assertThat(readyReason()).isEqualTo("InSync");
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "gitlab", "bitbucket", "facebook", "line"})
    void oidcUsesTheExplicitProviderAndScopes(String provider) {
        run(oidc(provider, "cid-" + provider, "s1", List.of("read:user", "user:email")));
        ObjectNode stored = sim.oidcCredentials().get("cid-" + provider);
        assertThat(stored.path("provider").asText()).isEqualTo(provider);
        assertThat(stored.at("/options/" + provider + "/authorize_scopes").toString())
                .isEqualTo("[\"read:user\",\"user:email\"]");
        run(oidc(provider, "cid-" + provider, "s1", List.of("read:user", "user:email")));
        assertThat(sim.calls().writes()).isEqualTo(1);
    }

    @Test
    void oidcWithoutProviderIsRejectedWithWhatToSet() {
        assertThatThrownBy(() -> run(oidc(null, "cid", "s1", List.of())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("spec.oidc.provider")
                .satisfies(e -> assertThat(((InvalidRequestException) e).reason()).isEqualTo(Reason.MissingField));
        assertThatThrownBy(() -> run(oidc("myidp", "cid", "s1", List.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("spec.oidc.provider");
        assertThat(sim.calls().writes()).isZero();
    }

    @Test
    void appleTakesItsPrivateKeyFromTheSecretAndKeepsItWriteOnly() {
        DesiredConnection apple = new DesiredConnection("corp", "Sign in with Apple", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc(null, "com.example.web", SecretValue.of("-----BEGIN PRIVATE KEY-----k1"),
                        List.of(), null, null, null, null, null, null, null, null, "apple"),
                null, null, null, List.of(),
                Map.of("options", Map.of("apple", Map.of("team_id", "TEAM123", "key_id", "KEY456"))), UID);
        run(apple);
        ObjectNode stored = sim.oidcCredentials().get("com.example.web");
        assertThat(stored.at("/options/apple/team_id").asText()).isEqualTo("TEAM123");
        assertThat(stored.at("/options/apple/secret_lifetime").asText()).isEqualTo("720h"); // SlashID's default
        assertThat(stored.at("/options/apple").has("private_key")).isFalse();
        assertThat(sim.applePrivateKey("com.example.web")).contains("-----BEGIN PRIVATE KEY-----k1");
        assertThat(sim.clientSecret("com.example.web")).contains("-----BEGIN PRIVATE KEY-----k1"); // required field
        run(apple);
        assertThat(sim.calls().writes()).isEqualTo(1);
        assertThat(readyReason()).isEqualTo("InSync");

        run(apple(SecretValue.of("-----BEGIN PRIVATE KEY-----k2"), Map.of("team_id", "TEAM123", "key_id", "KEY456",
                "secret_lifetime", "2160h")));
        assertThat(sim.applePrivateKey("com.example.web")).contains("-----BEGIN PRIVATE KEY-----k2");
        assertThat(sim.oidcCredentials().get("com.example.web").at("/options/apple/secret_lifetime").asText())
                .isEqualTo("2160h");
        assertThat(calls(OIDC_PATCH)).isEqualTo(1);
    }

    private static DesiredConnection apple(SecretValue key, Map<String, String> appleOptions) {
        return new DesiredConnection("corp", "Sign in with Apple", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc(null, "com.example.web", key, List.of(), null, null, null, null, null, null,
                        null, null, "apple"),
                null, null, null, List.of(), Map.of("options", Map.of("apple", appleOptions)), UID);
    }

    @Test
    void appleOptionsSlashIdRequiresAreCheckedBeforeAnyWrite() {
        SecretValue key = SecretValue.of("-----BEGIN PRIVATE KEY-----k1");
        assertThatThrownBy(() -> client.render(apple(key, Map.of("key_id", "KEY456"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.apple.team_id");
        assertThatThrownBy(() -> client.render(apple(key, Map.of("team_id", "TEAM123"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.apple.key_id");
        for (String lifetime : List.of("1m", "4383h", "30 days")) {
            assertThatThrownBy(() -> client.render(apple(key, Map.of("team_id", "T", "key_id", "K",
                    "secret_lifetime", lifetime)))).as(lifetime).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("secret_lifetime");
        }
        assertThat(sim.calls().writes()).isZero();
    }

    // ---- write-only secret ----

    @Test
    void secretRotationWritesExactlyOnce() {
        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        assertThat(sim.calls().writes()).isEqualTo(1);

        run(hosted(ConnectionKind.Okta, "0oa1", "s2", "corp.okta.com"));
        run(hosted(ConnectionKind.Okta, "0oa1", "s2", "corp.okta.com"));
        assertThat(sim.calls().writes()).isEqualTo(2);
        assertThat(calls(OIDC_PATCH)).isEqualTo(1);
        assertThat(sim.clientSecret("0oa1")).contains("s2");
        assertThat(sync.events()).anyMatch(e -> e.startsWith("Updated") && e.contains("client_secret"));
        assertThat(String.join("\n", sync.events())).doesNotContain("s2").doesNotContain("s1");
    }

    @Test
    void driftIsRevertedWithoutLosingVendorHeldOptions() {
        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        ObjectNode options = (ObjectNode) sim.oidcCredentials().get("0oa1").path("options").deepCopy();
        ((ObjectNode) options.path("okta")).put("server_kept", "yes");
        sim.editOidc("0oa1", "options", options);
        sim.editOidc("0oa1", "label", JsonTree.text("Edited by hand"));

        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        ObjectNode stored = sim.oidcCredentials().get("0oa1");
        assertThat(stored.path("label").asText()).isEqualTo("Corp SSO");
        assertThat(stored.at("/options/okta/server_kept").asText()).isEqualTo("yes");
        assertThat(sim.clientSecret("0oa1")).contains("s1");
        assertThat(calls(OIDC_PATCH)).isEqualTo(1);
    }

    // ---- client-id replacement ----

    @Test
    void clientIdChangeCreatesTheNewCredentialsThenDeletesTheOldAndSaysSo() {
        run(oidc("github", "gh-old", "s1", List.of()));
        sim.calls().reset();

        run(oidc("github", "gh-new", "s1", List.of()));
        assertThat(sim.oidcCredentials()).containsOnlyKeys("gh-new");
        assertThat(sim.calls().calls().stream().filter(CallLog.Call::isWrite).map(CallLog.Call::route))
                .containsExactly(OIDC_POST, OIDC_DELETE);
        assertThat(status.externalId).isEqualTo("gh-new");
        assertThat(readyReason()).isEqualTo("InSync");
        assertThat(sync.events()).anyMatch(e -> e.startsWith("Replaced") && e.contains("gh-new") && e.contains("gh-old"));

        run(oidc("github", "gh-new", "s1", List.of()));
        assertThat(sim.calls().writes()).isEqualTo(2);
    }

    @Test
    void anInterruptedReplacementSaysBothExistAndFinishesOnTheNextPass() {
        run(oidc("github", "gh-old", "s1", List.of()));
        sim.faults().onlyFor(route -> route.equals(OIDC_DELETE)).failNext(1, 400);

        assertThatThrownBy(() -> run(oidc("github", "gh-new", "s1", List.of())))
                .isInstanceOf(TransientVendorException.class)
                .hasMessageContaining("both exist")
                .satisfies(e -> assertThat(((TransientVendorException) e).reason()).isEqualTo(Reason.ReplaceIncomplete));
        assertThat(sim.oidcCredentials()).containsOnlyKeys("gh-old", "gh-new");

        run(oidc("github", "gh-new", "s1", List.of()));
        assertThat(sim.oidcCredentials()).containsOnlyKeys("gh-new");
        assertThat(status.externalId).isEqualTo("gh-new");
        assertThat(calls(OIDC_POST)).isEqualTo(2); // the original and the replacement, never a second replacement
    }

    @Test
    void aLostStatusAfterAnInterruptedReplacementStillDeletesTheOldCredentials() {
        run(oidc("github", "gh-old", "s1", List.of()));
        sim.faults().onlyFor(route -> route.equals(OIDC_DELETE)).failNext(1, 400);
        assertThatThrownBy(() -> run(oidc("github", "gh-new", "s1", List.of())));
        status = new IdentityConnectionStatus(); // status lost: found again by the name in external_cred_id

        run(oidc("github", "gh-new", "s1", List.of()));
        assertThat(sim.oidcCredentials()).containsOnlyKeys("gh-new");
    }

    // ---- 408: outcome unknown ----

    @Test
    void aTimedOutCreateThatLandsLaterNeverBecomesADuplicate() {
        sim.timeoutNextWrites(1, Duration.ofMillis(800));
        DesiredConnection desired = saml("https://adfs.corp.example.com/FederationMetadata/2007-06/FederationMetadata.xml",
                "email", "Corp ADFS");
        connection.getSpec().type = ConnectionType.SAML;

        assertThatThrownBy(() -> run(desired)).isInstanceOf(OutcomeUnknownException.class);
        // The operator retries at once: it re-reads and, the write not being visible yet, does not write again.
        assertThatThrownBy(() -> run(desired)).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("before creating again");
        assertThat(calls(SAML_POST)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.samlCredentials().size() == 1);
        run(desired);
        assertThat(readyReason()).isEqualTo("InSync");
        assertThat(sim.samlCredentials()).hasSize(1);
        assertThat(status.externalId).isEqualTo(sim.samlCredentials().keySet().iterator().next());
        run(desired);
        assertThat(calls(SAML_POST)).isEqualTo(1);
        assertThat(sim.samlCredentials()).hasSize(1);
    }

    @Test
    void aTimedOutOidcCreateIsFoundOnTheNextReadAndNotWrittenAgain() {
        sim.timeoutNextWrites(1, Duration.ofMillis(300));
        DesiredConnection desired = hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com");
        assertThatThrownBy(() -> run(desired)).isInstanceOf(OutcomeUnknownException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.oidcCredentials().containsKey("0oa1"));
        run(desired);
        assertThat(readyReason()).isEqualTo("InSync");
        assertThat(calls(OIDC_POST)).isEqualTo(1);
        assertThat(status.externalId).isEqualTo("0oa1");
    }

    @Test
    void aTimedOutCreateThatNeverLandsIsRetriedAfterTheConsistencyTimeout() {
        client = connect(KEY, null, 1);
        sim.timeoutNextWrites(1, Duration.ofMinutes(10)); // lands long after anyone waits for it
        DesiredConnection desired = hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com");
        assertThatThrownBy(() -> run(desired)).isInstanceOf(OutcomeUnknownException.class);
        assertThatThrownBy(() -> run(desired)).isInstanceOf(OutcomeUnknownException.class);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            try {
                run(desired);
            } catch (OutcomeUnknownException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(calls(OIDC_POST)).isEqualTo(2);
        assertThat(sim.oidcCredentials()).containsOnlyKeys("0oa1");
    }

    // ---- SAML ----

    @Test
    void samlCredentialsMapMetadataLabelAndEmailClaims() {
        connection.getSpec().type = ConnectionType.SAML;
        String url = "https://adfs.corp.example.com/FederationMetadata/2007-06/FederationMetadata.xml";
        run(saml(url, "mail", "Corp ADFS"));
        ObjectNode stored = sim.samlCredentials().values().iterator().next();
        assertThat(stored.path("idp_metadata_url").asText()).isEqualTo(url);
        assertThat(stored.path("label").asText()).isEqualTo("Corp ADFS");
        assertThat(stored.path("email_claims").toString()).isEqualTo("[\"mail\"]");
        assertThat(status.externalId).isEqualTo(stored.path("id").asText());

        run(saml(url, "mail", "Corp ADFS"));
        assertThat(sim.calls().writes()).isEqualTo(1);
        run(saml(url, "upn", "Corp ADFS"));
        assertThat(sim.samlCredentials().values().iterator().next().path("email_claims").toString())
                .isEqualTo("[\"upn\"]");
        assertThat(sim.calls().writes()).isEqualTo(2);
    }

    @Test
    void samlNeedsAMetadataUrl() {
        assertThatThrownBy(() -> run(saml(null, "mail", "Corp ADFS")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("spec.saml.metadataUrl");
    }

    @Test
    void samlFoundAgainByLabelAfterACrashBeforeTheStatusWrite() {
        connection.getSpec().type = ConnectionType.SAML;
        DesiredConnection desired = saml("https://idp.example.com/metadata", "mail", "Corp ADFS");
        run(desired);
        status = new IdentityConnectionStatus();
        status.pendingCreate = "corp-adfs";
        run(desired);
        assertThat(sim.samlCredentials()).hasSize(1);
        assertThat(readyReason()).isEqualTo("InSync");
    }

    @Test
    void deleteRemovesOidcAndSamlCredentials() {
        run(oidc("gitlab", "gl-1", "s1", List.of()));
        client.delete(client.find(Lookup.byName("corp", "gl-1")).orElseThrow());
        assertThat(sim.oidcCredentials()).isEmpty();
        client.render(saml("https://idp.example.com/metadata", null, null));
        status = new IdentityConnectionStatus();
        run(saml("https://idp.example.com/metadata", null, null));
        client.delete(client.find(Lookup.byName("corp-adfs", status.externalId)).orElseThrow());
        assertThat(sim.samlCredentials()).isEmpty();
        assertThat(client.find(Lookup.byName("corp-adfs", status.externalId))).isEmpty();
    }

    // ---- listing (drift checks, federator export) ----

    @Test
    void listAllReadsBothCollectionsOnceAndNamesCredentialsAsFindDoes() {
        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        DesiredConnection saml = saml("https://idp.example.com/metadata", null, "Corp ADFS");
        client.create(saml, client.render(saml));
        // made in SlashID's console: no marker
        sim.insertOidc((ObjectNode) JsonTree.object().put("client_id", "Iv1.gh").put("provider", "github")
                .put("label", "GitHub"), "gh-secret");
        sim.calls().reset();

        List<RemoteConnection> listed = client.listAll().orElseThrow();

        assertThat(listed).extracting(RemoteConnection::name).containsExactlyInAnyOrder("corp", "Corp ADFS", "Iv1.gh");
        assertThat(sim.calls().count("GET")).as("one unpaged GET per collection").isEqualTo(2);
        assertThat(sim.calls().writes()).isZero();
        RemoteConnection okta = listed.stream().filter(r -> r.name().equals("corp")).findFirst().orElseThrow();
        assertThat(okta).isEqualTo(client.find(Lookup.byName("corp", null)).orElseThrow());
        RemoteConnection adfs = listed.stream().filter(r -> r.name().equals("Corp ADFS")).findFirst().orElseThrow();
        assertThat(adfs.body()).isEqualTo(client.find(Lookup.of(saml, null)).orElseThrow().body());
        RemoteConnection unmarked = listed.stream().filter(r -> r.name().equals("Iv1.gh")).findFirst().orElseThrow();
        assertThat(unmarked.id()).isEqualTo("Iv1.gh");
        assertThat(unmarked.body().path("client_secret").asText()).isEqualTo(SlashIdRepresentation.HELD);
        assertThat(JsonTree.at(unmarked.body(), SlashIdRepresentation.NAME).asText()).isEqualTo("Iv1.gh");
        assertThat(JsonTree.at(unmarked.body(), SlashIdRepresentation.OWNER).isMissingNode()).isTrue();
    }

    // ---- ownership ----

    @Test
    void foreignCredentialsForTheClientIdAreAdoptedOnlyWhenAsked() {
        sim.insertOidc((ObjectNode) JsonTree.object().put("id", "x").put("client_id", "0oa1").put("provider", "okta")
                .put("label", "Theirs").set("options", JsonTree.MAPPER.createObjectNode().set("okta",
                        JsonTree.object().put("organization_url", "https://corp.okta.com"))), "their-secret");
        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        assertThat(readyReason()).isEqualTo("AlreadyExists");
        assertThat(sim.calls().writes()).isZero();

        connection.getSpec().adoption = AdoptionPolicy.IfExists;
        run(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        assertThat(readyReason()).isEqualTo("InSync");
        assertThat(sim.oidcCredentials().get("0oa1").path("external_cred_id").asText()).contains(UID);
        assertThat(sim.clientSecret("0oa1")).contains("s1");
        assertThat(sync.events()).anyMatch(e -> e.startsWith("Adopted"));
    }

    /**
     * SAML credentials carry only a label: a client that never rendered them (a restart after a lost status) finds
     * them from the lookup the operator builds from the spec, not from anything an earlier render left behind.
     */
    @Test
    void samlCredentialsWithADisplayNameAreFoundByAFreshClientFromTheLookupAlone() {
        DesiredConnection adfs = saml("https://adfs.example.com/metadata", "mail", "Corp ADFS");
        String id = client.create(adfs, client.render(adfs)).id();
        VendorClient restarted = connect(KEY, null, null);
        sim.calls().reset();

        assertThat(restarted.find(Lookup.of(adfs, null))).map(r -> r.id()).contains(id);
        assertThat(sim.calls().writes()).isZero();
        // The name alone cannot be told from the label: nothing else is guessed.
        assertThat(restarted.find(Lookup.byName("corp-adfs", null))).isEmpty();
    }

    // ---- errors and limits ----

    @Test
    void aWrongApiKeyIsInvalidCredentialsWithoutTheKeyInTheMessage() {
        VendorClient wrong = connect("not-the-key", null, null);
        assertThatThrownBy(wrong::verify).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).reason()).isEqualTo(Reason.InvalidCredentials))
                .hasMessageNotContaining("not-the-key").hasMessageContaining("invalid API key");
        client.verify();
    }

    @Test
    void vendorValidationErrorsCarryTheEnvelopesMessage() {
        DesiredConnection bad = hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com");
        sim.faults().onlyFor(route -> route.equals(OIDC_POST)).failNext(1, 422);
        assertThatThrownBy(() -> run(bad)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("422");
    }

    @Test
    void rateLimitingBecomesRateLimitedWithTheVendorsWait() {
        sim.withRateLimit(RateLimit.of(0.01, 1));
        client.verify();
        assertThatThrownBy(client::verify).isInstanceOf(TransientVendorException.class)
                .satisfies(e -> {
                    TransientVendorException t = (TransientVendorException) e;
                    assertThat(t.reason()).isEqualTo(Reason.RateLimited);
                    assertThat(t.retryAfter()).isPresent();
                });
    }

    @Test
    void platformSettingsAreValidated() {
        assertThatThrownBy(() -> connect(KEY, "everywhere", null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("local_region");
        assertThatThrownBy(() -> connect(KEY, null, 121))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1-120");
    }

    @Test
    void renderingMarksSecretsWriteOnlyAndProviderAsIdentity() {
        var rendering = client.render(hosted(ConnectionKind.Okta, "0oa1", "s1", "corp.okta.com"));
        assertThat(rendering.writeOnlyPaths()).containsExactly("client_secret");
        assertThat(rendering.identityPaths()).containsExactly("provider");
        JsonNode body = rendering.body();
        assertThat(body.at("/federator/owner").asText()).isEqualTo(UID);
        assertThat(client.ownerMarkerPath()).contains("federator.owner");
        assertThatThrownBy(() -> client.render(new DesiredConnection("corp", null, false, ConnectionKind.Okta, null,
                null, new DesiredConnection.Hosted("0oa1", SecretValue.of("s"), "corp.okta.com"), null, List.of(),
                Map.of(), UID))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("disabled");
    }
}
