package dev.federator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bodies a request rule must refuse, derived from the rule itself and its first {@code examples} entry (a body the
 * rule accepts): each required field dropped, an unknown field where {@code additionalProperties} is false, each
 * typed field given another type, each enum, pattern, length, count or const broken. Only what the rule states is
 * broken, so a derived body is refused by the vendor's published contract, not by a guess.
 */
public final class RejectedBodies {
    /** One derived body, and what was broken where, e.g. {@code "required: options.apple.team_id"}. */
    public record Rejected(String what, JsonNode body) {
        @Override
        public String toString() { return what; }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String UNKNOWN = "federator_unknown_field";

    private final JsonNode root;
    private final List<Rejected> out = new ArrayList<>();

    private RejectedBodies(JsonNode root) { this.root = root; }

    /** The accepted example of a rule ({@code examples[0]}). */
    public static JsonNode example(JsonNode schema) {
        JsonNode example = schema.path("examples").path(0);
        if (example.isMissingNode()) {
            throw new IllegalArgumentException("a request rule needs an accepted body in examples[0]");
        }
        return example;
    }

    public static List<Rejected> derive(JsonNode schema) {
        RejectedBodies derived = new RejectedBodies(example(schema));
        derived.walk(schema, schema, derived.root, "");
        return derived.out;
    }

    private void walk(JsonNode rootSchema, JsonNode given, JsonNode instance, String path) {
        JsonNode schema = resolve(rootSchema, given);
        if (instance.isObject()) {
            ObjectNode object = (ObjectNode) instance;
            schema.path("required").forEach(r -> {
                if (object.has(r.asText())) {
                    add("required: " + join(path, r.asText()), object, o -> ((ObjectNode) o).remove(r.asText()));
                }
            });
            if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
                add("additionalProperties: " + join(path, UNKNOWN), object, o -> ((ObjectNode) o).put(UNKNOWN, "x"));
            }
            if (schema.has("maxProperties")) {
                add("maxProperties: " + path, object, o -> {
                    for (int i = o.size(); i <= schema.path("maxProperties").asInt(); i++) {
                        ((ObjectNode) o).put("extra_" + i, "x");
                    }
                });
            }
            schema.path("properties").fields().forEachRemaining(p -> {
                if (object.has(p.getKey())) {
                    value(rootSchema, p.getValue(), object, p.getKey(), join(path, p.getKey()));
                }
            });
        } else if (instance.isArray()) {
            ArrayNode array = (ArrayNode) instance;
            if (schema.has("minItems") && schema.path("minItems").asInt() > 0) {
                add("minItems: " + path, array, a -> ((ArrayNode) a).removeAll());
            }
            if (schema.has("maxItems") && !array.isEmpty()) {
                add("maxItems: " + path, array, a -> {
                    while (a.size() <= schema.path("maxItems").asInt()) {
                        ((ArrayNode) a).add(a.get(0).deepCopy());
                    }
                });
            }
            if (schema.path("items").isObject() && !array.isEmpty()) {
                walk(rootSchema, schema.path("items"), array.get(0), path + "[0]");
            }
        }
    }

    /** Breaks {@code parent.field} in every way its schema forbids, then looks inside it. */
    private void value(JsonNode rootSchema, JsonNode fieldSchema, ObjectNode parent, String field, String path) {
        JsonNode schema = resolve(rootSchema, fieldSchema);
        JsonNode type = schema.path("type");
        if (!type.isMissingNode()) {
            JsonNode wrong = wrongType(type);
            add("type: " + path, parent, o -> ((ObjectNode) o).set(field, wrong));
        }
        if (schema.path("enum").isArray()) {
            add("enum: " + path, parent, o -> ((ObjectNode) o).put(field, "not-a-listed-value"));
        }
        if (schema.has("const")) {
            add("const: " + path, parent, o -> ((ObjectNode) o).put(field, "not-the-constant"));
        }
        if (schema.has("pattern")) {
            add("pattern: " + path, parent, o -> ((ObjectNode) o).put(field, "-not valid!-"));
        }
        if (schema.has("maxLength")) {
            add("maxLength: " + path, parent, o -> ((ObjectNode) o).put(field, "a".repeat(schema.path("maxLength").asInt() + 1)));
        }
        if (schema.path("minLength").asInt() > 0) {
            add("minLength: " + path, parent, o -> ((ObjectNode) o).put(field, ""));
        }
        JsonNode value = parent.get(field);
        if (value.isContainerNode()) {
            walk(rootSchema, schema, value, path);
        }
    }

    /** A value of a JSON type the {@code type} keyword does not allow. */
    private static JsonNode wrongType(JsonNode type) {
        Set<String> allowed = new java.util.HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> allowed.add(t.asText()));
        } else {
            allowed.add(type.asText());
        }
        if (!allowed.contains("integer") && !allowed.contains("number")) {
            return NODES.numberNode(7);
        }
        if (!allowed.contains("boolean")) {
            return NODES.booleanNode(true);
        }
        return NODES.textNode("not-of-this-type");
    }

    /** Applies {@code change} to the node at {@code target} in a copy of the whole example. */
    private void add(String what, JsonNode target, Consumer<JsonNode> change) {
        JsonNode copy = root.deepCopy();
        change.accept(locate(copy, root, target));
        out.add(new Rejected(what, copy));
    }

    /** The node in {@code copy} at the position {@code target} has in {@code original} (found by identity). */
    private static JsonNode locate(JsonNode copy, JsonNode original, JsonNode target) {
        if (original == target) {
            return copy;
        }
        if (original.isObject()) {
            var fields = original.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                JsonNode found = locate(copy.get(e.getKey()), e.getValue(), target);
                if (found != null) {
                    return found;
                }
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                JsonNode found = locate(copy.get(i), original.get(i), target);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Follows a local {@code $ref} ({@code #/$defs/...}). */
    private static JsonNode resolve(JsonNode rootSchema, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? rootSchema.at(ref.substring(1)) : schema;
    }

    private static String join(String path, String field) { return path.isEmpty() ? field : path + "." + field; }
}
