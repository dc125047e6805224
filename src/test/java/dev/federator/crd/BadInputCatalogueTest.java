package dev.federator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.sandbox.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid manifests users could write, each with the rejection they must see from the API server (schema and CEL
 * rules of crds/), kept as files under src/test/resources/bad-input with an "# expect:" line. The samples must pass.
 */
class BadInputCatalogueTest {
    private static final Path CATALOGUE = Path.of("src", "test", "resources", "bad-input");
    private static final CrdValidator VALIDATOR = new CrdValidator(Path.of("crds"));

    static Stream<Path> badManifests() throws IOException {
        return Files.list(CATALOGUE).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void isRejectedWithTheExpectedMessage(Path file) throws IOException {
        String text = Files.readString(file);
        String expect = text.lines().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow()
                .substring("# expect: ".length());
        List<JsonNode> docs = new YAMLMapper().readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class)
                .readAll();
        JsonNode old = docs.size() == 2 ? docs.get(0) : null;
        JsonNode manifest = docs.get(docs.size() - 1);
        if (old != null) {
            assertThat(VALIDATOR.validate(old, null)).as("the stored object of an update case is valid").isEmpty();
        }
        assertThat(VALIDATOR.validate(manifest, old)).as(file.getFileName().toString())
                .anySatisfy(error -> assertThat(error).contains(expect));
    }

    @Test
    void theCatalogueIsLargeEnoughToMatter() throws IOException {
        assertThat(badManifests().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void everySampleIsAcceptedAndAcceptsItselfAsAnUpdate() {
        for (ObjectNode doc : Samples.read(Path.of("samples"))) {
            if (doc.path("apiVersion").asText().startsWith("federator.dev/")) {
                assertThat(VALIDATOR.validate(doc, null)).as(doc.path("metadata").path("name").asText()).isEmpty();
                assertThat(VALIDATOR.validate(doc, doc)).as(doc.path("metadata").path("name").asText()).isEmpty();
            }
        }
    }

    /** The cases only the operator can catch (OperatorRejectionsE2EIT) must get past admission to reach it. */
    @Test
    void theOperatorOnlyCasesPassTheSchema() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "bad-input-operator"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (ObjectNode doc : Samples.read(file)) {
                    if (doc.path("apiVersion").asText().startsWith("federator.dev/")) {
                        assertThat(VALIDATOR.validate(doc, null)).as(file.getFileName().toString()).isEmpty();
                    }
                }
            }
        }
    }

    /** The tightened fields still take the values real accounts have. */
    @Test
    void realWorldHostsNamesAndDomainsAreAccepted() throws IOException {
        for (String domain : List.of("corp.eu.auth0.com", "login.corp.example.com", "corp-1.us.auth0.com", "127.0.0.1")) {
            assertAccepted("""
                    kind: IdentityPlatform
                    spec: {auth0: {domain: "%s", credentialsRef: {name: auth0-m2m.v2}}}
                    """.formatted(domain));
        }
        for (String realm : List.of("corp", "corp.example.com", "team-a_eu.1", "Corp-Ünïcode")) {
            assertAccepted("""
                    kind: IdentityPlatform
                    spec: {keycloak: {url: "https://sso.example.com", realm: "%s", authRealm: "%s", credentialsRef: {name: kc}},
                           tls: {caBundleRef: {name: corp-ca, key: ca_bundle.pem}}}
                    """.formatted(realm, realm));
        }
        for (String orgId : List.of("0123abcd-4567-89ef-0123-456789abcdef", "org_2Xyz")) {
            assertAccepted("""
                    kind: IdentityPlatform
                    spec: {slashid: {organizationId: "%s", apiKeyRef: {name: slashid, key: api-key}}}
                    """.formatted(orgId));
        }
        assertAccepted("""
                kind: IdentityPlatform
                spec: {ezto: {url: "https://api.eztoauth.com", workspace: corp, tokenRef: {name: t, key: token},
                       pathTemplate: "/api/v1/workspaces/{workspace}/identity-providers"}}
                """);
        for (String[] hosted : List.of(new String[] {"Okta", "okta", "domain", "corp.okta.com"},
                new String[] {"Okta", "okta", "domain", "corp.oktapreview.com"},
                new String[] {"AzureAD", "azureAD", "domain", "corp.onmicrosoft.com"},
                new String[] {"AzureAD", "azureAD", "domain", "72f988bf-86f1-41af-91ab-2d7cd011db47"},
                new String[] {"GoogleWorkspace", "googleWorkspace", "tenantDomain", "corp.example.co.uk"})) {
            assertAccepted("""
                    kind: IdentityConnection
                    spec:
                      platformRef: {name: keycloak-corp.eu}
                      type: %s
                      %s: {%s: "%s", clientId: 0oa1b2c3, clientSecretRef: {name: idp, key: tls.crt}}
                      domains: [corp.example.com, xn--bcher-kva.example, Sub.Corp-1.example.org]
                    """.formatted((Object[]) hosted));
        }
        for (String method : List.of("client_secret_post", "client_secret_basic", "client_secret_jwt", "private_key_jwt")) {
            assertAccepted("""
                    kind: IdentityConnection
                    spec:
                      platformRef: {name: kc}
                      type: OIDC
                      oidc: {issuer: "https://idp.example.com", clientId: c, clientAuthMethod: %s, provider: github,
                             scopes: [openid, "read:user", "https://www.googleapis.com/auth/userinfo.email"]}
                    """.formatted(method));
        }
    }

    private static void assertAccepted(String yaml) throws IOException {
        ObjectNode manifest = (ObjectNode) new YAMLMapper().readTree(yaml);
        manifest.put("apiVersion", "federator.dev/v1alpha1");
        manifest.putObject("metadata").put("name", "real-world");
        assertThat(VALIDATOR.validate(manifest, null)).as(yaml).isEmpty();
    }

    @Test
    void plainHttpIsAcceptedForLoopbackAndInClusterServers() throws IOException {
        for (String url : List.of("http://localhost:8080", "http://127.0.0.1:9000/auth", "http://keycloak.sso.svc:8080",
                "http://keycloak.sso.svc.cluster.local")) {
            JsonNode platform = new YAMLMapper().readTree("""
                    apiVersion: federator.dev/v1alpha1
                    kind: IdentityPlatform
                    metadata: {name: kc}
                    spec:
                      keycloak: {url: "%s", realm: corp, credentialsRef: {name: kc}}
                    """.formatted(url));
            assertThat(VALIDATOR.validate(platform, null)).as(url).isEmpty();
        }
    }
}
