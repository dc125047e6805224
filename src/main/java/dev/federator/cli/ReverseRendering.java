package dev.federator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.connection.Differ;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Rendering;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a vendor's connection back into a spec through the adapter's own rendering, with no per-vendor code: the
 * {@link ExportProbe} spec is rendered, every marker found in the rendering tells which vendor field (and which fixed
 * text around it) holds a spec field, and the remote connection's values are taken from there. Boolean fields are
 * found by rendering each one true and false. A type whose fixed values the remote contradicts is not this one.
 */
final class ReverseRendering {
    /**
     * The spec read back; {@code evidence} counts the fixed values the remote agreed with, to rank types;
     * {@code rejection} says why the type does not fit (then spec is null).
     */
    record Result(ConnectionType type, ObjectNode spec, int evidence, int mismatches, String rejection,
                  String certificatePath, String certificatePem) {
        static Result rejected(ConnectionType type, String why) {
            return new Result(type, null, 0, 0, type + ": " + why, null, null);
        }

        boolean fits() { return rejection == null; }
    }

    private ReverseRendering() {}

    /** @param ignored paths that never tell a type apart (the owner marker) */
    static Result read(ConnectionType type, JsonNode remote, Function<ObjectNode, Rendering> render,
                       ObjectNode probe, Set<String> ignored) {
        ReverseEnums.choose(type, remote, render, probe, ignored);
        Rendering base;
        try {
            base = render.apply(probe);
        } catch (RuntimeException e) {
            // Some vendors hold one item where the spec has a list (LoginRadius: one domain): try with one.
            ExportProbe.listFields(type).keySet().forEach(f -> {
                JsonNode list = JsonTree.at(probe, f);
                if (list instanceof ArrayNode items && items.size() > 1) {
                    items.remove(1);
                }
            });
            ReverseEnums.choose(type, remote, render, probe, ignored);
            try {
                base = render.apply(probe);
            } catch (RuntimeException again) {
                return Result.rejected(type, "the adapter cannot render it (" + again.getMessage() + ")");
            }
        }
        ObjectNode spec = probe.deepCopy();
        Set<String> booleanLeaves = new HashSet<>();
        for (String field : ExportProbe.booleanFields(type)) {
            readBoolean(field, remote, render, probe, spec, booleanLeaves);
        }
        int evidence = 0;
        int mismatches = 0;
        Set<String> found = new HashSet<>();
        String certificatePath = null;
        String certificatePem = null;
        String probeCertificate = ExportProbe.certificateBase64().substring(0, 64);
        for (Map.Entry<String, JsonNode> leaf : JsonTree.leaves(base.body()).entrySet()) {
            String path = leaf.getKey();
            JsonNode want = leaf.getValue();
            JsonNode have = JsonTree.at(remote, path);
            if (booleanLeaves.contains(path) || base.writeOnlyPaths().contains(path) || ignored.contains(path)
                    || want.isNull() || want.toString().contains(ExportProbe.SECRET_MARKER)) {
                continue;
            }
            if (want.toString().contains(probeCertificate)) {
                certificatePath = path;
                JsonNode value = have.isArray() && !have.isEmpty() ? have.get(0) : have;
                certificatePem = absent(value) ? null : ExportProbe.pem(value.asText());
                continue;
            }
            Optional<Integer> read = readLeaf(type, want, have, spec, found);
            if (read.isPresent()) {
                evidence += read.get();
            } else if (base.identityPaths().contains(path) || Template.of(want.asText(), type).hasMarkers()) {
                // The remote's value is never shown: it may be a secret the vendor returns in clear.
                return Result.rejected(type, "the vendor's " + path + " does not have the form " + want);
            } else {
                mismatches++; // a fixed value that depends on something the probe lacks (e.g. a certificate)
            }
        }
        ExportProbe.textFields(type).keySet().stream().filter(f -> !found.contains(f)).forEach(f -> ExportProbe.remove(spec, f));
        ExportProbe.listFields(type).keySet().stream().filter(f -> !found.contains(f)).forEach(f -> ExportProbe.remove(spec, f));
        List.of("attributeMapping", ExportProbe.block(type)).forEach(f -> {
            if (spec.path(f).isObject() && spec.path(f).isEmpty()) {
                spec.remove(f); // an empty block renders differently from none (Auth0: mapping_mode)
            }
        });
        try {
            render.apply(spec);
        } catch (RuntimeException e) {
            // e.g. a SAML reading of OIDC credentials: nothing was found where a required field lives
            return Result.rejected(type, "what the vendor holds does not render as this type (" + e.getMessage() + ")");
        }
        return new Result(type, spec, evidence, mismatches, null, certificatePath, certificatePem);
    }

