package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.OidcSpec;
import dev.federator.api.v1alpha1.SamlSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.idp.RecheckRequests;
import dev.federator.it.keycloak.KeycloakAdmin;
import dev.federator.it.keycloak.RealKeycloak;
import dev.federator.it.keycloak.RealKeycloakExtension;
import dev.federator.sandbox.SandboxEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second realm of the real Keycloak as the upstream IdP: it serves real OpenID discovery and real SAML metadata.
 * The connections carry no endpoints and no certificate; the operator reads them from those documents, and a key
 * rotation in the IdP realm reaches the identity provider in the platform's realm without any manifest change.
 */
@ExtendWith(RealKeycloakExtension.class)
class IdpDocumentsRealKeycloakE2EIT {
    private static RealKeycloak server;
    private static SandboxEnvironment env;
    private String ns;
    private String spRealm;
    private String idpRealm;

    @BeforeAll
    static void start() {
        server = RealKeycloakExtension.server();
        env = new SandboxEnvironment(Path.of("target", "e2e", "idp-documents-operator.log"));
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    private KubernetesClient kube() { return env.client(); }

    private KeycloakAdmin admin() { return server.admin(); }

    @BeforeEach
    void realmsAndPlatform() {
        ns = env.newNamespace();
        spRealm = admin().newRealm();
        idpRealm = admin().newRealm();
        RealKeycloakBackend backend = new RealKeycloakBackend(server);
        kube().resource(Manifests.secret(ns, "kc-credentials", backend.credentials())).create();
        IdentityPlatform platform = Manifests.keycloakPlatform(ns, "kc", backend, spRealm, "kc-credentials");
        // A drift check only every hour: whatever changes within the test comes from the re-check annotation.
        platform.getSpec().syncInterval = "1h";
        kube().resource(platform).create();
    }

    @Test
    void oidcDiscoveryFillsTheEndpointsKeycloakNeeds() {
        kube().resource(Manifests.secret(ns, "corp-client", Map.of("client-secret", "s3cr3t-value"))).create();
        IdentityConnection c = Manifests.connection(ns, "corp-oidc", "kc", ConnectionType.OIDC, "Corp");
        c.getSpec().oidc = new OidcSpec();
        c.getSpec().oidc.issuer = issuer();
        c.getSpec().oidc.clientId = "federator-broker";
        c.getSpec().oidc.clientSecretRef = new SecretKeyRef("corp-client", "client-secret");
        kube().resource(c).create();

        awaitReady("corp-oidc");
        JsonNode config = admin().identityProvider(spRealm, "corp-oidc").orElseThrow().path("config");
        String protocol = issuer() + "/protocol/openid-connect";
        assertThat(config.path("authorizationUrl").asText()).isEqualTo(protocol + "/auth");
        assertThat(config.path("tokenUrl").asText()).isEqualTo(protocol + "/token");
        assertThat(config.path("userInfoUrl").asText()).isEqualTo(protocol + "/userinfo");
        assertThat(config.path("jwksUrl").asText()).isEqualTo(protocol + "/certs");
        assertThat(config.path("logoutUrl").asText()).isEqualTo(protocol + "/logout");
        assertThat(config.path("issuer").asText()).isEqualTo(issuer());
        assertThat(ConnectionProbe.get(kube(), ns, "corp-oidc").getStatus().serviceProvider.redirectUri)
                .isEqualTo(server.url() + "/realms/" + spRealm + "/broker/corp-oidc/endpoint");
    }

    @Test
    void aSamlKeyRotationReachesTheVendorWithoutAManifestChange() {
        IdentityConnection c = Manifests.connection(ns, "corp-saml", "kc", ConnectionType.SAML, "Corp SAML");
        c.getSpec().saml = new SamlSpec();
        c.getSpec().saml.metadataUrl = issuer() + "/protocol/saml/descriptor";
        kube().resource(c).create();

        awaitReady("corp-saml");
        List<JsonNode> before = signingKeys();
        assertThat(before).hasSize(1);
        JsonNode idp = admin().identityProvider(spRealm, "corp-saml").orElseThrow();
        assertThat(idp.path("config").path("signingCertificate").asText())
                .isEqualTo(before.get(0).path("certificate").asText());
        assertThat(idp.path("config").path("idpEntityId").asText()).isEqualTo(issuer());
        assertThat(idp.path("config").path("singleSignOnServiceUrl").asText())
                .isEqualTo(issuer() + "/protocol/saml");

        // What the IdP admin is told to enter is what this Keycloak really serves.
        var sp = ConnectionProbe.get(kube(), ns, "corp-saml").getStatus().serviceProvider;
        String broker = server.url() + "/realms/" + spRealm + "/broker/corp-saml/endpoint";
        assertThat(sp.acsUrl).isEqualTo(broker);
        assertThat(sp.entityId).isEqualTo(server.url() + "/realms/" + spRealm);
        assertThat(sp.metadataUrl).isEqualTo(broker + "/descriptor");
        assertThat(admin().call("GET", "/realms/" + spRealm + "/broker/corp-saml/endpoint/descriptor", null).body())
                .contains("entityID=\"" + sp.entityId + "\"").contains("Location=\"" + broker + "\"");

        rotateSigningKey(before.get(0));
        String newCertificate = signingKeys().get(0).path("certificate").asText();
        assertThat(newCertificate).isNotEqualTo(before.get(0).path("certificate").asText());
        requestRecheck("corp-saml");

        ConnectionScenarios.await("the new certificate on the vendor").untilAsserted(() ->
                assertThat(admin().identityProvider(spRealm, "corp-saml").orElseThrow().path("config")
                        .path("signingCertificate").asText()).isEqualTo(newCertificate));
        ConnectionScenarios.await("the rollover reported").untilAsserted(() ->
                assertThat(ConnectionProbe.events(kube(), ns, "corp-saml"))
                        .anySatisfy(e -> assertThat(e).startsWith("IdpMetadataChanged: ").contains("added: [sha256:")
                                .contains("removed: [sha256:").doesNotContain(newCertificate.substring(0, 40)))
                        .anySatisfy(e -> assertThat(e).startsWith("Updated: ").contains("signingCertificate")));

        // Asked again with nothing changed: the vendor is compared, nothing is written.
        long updates = updates("corp-saml");
        // A comparison that finds nothing changed leaves lastSyncTime alone; the operator's metric shows it ran.
        double compared = dev.federator.sandbox.LastCompared.of(env.operator(), ns, "corp-saml").orElseThrow();
        requestRecheck("corp-saml");
        ConnectionScenarios.await("the re-check pass").untilAsserted(() -> assertThat(
                dev.federator.sandbox.LastCompared.of(env.operator(), ns, "corp-saml")).hasValueSatisfying(
                        t -> assertThat(t).isGreaterThan(compared)));
        assertThat(updates("corp-saml")).isEqualTo(updates);
        assertThat(ConnectionProbe.ready(kube(), ns, "corp-saml")).isEqualTo("True/InSync");
    }

    private String issuer() { return server.url() + "/realms/" + idpRealm; }

    private void awaitReady(String name) {
        ConnectionScenarios.await(name + " Ready").untilAsserted(() ->
                assertThat(ConnectionProbe.ready(kube(), ns, name)).isEqualTo("True/InSync"));
    }

    private long updates(String name) {
        return ConnectionProbe.events(kube(), ns, name).stream().filter(e -> e.startsWith("Updated: ")).count();
    }

    private void requestRecheck(String name) {
        kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).edit(current -> {
            Map<String, String> annotations = new java.util.HashMap<>(current.getMetadata().getAnnotations() == null
                    ? Map.of() : current.getMetadata().getAnnotations());
            annotations.put(RecheckRequests.ANNOTATION, Instant.now().toString() + "-" + System.nanoTime());
            current.getMetadata().setAnnotations(annotations);
            return current;
        });
    }

