package dev.federator.schema;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * JSON Schema files for kubeconform and IDEs from the committed CRDs, in kubeconform's layout
 * ({@code deploy/schemas/{group}/{kind}_{version}.json}, lowercase), converted the way kubeconform's
 * openapi2jsonschema does: objects with declared properties reject unknown fields (unless the CRD preserves them),
 * {@code x-kubernetes-int-or-string} becomes string-or-integer, {@code nullable} admits null, and the
 * {@code x-kubernetes-*} extensions (CEL rules included, which only the API server evaluates) are dropped.
 * Regenerate: {@code bin/update-crds}, or {@code ./mvnw -q test -Dtest=JsonSchemasAreCurrentTest
 * -Dfederator.update-schemas=true}.
 */
public final class JsonSchemaExport {
    static final Path CRDS = Path.of("crds");
    static final Path SCHEMAS = Path.of("deploy", "schemas");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemaExport() {}

    /** Relative path (e.g. {@code federator.dev/identityconnection_v1alpha1.json}) to file content. */
    static Map<String, String> generate(Path crds) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> list = Files.list(crds)) {
            sources = list.filter(p -> p.getFileName().toString().endsWith(".federator.dev.yaml")).sorted().toList();
        }
        for (Path source : sources) {
            JsonNode crd = YAML.readTree(source.toFile());
            String group = crd.at("/spec/group").asText().toLowerCase(Locale.ROOT);
            String kind = crd.at("/spec/names/kind").asText().toLowerCase(Locale.ROOT);
            for (JsonNode version : crd.at("/spec/versions")) {
                ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
                addTypeMeta(schema, group + "/" + version.path("name").asText(), crd.at("/spec/names/kind").asText());
                convert(schema);
                String path = group + "/" + kind + "_" + version.path("name").asText().toLowerCase(Locale.ROOT) + ".json";
                files.put(path, pretty(schema) + "\n");
            }
        }
        return files;
    }

    /** The API server adds apiVersion, kind and metadata to every CRD schema; a manifest carries them. */
    private static void addTypeMeta(ObjectNode schema, String apiVersion, String kind) {
        ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties")
                : schema.putObject("properties");
        ObjectNode typed = JsonNodeFactory.instance.objectNode();
        ObjectNode api = typed.putObject("apiVersion");
        api.put("type", "string");
        api.putArray("enum").add(apiVersion);
        ObjectNode k = typed.putObject("kind");
        k.put("type", "string");
        k.putArray("enum").add(kind);
        typed.putObject("metadata").put("type", "object");
        typed.setAll(properties);
        schema.set("properties", typed);
        ArrayNode required = JsonNodeFactory.instance.arrayNode().add("apiVersion").add("kind").add("metadata");
        schema.path("required").forEach(required::add);
        schema.set("required", required);
        // Root: ordered description, type, required, properties for readability.
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        ordered.setAll(schema);
        schema.removeAll();
        for (String key : List.of("description", "type", "required", "properties")) {
            if (ordered.has(key)) {
                schema.set(key, ordered.get(key));
            }
        }
        schema.setAll(ordered);
    }

    static JsonNode convert(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, convert(array.get(i)));
            }
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        boolean preserveUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
            ArrayNode oneOf = object.putArray("oneOf");
            oneOf.addObject().put("type", "string");
            oneOf.addObject().put("type", "integer");
        }
        if (object.path("nullable").asBoolean(false) && object.path("type").isTextual()) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(object.path("type").asText()).add("null");
            object.set("type", types);
        }
        object.remove("nullable");
        List<String> extensions = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("x-kubernetes-")) {
                extensions.add(name);
            }
        });
        object.remove(extensions);
        if (object.has("properties") && !object.has("additionalProperties") && !preserveUnknown) {
            object.put("additionalProperties", false);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            field.setValue(convert(field.getValue()));
        }
        return object;
    }

    private static String pretty(JsonNode node) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(node);
    }

    /** Writes deploy/schemas/ afresh from crds/. */
    public static void main(String[] args) throws IOException {
        write(generate(CRDS), SCHEMAS);
    }

    static void write(Map<String, String> files, Path target) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }
}
