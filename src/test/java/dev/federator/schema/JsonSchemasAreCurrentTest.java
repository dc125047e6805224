package dev.federator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/schemas/ is what kubeconform and IDEs read: it must be exactly what crds/ converts to, and usable. */
class JsonSchemasAreCurrentTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committedSchemasMatchTheCrds() throws IOException {
        Map<String, String> generated = JsonSchemaExport.generate(JsonSchemaExport.CRDS);
        if (Boolean.getBoolean("federator.update-schemas")) {
            JsonSchemaExport.write(generated, JsonSchemaExport.SCHEMAS);
        }
        Map<String, String> committed = new TreeMap<>();
        if (Files.isDirectory(JsonSchemaExport.SCHEMAS)) {
            try (Stream<Path> files = Files.walk(JsonSchemaExport.SCHEMAS)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    committed.put(JsonSchemaExport.SCHEMAS.relativize(file).toString().replace('\\', '/'),
                            Files.readString(file));
                }
            }
        }
        assertThat(generated).containsOnlyKeys("federator.dev/identityconnection_v1alpha1.json",
                "federator.dev/identityplatform_v1alpha1.json", "federator.dev/clusteridentityplatform_v1alpha1.json");
        assertThat(committed)
                .as("deploy/schemas/ is out of date with crds/: run bin/update-crds (or ./mvnw -q test "
                        + "-Dtest=JsonSchemasAreCurrentTest -Dfederator.update-schemas=true) and commit it")
                .isEqualTo(generated);
    }

    @Test
    void everySampleValidatesAndTyposAreCaught() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        int checked = 0;
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class)
                        .readAll()) {
                    if (!doc.path("apiVersion").asText().startsWith("federator.dev/")) {
                        continue;
                    }
                    JsonSchema schema = schemaFor(factory, doc);
                    assertThat(schema.validate(doc)).as("%s %s", file, doc.at("/metadata/name").asText()).isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();

        JsonNode typo = YAML.readTree("""
                apiVersion: federator.dev/v1alpha1
                kind: IdentityConnection
                metadata: {name: x}
                spec: {platformRef: {name: p}, type: OIDC, oidc: {issuer: https://i, clientID: c}}
                """);
        Set<ValidationMessage> errors = schemaFor(factory, typo).validate(typo);
        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("clientID"));
    }

    private static JsonSchema schemaFor(JsonSchemaFactory factory, JsonNode doc) throws IOException {
        String[] apiVersion = doc.path("apiVersion").asText().split("/");
        Path path = JsonSchemaExport.SCHEMAS.resolve(apiVersion[0])
                .resolve(doc.path("kind").asText().toLowerCase(Locale.ROOT) + "_" + apiVersion[1] + ".json");
        return factory.getSchema(Files.readString(path));
    }
}