    /** The IdP realm's RS256 signing keys, as its admin API lists them. */
    private List<JsonNode> signingKeys() {
        JsonNode keys = KeycloakAdmin.parse(admin().call("GET", "/admin/realms/" + idpRealm + "/keys", null));
        List<JsonNode> found = new ArrayList<>();
        keys.path("keys").forEach(k -> {
            if ("RS256".equals(k.path("algorithm").asText()) && "SIG".equals(k.path("use").asText())
                    && k.hasNonNull("certificate")) {
                found.add(k);
            }
        });
        return found;
    }

    /** As an IdP admin rotates: a new key provider, then the old one removed. */
    private void rotateSigningKey(JsonNode old) {
        String realmId = KeycloakAdmin.parse(admin().call("GET", "/admin/realms/" + idpRealm, null)).path("id").asText();
        ObjectNode provider = KeycloakAdmin.JSON.createObjectNode().put("name", "rsa-rotated")
                .put("providerId", "rsa-generated").put("providerType", "org.keycloak.keys.KeyProvider")
                .put("parentId", realmId);
        ObjectNode config = provider.putObject("config");
        config.putArray("priority").add("500");
        config.putArray("enabled").add("true");
        config.putArray("active").add("true");
        config.putArray("algorithm").add("RS256");
        assertThat(admin().call("POST", "/admin/realms/" + idpRealm + "/components", provider).statusCode())
                .isEqualTo(201);
        assertThat(admin().call("DELETE", "/admin/realms/" + idpRealm + "/components/"
                + old.path("providerId").asText(), null).statusCode()).isEqualTo(204);
        assertThat(signingKeys()).hasSize(1);
    }
}
