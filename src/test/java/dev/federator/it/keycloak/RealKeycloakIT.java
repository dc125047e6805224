package dev.federator.it.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness against the real server, and the Keycloak 26.0.7 admin API behaviours the operator relies on, pinned
 * so that a Keycloak upgrade that changes them fails here rather than in a scenario.
 */
@ExtendWith(RealKeycloakExtension.class)
class RealKeycloakIT {
    private static final String MASK = "**********";
    private static final String OWNER_KEY = "federator.dev/owner";
    private static UpstreamIdp upstream;

    private RealKeycloak keycloak;
    private KeycloakAdmin admin;
    private String realm;

    @BeforeAll
    static void startUpstream() {
        upstream = UpstreamIdp.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void realm() {
        keycloak = RealKeycloakExtension.server();
        admin = keycloak.admin();
        realm = admin.newRealm();
    }

    @Test
    void serves_the_master_realm_on_loopback() {
        assertThat(keycloak.url()).startsWith("http://127.0.0.1:");
        assertThat(keycloak.adminUser()).isEqualTo("admin");
        assertThat(admin.token()).isNotBlank();
        System.out.printf("Keycloak pid %d ready in %d ms at %s%n", keycloak.pid(), keycloak.startTime().toMillis(), keycloak.url());
    }

    @Test
    void create_answers_201_with_the_location_of_the_instance() {
        String location = admin.createIdentityProvider(realm, oidc("acme", "s3cret"));

        assertThat(location).isEqualTo(keycloak.url() + "/admin/realms/" + realm + "/identity-provider/instances/acme");
        assertThat(admin.identityProviderCount(realm)).isEqualTo(1);
    }

    @Test
    void a_create_keeps_the_internal_id_sent_with_it() {
        // The adapter takes the id of a new provider from what it sent instead of reading it back.
        String internalId = java.util.UUID.randomUUID().toString();
        ObjectNode representation = oidc("acme", "s3cret");
        representation.put("internalId", internalId);
        admin.createIdentityProvider(realm, representation);

        assertThat(admin.identityProvider(realm, "acme").orElseThrow().path("internalId").asText()).isEqualTo(internalId);
    }

    @Test
    void reads_mask_the_client_secret_and_keep_extra_config_keys() {
        admin.createIdentityProvider(realm, oidc("acme", "s3cret"));

        JsonNode idp = admin.identityProvider(realm, "acme").orElseThrow();
        assertThat(idp.path("config").path("clientSecret").asText()).isEqualTo(MASK);
        assertThat(idp.path("config").path(OWNER_KEY).asText()).isEqualTo("ns/connection");
        assertThat(idp.path("config").path("clientAuthMethod").asText()).isEqualTo("client_secret_post");

        admin.editIdentityProvider(realm, "acme", i -> ((ObjectNode) i.path("config")).put("clientId", "changed"));
        assertThat(admin.identityProvider(realm, "acme").orElseThrow().path("config").path(OWNER_KEY).asText())
                .isEqualTo("ns/connection");
    }

    @Test
    void the_upstream_receives_the_stored_secret() {
        admin.createIdentityProvider(realm, oidc("acme", "first-secret"));

        assertThat(upstream.secretSentBy(keycloak, realm, "acme")).contains("first-secret");
    }

    @Test
    void a_put_of_the_mask_keeps_the_stored_secret() {
        admin.createIdentityProvider(realm, oidc("acme", "first-secret"));
        JsonNode before = admin.identityProvider(realm, "acme").orElseThrow();

        admin.editIdentityProvider(realm, "acme", i -> { });

        assertThat(admin.identityProvider(realm, "acme").orElseThrow()).isEqualTo(before);
        assertThat(upstream.secretSentBy(keycloak, realm, "acme")).contains("first-secret");
    }

    @Test
    void a_put_of_a_new_secret_replaces_it() {
        admin.createIdentityProvider(realm, oidc("acme", "first-secret"));

        admin.editIdentityProvider(realm, "acme", i -> config(i).put("clientSecret", "second-secret"));

        assertThat(admin.identityProvider(realm, "acme").orElseThrow().path("config").path("clientSecret").asText())
                .isEqualTo(MASK);
        assertThat(upstream.secretSentBy(keycloak, realm, "acme")).contains("second-secret");
    }

    @Test
    void a_put_without_the_secret_key_erases_the_secret() {
        admin.createIdentityProvider(realm, oidc("acme", "first-secret"));

        admin.editIdentityProvider(realm, "acme", i -> config(i).remove("clientSecret"));

        assertThat(admin.identityProvider(realm, "acme").orElseThrow().path("config").has("clientSecret")).isFalse();
        assertThat(upstream.secretSentBy(keycloak, realm, "acme")).isEmpty();
    }

    @Test
    void a_put_of_an_empty_secret_erases_it() {
        admin.createIdentityProvider(realm, oidc("acme", "first-secret"));

        admin.editIdentityProvider(realm, "acme", i -> config(i).put("clientSecret", ""));

        assertThat(admin.identityProvider(realm, "acme").orElseThrow().path("config").has("clientSecret")).isFalse();
        assertThat(upstream.secretSentBy(keycloak, realm, "acme")).isEmpty();
    }

    @Test
    void a_create_with_the_mask_stores_the_mask_itself() {
        admin.createIdentityProvider(realm, oidc("acme", MASK));

        assertThat(upstream.secretSentBy(keycloak, realm, "acme")).contains(MASK);
    }

    @Test
    void a_put_with_another_alias_in_the_body_renames_the_instance() {
        admin.createIdentityProvider(realm, oidc("acme", "s3cret"));

        admin.editIdentityProvider(realm, "acme", i -> i.put("alias", "renamed"));

        assertThat(admin.identityProvider(realm, "acme")).isEmpty();
        assertThat(admin.identityProvider(realm, "renamed")).isPresent();
    }

    @Test
    void a_duplicate_alias_answers_409() {
        admin.createIdentityProvider(realm, oidc("acme", "s3cret"));

        HttpResponse<String> r = admin.call("POST", KeycloakAdmin.identityProvidersPath(realm), oidc("acme", "other"));

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).isEqualTo("{\"errorMessage\":\"Identity Provider acme already exists\"}");
        assertThat(admin.identityProviderCount(realm)).isEqualTo(1);
    }