    /** @return the evidence the leaf gave, or empty when the remote contradicts a fixed value */
    private static Optional<Integer> readLeaf(ConnectionType type, JsonNode want, JsonNode have, ObjectNode spec,
                                              Set<String> found) {
        if (want.isArray()) {
            for (Map.Entry<String, String> list : ExportProbe.listFields(type).entrySet()) {
                if (want.toString().contains(list.getValue().formatted(ExportProbe.LIST_ITEMS.get(0)))) {
                    if (have.isArray()) {
                        ExportProbe.set(spec, list.getKey(), have.deepCopy());
                        found.add(list.getKey());
                    }
                    return Optional.of(0);
                }
            }
        }
        if (want.isArray() && want.size() == 1 && have.isArray() && have.size() == 1) {
            return readLeaf(type, want.get(0), have.get(0), spec, found); // one spec value kept as a list (SlashID)
        }
        if (!want.isTextual()) {
            return Differ.equal(want, have) ? Optional.of(1) : absent(have) ? Optional.of(0) : Optional.empty();
        }
        Template template = Template.of(want.asText(), type);
        if (template.fields().isEmpty()) {
            return Differ.equal(want, have) ? Optional.of(1) : absent(have) ? Optional.of(0) : Optional.empty();
        }
        if (absent(have) || !have.isValueNode()) {
            return Optional.of(0);
        }
        Matcher m = template.pattern().matcher(have.asText());
        if (!m.matches()) {
            return Optional.empty();
        }
        for (int i = 0; i < template.fields().size(); i++) {
            String field = template.fields().get(i);
            String value = m.group(i + 1);
            String separator = template.separators().get(i);
            if (separator == null) {
                ExportProbe.set(spec, field, spec.textNode(value));
            } else {
                ArrayNode items = spec.arrayNode();
                for (String item : separator.isEmpty() ? new String[] {value} : value.split(Pattern.quote(separator))) {
                    if (!item.isEmpty()) {
                        items.add(item);
                    }
                }
                ExportProbe.set(spec, field, items);
            }
            found.add(field);
        }
        return Optional.of(template.hasFixedText() ? 1 : 0);
    }

    private static void readBoolean(String field, JsonNode remote, Function<ObjectNode, Rendering> render,
                                    ObjectNode probe, ObjectNode spec, Set<String> booleanLeaves) {
        ObjectNode on = probe.deepCopy();
        ObjectNode off = probe.deepCopy();
        ExportProbe.set(on, field, on.booleanNode(true));
        ExportProbe.set(off, field, off.booleanNode(false));
        Map<String, JsonNode> whenOn;
        Map<String, JsonNode> whenOff;
        try {
            whenOn = JsonTree.leaves(render.apply(on).body());
            whenOff = JsonTree.leaves(render.apply(off).body());
        } catch (RuntimeException e) {
            return;
        }
        for (Map.Entry<String, JsonNode> leaf : whenOn.entrySet()) {
            JsonNode other = whenOff.get(leaf.getKey());
            if (other != null && !Differ.equal(leaf.getValue(), other)) {
                booleanLeaves.add(leaf.getKey());
                JsonNode have = JsonTree.at(remote, leaf.getKey());
                if (!absent(have)) {
                    ExportProbe.set(spec, field, spec.booleanNode(Differ.equal(leaf.getValue(), have)));
                }
            }
        }
    }

    /** What the vendor shows for a field it does not hold: nothing, null, or an empty text. */
    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isEmpty());
    }

    /**
     * A rendered text as a pattern: fixed text quoted, each marker a group. A list's two markers with the text
     * between them (its separator) become one group.
     */
    private record Template(Pattern pattern, List<String> fields, List<String> separators, boolean hasFixedText) {
        boolean hasMarkers() { return !fields.isEmpty(); }

        static Template of(String text, ConnectionType type) {
            String rest = text;
            List<String> fields = new ArrayList<>();
            List<String> separators = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            boolean fixed = false;
            while (!rest.isEmpty()) {
                Marker next = Marker.first(rest, type);
                if (next == null) {
                    regex.append(Pattern.quote(rest));
                    fixed = true;
                    break;
                }
                if (next.at() > 0) {
                    regex.append(Pattern.quote(rest.substring(0, next.at())));
                    fixed = true;
                }
                regex.append("(.*?)");
                fields.add(next.field());
                separators.add(next.separator());
                rest = rest.substring(next.at() + next.length());
            }
            return new Template(Pattern.compile(regex.toString(), Pattern.DOTALL), fields, separators, fixed);
        }
    }

    /** The earliest marker in a text: a text field's, or a list's two markers with their separator. */
    private record Marker(String field, int at, int length, String separator) {
        static Marker first(String text, ConnectionType type) {
            Marker best = null;
            for (Map.Entry<String, String> f : ExportProbe.textFields(type).entrySet()) {
                int at = text.indexOf(f.getValue());
                if (at >= 0 && (best == null || at < best.at())) {
                    best = new Marker(f.getKey(), at, f.getValue().length(), null);
                }
            }
            for (Map.Entry<String, String> f : ExportProbe.listFields(type).entrySet()) {
                String a = f.getValue().formatted(ExportProbe.LIST_ITEMS.get(0));
                String b = f.getValue().formatted(ExportProbe.LIST_ITEMS.get(1));
                int at = text.indexOf(a);
                int end = text.indexOf(b, Math.max(at, 0));
                if (at >= 0 && end > at && (best == null || at < best.at())) {
                    best = new Marker(f.getKey(), at, end + b.length() - at, text.substring(at + a.length(), end));
                } else if (at >= 0 && (best == null || at < best.at())) {
                    best = new Marker(f.getKey(), at, a.length(), "");
                }
            }
            return best;
        }
    }
}
