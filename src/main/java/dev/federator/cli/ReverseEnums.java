package dev.federator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.connection.Differ;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Rendering;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads back the spec fields that take one of a few values ({@link ExportProbe#enumFields}), as the connection type
 * is chosen: the probe is rendered once per value (and once without the field), and the value kept is the first
 * whose rendering agrees with the remote wherever the renderings differ from one another. Unset comes first, so a
 * vendor's default is exported as no value; a value the adapter cannot render with is no candidate.
 */
final class ReverseEnums {
    private ReverseEnums() {}

    /** Sets (or leaves unset) each enum field of {@code probe}; two rounds, as one field may need the other set. */
    static void choose(ConnectionType type, JsonNode remote, Function<ObjectNode, Rendering> render, ObjectNode probe,
                       Set<String> ignored) {
        for (int round = 0; round < 2; round++) {
            ExportProbe.enumFields(type).forEach((field, values) -> chooseOne(field, values, remote, render, probe,
                    ignored));
        }
    }

    private static void chooseOne(String field, List<String> values, JsonNode remote,
                                  Function<ObjectNode, Rendering> render, ObjectNode probe, Set<String> ignored) {
        List<String> candidates = new ArrayList<>();
        candidates.add(null);
        candidates.addAll(values);
        Map<String, Map<String, JsonNode>> renderings = new LinkedHashMap<>();
        Set<String> skip = new HashSet<>(ignored);
        List<String> refused = new ArrayList<>();
        for (String value : candidates) {
            ObjectNode variant = withValue(probe, field, value);
            try {
                Rendering rendering = render.apply(variant);
                renderings.put(value, JsonTree.leaves(rendering.body()));
                skip.addAll(rendering.writeOnlyPaths());
            } catch (RuntimeException e) {
                refused.add(value); // the adapter refuses this value for this probe as it stands
            }
        }
        if (renderings.isEmpty()) {
            return;
        }
        Set<String> decisive = new HashSet<>();
        renderings.values().forEach(leaves -> decisive.addAll(leaves.keySet()));
        decisive.removeAll(skip);
        decisive.removeIf(path -> renderings.values().stream().map(l -> l.get(path)).distinct().count() == 1
                && renderings.values().stream().allMatch(l -> l.containsKey(path)));
        // None agreeing: still a value that renders, and the mismatch shows later.
        String chosen = renderings.keySet().iterator().next();
        boolean agreed = false;
        for (Map.Entry<String, Map<String, JsonNode>> candidate : renderings.entrySet()) {
            if (decisive.stream().allMatch(p -> agrees(candidate.getValue().get(p), JsonTree.at(remote, p)))) {
                chosen = candidate.getKey();
                agreed = true;
                break;
            }
        }
        if (!agreed && completeWithVendorOptions(field, refused, remote, render, probe, renderings, decisive, skip)) {
            return;
        }
        ObjectNode decided = withValue(probe, field, chosen);
        probe.removeAll();
        probe.setAll(decided);
    }

    /** A copy of the probe with the field set to {@code value}, or without it when null. */
    private static ObjectNode withValue(ObjectNode probe, String field, String value) {
        ObjectNode variant = probe.deepCopy();
        if (value == null) {
            ExportProbe.remove(variant, field);
        } else {
            ExportProbe.set(variant, field, variant.textNode(value));
        }
        return variant;
    }

    /**
     * A value the adapter refused may render with vendor fields beyond the managed ones: the first that then agrees
     * with the remote is taken, with those fields as the probe's vendorOptions.
     */
    private static boolean completeWithVendorOptions(String field, List<String> refused, JsonNode remote,
                                                     Function<ObjectNode, Rendering> render, ObjectNode probe,
                                                     Map<String, Map<String, JsonNode>> renderings,
                                                     Set<String> decisive, Set<String> skip) {
        Set<String> managed = new HashSet<>();
        renderings.values().forEach(leaves -> managed.addAll(leaves.keySet()));
        for (String value : refused) {
            ObjectNode variant = withValue(probe, field, value);
            ObjectNode completed = ReverseVendorOptions.complete(variant, remote, render, managed, skip).orElse(null);
            if (completed == null) {
                continue;
            }
            Map<String, JsonNode> leaves = JsonTree.leaves(render.apply(completed).body());
            if (decisive.stream().allMatch(p -> agrees(leaves.get(p), JsonTree.at(remote, p)))) {
                probe.removeAll();
                probe.setAll(completed);
                return true;
            }
        }
        return false;
    }

    /** A marker-valued leaf tells nothing about the enum; a fixed one must be what the remote holds. */
    private static boolean agrees(JsonNode rendered, JsonNode remote) {
        if (ReverseRendering.absent(rendered)) {
            return ReverseRendering.absent(remote);
        }
        if (ExportProbe.holdsMarker(rendered)) {
            return true;
        }
        return Differ.equal(rendered, remote);
    }
}
