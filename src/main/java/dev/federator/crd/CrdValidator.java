package dev.federator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the API server would say to a manifest, for the checks the Fabric8 mock server does not do: the CRD's
 * OpenAPI schema (types, enums, patterns, required, unknown fields as kubectl's strict validation) and its CEL
 * rules, evaluated with the CEL reference implementation. Rules that use oldSelf run only for updates. Used by the
 * bad-input catalogue and by the command line ({@code federator diff}) on the manifests it is given.
 */
public final class CrdValidator {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("self", SimpleType.DYN).addVar("oldSelf", SimpleType.DYN)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static final String CLASSPATH_DIR = "/META-INF/federator/crds/";
    private static final List<String> SHIPPED = List.of("identityconnections.federator.dev.yaml",
            "identityplatforms.federator.dev.yaml", "clusteridentityplatforms.federator.dev.yaml");

    private final Map<String, JsonNode> schemasByKind = new HashMap<>();

    /** The CRDs in a directory, e.g. the committed crds/. */
    public CrdValidator(Path crdDirectory) {
        try (Stream<Path> files = Files.list(crdDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                add(YAML.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CrdValidator() {}

    /** The CRDs this build ships (crds/, copied into the jar under {@value #CLASSPATH_DIR}). */
    public static CrdValidator fromClasspath() {
        CrdValidator validator = new CrdValidator();
        for (String name : SHIPPED) {
            try (InputStream in = CrdValidator.class.getResourceAsStream(CLASSPATH_DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("this build lacks " + CLASSPATH_DIR + name);
                }
                validator.add(YAML.readTree(in));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return validator;
    }

    private void add(JsonNode crd) {
        schemasByKind.put(crd.path("spec").path("names").path("kind").asText(),
                crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
    }

    /** Whether this kind has a CRD here (else {@link #validate} refuses it). */
    public boolean knows(String kind) { return schemasByKind.containsKey(kind); }

    /** Every rejection the API server would give, as "path: message"; empty when the manifest is accepted. */
    public List<String> validate(JsonNode manifest, JsonNode old) {
        JsonNode schema = schemasByKind.get(manifest.path("kind").asText());
        if (schema == null) {
            throw new IllegalArgumentException("no CRD for kind " + manifest.path("kind").asText());
        }
        List<String> errors = new ArrayList<>();
        ObjectNode body = manifest.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        JsonSchema jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict(schema));
        for (ValidationMessage m : jsonSchema.validate(body)) {
            errors.add(m.getMessage());
        }
        if (errors.isEmpty()) {
            cel(schema, body, old == null ? null : stripMeta(old), "", errors);
        }
        return errors;
    }

    private static JsonNode stripMeta(JsonNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        copy.remove(List.of("apiVersion", "kind", "metadata"));
        return copy;
    }

    /** The structural schema as JSON Schema: objects with properties reject unknown fields unless preserved. */
    private static JsonNode strict(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        tighten(copy);
        return copy;
    }

    private static void tighten(ObjectNode node) {
        node.remove("x-kubernetes-validations");
        if (node.has("properties") && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        node.path("properties").forEach(child -> tighten((ObjectNode) child));
        if (node.path("items").isObject()) {
            tighten((ObjectNode) node.path("items"));
        }
        if (node.path("additionalProperties").isObject()) {
            tighten((ObjectNode) node.path("additionalProperties"));
        }
    }

    private static void cel(JsonNode schema, JsonNode value, JsonNode old, String path, List<String> errors) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            boolean transition = expression.contains("oldSelf");
            if (transition && (old == null || old.isMissingNode())) {
                continue; // transition rules apply to updates only
            }
            Map<String, Object> vars = new HashMap<>();
            vars.put("self", plain(value));
            if (transition) {
                vars.put("oldSelf", plain(old));
            }
            try {
                Object result = RUNTIME.createProgram(CEL.compile(expression).getAst()).eval(vars);
                if (!Boolean.TRUE.equals(result)) {
                    errors.add((path.isEmpty() ? "" : path + ": ") + rule.path("message").asText(expression));
                }
            } catch (Exception e) {
                throw new IllegalStateException("CEL rule does not evaluate: " + expression, e);
            }
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                cel(p.getValue(), value.path(p.getKey()), old == null ? null : old.path(p.getKey()),
                        path.isEmpty() ? p.getKey() : path + "." + p.getKey(), errors);
            }
        }
    }

    /** JSON as the plain values CEL works on: maps, lists, Long, Double, Boolean, String. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            ((ArrayNode) node).forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
