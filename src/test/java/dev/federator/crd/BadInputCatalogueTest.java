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
