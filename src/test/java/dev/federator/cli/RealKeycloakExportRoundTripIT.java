package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.it.keycloak.KeycloakAdmin;
import dev.federator.it.keycloak.RealKeycloak;
import dev.federator.it.keycloak.RealKeycloakExtension;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sandbox.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20's round trip against the REAL Keycloak: identity providers made through Keycloak's admin API (as an admin
 * in the console would) are exported, the Secret templates filled, {@code diff} shows them as adopt with nothing to
 * write, and the packaged operator adopts them all, Ready/InSync, without one write on Keycloak. The proof of "no
 * write" does not trust the operator: Keycloak's own admin events record every CREATE/UPDATE/DELETE on an identity
 * provider, and a final out-of-band edit shows that they do.
 */
@ExtendWith(RealKeycloakExtension.class)
class RealKeycloakExportRoundTripIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUT = Path.of("target", "cli");
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("real-keycloak-export", Map.of());
    private static SandboxEnvironment env;
    private static KeycloakAdmin admin;
    private static RealKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(OUT);
        keycloak = RealKeycloakExtension.server();
        admin = keycloak.admin();
        env = SANDBOX.env();
    }

    @Test
    void exportApplyAndAdoptMakeNoWriteOnKeycloak() throws Exception {
        String realm = admin.newRealm();
        Map<String, String> secrets = seed(realm);
        enableAdminEvents(realm);
        Path platformFile = platformFile(Files.createTempDirectory(OUT, "real-keycloak-platform-"), realm);

        Path out = Files.createTempDirectory(OUT, "real-keycloak-export-");
        CliRun export = CliRun.of("export", "--local", "--platforms", platformFile.toString(), "--platform", "kc",
                "--out", out.toString());
        assertThat(export.exit()).as(export.toString()).isEqualTo(ExitCodes.NO_CHANGE);
        Files.writeString(OUT.resolve("real-keycloak-export.yaml"), CliRun.of("export", "--local", "--platforms",
                platformFile.toString(), "--platform", "kc").out());
        SeededConnections.holding("keycloak", secrets).fillSecretTemplates("keycloak", out);
        Files.copy(platformFile, out.resolve("00-platform.yaml"));
        List<JsonNode> exported = Samples.read(out).stream().filter(d -> d.path("kind").asText()
                .equals("IdentityConnection")).map(JsonNode.class::cast).toList();
        assertThat(exported).as("one connection per seeded identity provider").hasSize(secrets.size() + 1);
        assertThat(exported).allSatisfy(c -> assertThat(c.path("metadata").path("annotations")
                .has(ConnectionExport.NOT_EXPORTED)).as("every field read back: %s", c).isFalse());
        JsonNode basic = exported.stream().filter(c -> c.path("spec").path("connectionName").asText()
                .equals("corp-oidc")).findFirst().orElseThrow();
        assertThat(basic.path("spec").path("oidc").path("clientAuthMethod").asText()).isEqualTo("client_secret_basic");

        CliRun diff = CliRun.of("diff", "--local", out.toString());
        Files.writeString(OUT.resolve("real-keycloak-diff.txt"), diff.out() + diff.err());
        JsonNode report = JSON.readTree(CliRun.of("diff", "--local", "-o", "json", out.toString()).out());
        assertThat(report.path("connections")).as(diff.toString()).hasSize(exported.size()).allSatisfy(c -> {
            assertThat(c.path("action").asText()).as(c.toString()).isEqualTo("adopt");
            assertThat(c.path("changes")).as(c.toString()).allSatisfy(change -> assertThat(
                    change.has("secret") || change.path("path").asText().toLowerCase().contains("owner")).isTrue());
        });

        String namespace = env.newNamespace();
        List<IdentityConnection> applied = Samples.apply(env.client(), Samples.read(out), namespace, url -> null);
        assertThat(applied).hasSize(exported.size());
        await("every exported connection Ready/InSync").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(inNamespace(namespace))
                        .hasSize(applied.size()).allSatisfy(c -> assertThat(ready(c))
                                .as("%s: %s", c.getMetadata().getName(), c.getStatus() == null ? null
                                        : c.getStatus().conditions).isEqualTo("True/InSync")));
        assertThat(inNamespace(namespace)).allSatisfy(c -> assertThat(c.getStatus().externalId)
                .as("%s adopted", c.getMetadata().getName()).isNotBlank());
        // A few drift checks (syncInterval 3s) after adoption: still nothing written.
        await("drift checks").pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(inNamespace(namespace)).allSatisfy(c -> assertThat(ready(c))
                        .isEqualTo("True/InSync")));
        assertThat(identityProviderWrites(realm)).as("Keycloak's admin events on identity providers").isEmpty();

        // The check can fail: an out-of-band edit is recorded, by the same query.
        admin.editIdentityProvider(realm, "partner-oidc", idp -> idp.put("displayName", "Edited"));
        await("the control edit is recorded").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(identityProviderWrites(realm)).isNotEmpty());
    }

    /** An OIDC provider with non-default settings, a minimal one, and a SAML one; their client secrets by alias. */
    private static Map<String, String> seed(String realm) {
        ObjectNode full = JSON.createObjectNode().put("alias", "corp-oidc").put("providerId", "oidc")
                .put("displayName", "Corp OIDC").put("enabled", true);
        full.putObject("config").put("clientId", "corp-client").put("clientSecret", "corp-oidc-secret")
                .put("clientAuthMethod", "client_secret_basic").put("issuer", "https://idp.corp.example.com")
                .put("authorizationUrl", "https://idp.corp.example.com/oauth2/authorize")
                .put("tokenUrl", "https://idp.corp.example.com/oauth2/token")
                .put("userInfoUrl", "https://idp.corp.example.com/oauth2/userinfo")
                .put("jwksUrl", "https://idp.corp.example.com/oauth2/keys").put("useJwksUrl", "true")
                .put("validateSignature", "true").put("pkceEnabled", "true").put("pkceMethod", "S256")
                .put("defaultScope", "openid email profile");
        admin.createIdentityProvider(realm, full);
        ObjectNode minimal = JSON.createObjectNode().put("alias", "partner-oidc").put("providerId", "oidc")
                .put("enabled", true);
        minimal.putObject("config").put("clientId", "partner").put("clientSecret", "partner-oidc-secret")
                .put("clientAuthMethod", "client_secret_post")
                .put("authorizationUrl", "https://partner.example.org/authorize")
                .put("tokenUrl", "https://partner.example.org/token");
        admin.createIdentityProvider(realm, minimal);
        ObjectNode saml = JSON.createObjectNode().put("alias", "corp-saml").put("providerId", "saml")
                .put("displayName", "Corp SAML").put("enabled", true);
        saml.putObject("config").put("singleSignOnServiceUrl", "https://adfs.corp.example.com/adfs/ls/")
                .put("singleLogoutServiceUrl", "https://adfs.corp.example.com/adfs/ls/?wa=wsignout1.0")
                .put("idpEntityId", "http://adfs.corp.example.com/adfs/services/trust")
                .put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
                .put("postBindingResponse", "true").put("postBindingAuthnRequest", "true")
                .put("validateSignature", "false");
        admin.createIdentityProvider(realm, saml);
        return Map.of("corp-oidc", "corp-oidc-secret", "partner-oidc", "partner-oidc-secret");
    }

    private static void enableAdminEvents(String realm) {
        ObjectNode events = JSON.createObjectNode().put("adminEventsEnabled", true)
                .put("adminEventsDetailsEnabled", true);
        assertThat(admin.call("PUT", "/admin/realms/" + realm, events).statusCode()).isEqualTo(204);
    }

    /** CREATE/UPDATE/DELETE admin events on identity providers since admin events were enabled. */
    private static List<String> identityProviderWrites(String realm) {
        var response = admin.call("GET", "/admin/realms/" + realm + "/admin-events?max=1000", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> writes = new ArrayList<>();
        for (JsonNode event : KeycloakAdmin.parse(response)) {
            String type = event.path("resourceType").asText();
            if ((type.equals("IDENTITY_PROVIDER") || type.equals("IDENTITY_PROVIDER_MAPPER"))
                    && List.of("CREATE", "UPDATE", "DELETE").contains(event.path("operationType").asText())) {
                writes.add(event.path("operationType").asText() + " " + event.path("resourcePath").asText());
            }
        }
        return writes;
    }

    private static Path platformFile(Path dir, String realm) throws Exception {
        String yaml = """
                apiVersion: v1
                kind: Secret
                metadata: {name: kc-admin, namespace: default}
                stringData: {username: %s, password: %s}
                ---
                apiVersion: federator.dev/v1alpha1
                kind: IdentityPlatform
                metadata: {name: kc, namespace: default}
                spec:
                  keycloak: {url: "%s", realm: %s, authRealm: master, credentialsRef: {name: kc-admin}}
                  syncInterval: 3s
                """.formatted(JSON.writeValueAsString(keycloak.adminUser()), JSON.writeValueAsString(keycloak.adminPassword()),
                keycloak.url(), realm);
        return Files.writeString(dir.resolve("00-platform.yaml"), yaml);
    }

    private static String ready(IdentityConnection c) {
        return c.getStatus() == null ? "pending" : c.getStatus().conditions.stream()
                .filter(k -> k.getType().equals("Ready")).findFirst().map(k -> k.getStatus() + "/" + k.getReason())
                .orElse("none");
    }

    private static List<IdentityConnection> inNamespace(String namespace) {
        return env.client().resources(IdentityConnection.class).inNamespace(namespace).list().getItems();
    }
}
