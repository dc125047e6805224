package dev.federator.provider.kit;

import dev.federator.provider.spi.InvalidRequestException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.Reason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dot-path access to vendor representations, shared by the operator's comparison and the adapters' renderings. */
public final class JsonTree {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {}

    /** Every leaf (scalar, null or array) of {@code root}, by dot path, in document order. */
    public static Map<String, JsonNode> leaves(ObjectNode root) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String prefix, ObjectNode node, Map<String, JsonNode> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                collect(path, (ObjectNode) e.getValue(), out);
            } else {
                out.put(path, e.getValue());
            }
        }
    }

    /** The node at {@code path}, or a missing node. */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** Sets {@code path} to {@code value}, creating objects on the way. */
    public static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    public static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : at(root, path.substring(0, dot));
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(dot < 0 ? path : path.substring(dot + 1));
        }
    }

    /** A copy of {@code node} without null-valued fields (the "must be absent" markers of a rendering). */
    public static ObjectNode withoutNulls(ObjectNode node) {
        ObjectNode copy = NODES.objectNode();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                copy.set(e.getKey(), withoutNulls((ObjectNode) e.getValue()));
            } else if (!e.getValue().isNull()) {
                copy.set(e.getKey(), e.getValue());
            }
        });
        return copy;
    }

    /** Overlays every leaf of {@code rendering} on {@code target}; null leaves remove the field. */
    public static void overlay(ObjectNode target, ObjectNode rendering) {
        leaves(rendering).forEach((path, value) -> {
            if (value.isNull()) {
                remove(target, path);
            } else {
                set(target, path, value);
            }
        });
    }

    /**
     * Merges the user's vendorOptions into a rendering, last. A vendor option may add fields but never replace one
     * the rendering manages: that would silently override the spec or, worse, a secret.
     */
    public static void mergeVendorOptions(ObjectNode rendering, Map<String, Object> vendorOptions) {
        if (vendorOptions.isEmpty()) {
            return;
        }
        ObjectNode options = MAPPER.valueToTree(vendorOptions);
        Map<String, JsonNode> managed = leaves(rendering);
        List<String> clashes = new ArrayList<>();
        leaves(options).forEach((path, value) -> {
            boolean clash = managed.keySet().stream()
                    .anyMatch(m -> m.equals(path) || m.startsWith(path + ".") || path.startsWith(m + "."));
            if (clash) {
                clashes.add(path);
            } else {
                set(rendering, path, value);
            }
        });
        if (!clashes.isEmpty()) {
            throw new InvalidRequestException(Reason.VendorOptionConflict, "vendorOptions " + clashes
                    + " would overwrite fields Federator manages from the spec or a Secret; set them through the spec"
                    + " fields instead, or remove them from vendorOptions");
        }
    }

    public static JsonNode text(String value) { return value == null ? NODES.nullNode() : NODES.textNode(value); }

    public static JsonNode bool(Boolean value) { return value == null ? NODES.nullNode() : NODES.booleanNode(value); }

    /** Keycloak-style config maps hold every value as a string. */
    public static JsonNode boolText(Boolean value) { return value == null ? NODES.nullNode() : NODES.textNode(value.toString()); }

    public static ObjectNode object() { return NODES.objectNode(); }
}
