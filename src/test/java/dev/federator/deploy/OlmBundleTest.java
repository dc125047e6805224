package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OLM bundle as operator-sdk's bundle validation and OLM read it: registry+v1 layout, the annotations OLM needs, a
 * CSV with install modes, a deployment strategy, owned CRDs that are exactly the shipped CRDs, and RBAC equal to the
 * kustomize base's (the RBAC the audit proves).
 */
class OlmBundleTest {
    private static final Path BUNDLE = Path.of("target", "olm-bundle-test", "federator");
    private static JsonNode csv;

    @BeforeAll
    static void generate() throws IOException {
        OlmBundle.write(BUNDLE, "0.1.0-SNAPSHOT");
        csv = OlmBundle.YAML.readTree(BUNDLE.resolve("manifests/federator.clusterserviceversion.yaml").toFile());
    }

    @Test
    void layoutIsRegistryV1WithTheAnnotationsOlmNeeds() throws IOException {
        try (Stream<Path> top = Files.list(BUNDLE)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("manifests", "metadata");
        }
        JsonNode a = OlmBundle.YAML.readTree(BUNDLE.resolve("metadata/annotations.yaml").toFile()).path("annotations");
        assertThat(a.path("operators.operatorframework.io.bundle.mediatype.v1").asText()).isEqualTo("registry+v1");
        assertThat(a.path("operators.operatorframework.io.bundle.manifests.v1").asText()).isEqualTo("manifests/");
        assertThat(a.path("operators.operatorframework.io.bundle.metadata.v1").asText()).isEqualTo("metadata/");
        assertThat(a.path("operators.operatorframework.io.bundle.package.v1").asText()).isEqualTo("federator");
        assertThat(List.of(a.path("operators.operatorframework.io.bundle.channels.v1").asText().split(",")))
                .contains(a.path("operators.operatorframework.io.bundle.channel.default.v1").asText());
    }

    @Test
    void manifestsHoldTheCsvAndExactlyTheShippedCrds() throws IOException {
        Map<String, JsonNode> bundled = new TreeMap<>();
        Map<String, JsonNode> shipped = new TreeMap<>();
        try (Stream<Path> files = Files.list(BUNDLE.resolve("manifests"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                JsonNode doc = OlmBundle.YAML.readTree(f.toFile());
                if (doc.path("kind").asText().equals("CustomResourceDefinition")) {
                    bundled.put(doc.at("/metadata/name").asText(), doc);
                } else {
                    assertThat(doc.path("kind").asText()).as(f.toString()).isEqualTo("ClusterServiceVersion");
                }
            }
        }
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
                JsonNode doc = OlmBundle.YAML.readTree(f.toFile());
                shipped.put(doc.at("/metadata/name").asText(), doc);
            }
        }
        assertThat(bundled).isEqualTo(shipped);
        Set<String> owned = new java.util.TreeSet<>();
        for (JsonNode o : csv.at("/spec/customresourcedefinitions/owned")) {
            JsonNode crd = shipped.get(o.path("name").asText());
            assertThat(crd).as("owned %s", o).isNotNull();
            assertThat(o.path("kind").asText()).isEqualTo(crd.at("/spec/names/kind").asText());
            assertThat(crd.at("/spec/versions").findValuesAsText("name")).contains(o.path("version").asText());
            assertThat(o.path("displayName").asText()).isNotBlank();
            owned.add(o.path("name").asText());
        }
        assertThat(owned).isEqualTo(shipped.keySet());
    }

    @Test
    void csvHasTheRequiredFields() throws IOException {
        assertThat(csv.path("apiVersion").asText()).isEqualTo("operators.coreos.com/v1alpha1");
        assertThat(csv.at("/metadata/name").asText()).isEqualTo("federator.v0.1.0-SNAPSHOT");
        assertThat(csv.at("/spec/version").asText()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        for (String field : List.of("displayName", "description", "provider", "maturity", "minKubeVersion")) {
            assertThat(csv.at("/spec/" + field).isMissingNode()).as(field).isFalse();
        }
        Map<String, Boolean> modes = new TreeMap<>();
        csv.at("/spec/installModes").forEach(m -> modes.put(m.path("type").asText(), m.path("supported").asBoolean()));
        assertThat(modes).containsOnlyKeys("OwnNamespace", "SingleNamespace", "MultiNamespace", "AllNamespaces")
                .containsEntry("AllNamespaces", true);
        assertThat(csv.at("/spec/install/strategy").asText()).isEqualTo("deployment");
        JsonNode deployments = csv.at("/spec/install/spec/deployments");
        assertThat(deployments).hasSize(1);
        JsonNode pod = deployments.get(0).at("/spec/template/spec");
        assertThat(pod.at("/containers/0/image").asText()).isEqualTo(csv.at("/metadata/annotations/containerImage").asText());
        assertThat(csv.at("/spec/install/spec/clusterPermissions/0/serviceAccountName").asText())
                .isEqualTo(pod.path("serviceAccountName").asText());
        JsonNode examples = new ObjectMapper().readTree(csv.at("/metadata/annotations/alm-examples").asText());
        assertThat(examples.findValuesAsText("kind")).contains("IdentityPlatform", "IdentityConnection");
    }

    @Test
    void rbacAndDeploymentAreTheKustomizeBases() {
        List<JsonNode> base = RenderedInstall.kustomizeBase().docs().stream().map(RenderedInstall.Doc::json).toList();
        JsonNode strategy = csv.at("/spec/install/spec");
        assertThat(strategy.path("clusterPermissions")).hasSize(1);
        assertThat(strategy.at("/clusterPermissions/0/rules")).isEqualTo(OlmBundle.one(base, "ClusterRole").path("rules"));
        assertThat(strategy.path("permissions")).hasSize(1);
        assertThat(strategy.at("/permissions/0/rules")).isEqualTo(OlmBundle.one(base, "Role").path("rules"));
        assertThat(strategy.at("/deployments/0/spec")).isEqualTo(OlmBundle.one(base, "Deployment").path("spec"));
        // The base's Role is in the operator's namespace: where OLM grants CSV permissions.
        assertThat(OlmBundle.one(base, "Role").at("/metadata/namespace").asText())
                .isEqualTo(OlmBundle.one(base, "Deployment").at("/metadata/namespace").asText());
    }
}