    @Test
    void an_alias_with_a_space_answers_400() {
        HttpResponse<String> r = admin.call("POST", KeycloakAdmin.identityProvidersPath(realm), oidc("has space", "s3cret"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"Empty Space not allowed.\"}");
        assertThat(admin.identityProviderCount(realm)).isZero();
    }

    /** The config validation the simulator reproduces (ProviderConfigRules): each answered 400 by the real server. */
    @Test
    void malformed_urls_unsupported_pkce_and_transient_subject_answer_400() {
        String[][] cases = {
                {"oidc", "authorizationUrl", "not a url", "The url [authorization_url] is malformed"},
                {"oidc", "tokenUrl", "ftp://idp.example/token", "Invalid protocol/scheme for url [token_url]"},
                {"oidc", "userInfoUrl", "http://idp.example/userinfo", "The url [userinfo_url] requires secure connections"},
                {"oidc", "pkceMethod", "S512", "PKCE Method not supported: S512"},
                {"saml", "singleSignOnServiceUrl", "idp.example/sso", "The url [singleSignOnServiceUrl] is malformed"},
                {"saml", "singleLogoutServiceUrl", "mailto:x@idp.example",
                        "Invalid protocol/scheme for url [singleLogoutServiceUrl]"},
                {"saml", "metadataDescriptorUrl", "metadata.xml", "The url [metadataDescriptorUrl] is malformed"},
                {"saml", "nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
                        "Can not have Transient NameID Policy Format together with SUBJECT Principal Type"}};
        for (String[] c : cases) {
            ObjectNode idp = KeycloakAdmin.JSON.createObjectNode().put("alias", "bad").put("providerId", c[0]);
            ObjectNode config = idp.putObject("config").put(c[1], c[2]);
            if (c[1].equals("pkceMethod")) {
                config.put("pkceEnabled", "true");
            }
            HttpResponse<String> r = admin.call("POST", KeycloakAdmin.identityProvidersPath(realm), idp);
            assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
            assertThat(KeycloakAdmin.parse(r).path("errorMessage").asText()).as(c[1]).isEqualTo(c[3]);
        }
        assertThat(admin.identityProviderCount(realm)).isZero();
    }

    @Test
    void a_missing_instance_answers_404() {
        HttpResponse<String> r = admin.call("GET", KeycloakAdmin.identityProviderPath(realm, "missing"), null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"HTTP 404 Not Found\"}");
        assertThat(admin.identityProvider(realm, "missing")).isEmpty();
    }

    @Test
    void a_missing_realm_answers_404_with_its_own_message() {
        HttpResponse<String> r = admin.call("GET", KeycloakAdmin.identityProviderPath("no-such-realm", "missing"), null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"Realm not found.\"}");
    }

    private static ObjectNode oidc(String alias, String secret) {
        ObjectNode idp = KeycloakAdmin.JSON.createObjectNode().put("alias", alias).put("providerId", "oidc").put("enabled", true);
        idp.putObject("config")
                .put("clientId", "federator-client")
                .put("clientSecret", secret)
                .put("authorizationUrl", upstream.authorizationUrl())
                .put("tokenUrl", upstream.tokenUrl())
                .put("clientAuthMethod", "client_secret_post")
                .put(OWNER_KEY, "ns/connection");
        return idp;
    }

    private static ObjectNode config(ObjectNode idp) { return (ObjectNode) idp.path("config"); }
}
