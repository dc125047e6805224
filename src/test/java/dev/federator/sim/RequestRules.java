package dev.federator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The project's own request rules for one vendor: JSON Schemas under {@code /vendor-rules/<vendor>/<rule>.json}, each
 * written from the vendor's published contract and naming its source in {@code $comment}. A simulator checks every
 * request body it handles against the rule of its operation and answers the violations in the vendor's envelope.
 *
 * <p>Every check is remembered as rule name and violations only (never the body: bodies carry client secrets), so a
 * test can assert that everything an adapter sent passed.
 */
public final class RequestRules {
    /** One broken rule: where (a JSON Pointer such as {@code /options}), which keyword, the property it concerns (if any), and why. */
    public record Violation(String path, String keyword, String property, String message, JsonNode rule) {
        /** For {@code enum}: the values the rule lists. */
        public List<String> allowed() {
            List<String> values = new ArrayList<>();
            rule.forEach(v -> values.add(v.asText()));
            return values;
        }

        /** For {@code type}: the first JSON type the rule allows, as DevRev names types. */
        public String expectedType() {
            String type = rule.isArray() ? rule.path(0).asText() : rule.asText();
            return switch (type) {
                case "boolean" -> "bool";
                case "integer" -> "number";
                default -> type;
            };
        }

        /** The offending field as a dotted path without the {@code $.} root, e.g. {@code options.apple.team_id}. */
        public String field() {
            // The instance location is a JSON Pointer (/options/apple) or, in other output formats, $.options.apple.
            String base = path.startsWith("$") ? path.substring(1) : path;
            base = base.replace('/', '.');
            base = base.startsWith(".") ? base.substring(1) : base;
            boolean named = property != null && (keyword.equals("required") || keyword.equals("additionalProperties"));
            return named ? (base.isEmpty() ? property : base + "." + property) : base;
        }
    }

    /** A body checked against {@code rule}, with what it broke (empty when it passed). */
    public record Check(String rule, List<Violation> violations) {
        public boolean passed() { return violations.isEmpty(); }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private final String vendor;
    private final List<Check> checks = new ArrayList<>();

    public RequestRules(String vendor) { this.vendor = vendor; }

    public String vendor() { return vendor; }

    /** Whether the vendor has a rule of this name. */
    public boolean has(String rule) { return resource(rule) != null; }

    /** Checks {@code body} against {@code rule} and remembers the outcome; the violations, empty when it passes. */
    public List<Violation> check(String rule, JsonNode body) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(vendor + "/" + rule, key -> FACTORY.getSchema(schemaNode(rule), CONFIG));
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : schema.validate(body == null ? JSON.nullNode() : body)) {
            violations.add(new Violation(m.getInstanceLocation().toString(), m.getType(), m.getProperty(),
                    m.getMessage(), m.getSchemaNode()));
        }
        violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::keyword));
        synchronized (checks) {
            checks.add(new Check(rule, List.copyOf(violations)));
        }
        return violations;
    }

    /** Every check since the simulator started (or since {@link #forget()}), in order. */
    public List<Check> checks() {
        synchronized (checks) {
            return List.copyOf(checks);
        }
    }

    /** The checks whose bodies broke their rule: what an adapter must never send. */
    public List<Check> broken() { return checks().stream().filter(c -> !c.passed()).toList(); }

    public void forget() {
        synchronized (checks) {
            checks.clear();
        }
    }

    /** The rule's schema as written, for tests that derive bodies from it. */
    public JsonNode schemaNode(String rule) {
        try (InputStream in = open(rule)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of all of this vendor's rule files (without {@code .json}), sorted. */
    public List<String> names() {
        URL dir = RequestRules.class.getResource("/vendor-rules/" + vendor);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the request rules of " + vendor, e);
        }
    }

    private URL resource(String rule) { return RequestRules.class.getResource("/vendor-rules/" + vendor + "/" + rule + ".json"); }

    private InputStream open(String rule) throws IOException {
        URL url = resource(rule);
        if (url == null) {
            throw new IllegalArgumentException("no request rule " + vendor + "/" + rule);
        }
        return url.openStream();
    }
}
