package dev.federator.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Rendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Compares the managed fields of a rendering with what the vendor holds, the same way for every vendor. Fields the
 * vendor hides are compared through fingerprints of what was last written. Public for the command line's
 * {@code diff}, which must compare exactly as the operator does.
 */
public final class Differ {
    private Differ() {}

    /**
     * @param writeOnlyMatches tells whether the fingerprint recorded for a write-only path matches the desired value
     * @return the dot paths that differ, in rendering order; names only
     */
    public static List<String> changedPaths(Rendering rendering, JsonNode remote, BiPredicate<String, String> writeOnlyMatches) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : JsonTree.leaves(rendering.body()).entrySet()) {
            String path = leaf.getKey();
            JsonNode want = leaf.getValue();
            JsonNode have = JsonTree.at(remote, path);
            if (rendering.writeOnlyPaths().contains(path)) {
                boolean absent = isEmpty(have);
                boolean same = isEmpty(want) ? absent : !absent && writeOnlyMatches.test(path, want.asText());
                if (!same) {
                    changed.add(path);
                }
            } else if (!equal(want, have)) {
                changed.add(path);
            }
        }
        return changed;
    }

    public static boolean equal(JsonNode want, JsonNode have) {
        if (isEmpty(want) || isEmpty(have)) {
            return isEmpty(want) && isEmpty(have);
        }
        if (want.isArray() && have.isArray()) {
            return sortedText(want).equals(sortedText(have));
        }
        if (want.isValueNode() && have.isValueNode()) {
            return want.asText().equals(have.asText());
        }
        return want.equals(have);
    }

    private static List<String> sortedText(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isValueNode() ? v.asText() : v.toString()));
        values.sort(null);
        return values;
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull()
                || (node.isTextual() && node.asText().isEmpty())
                || ((node.isArray() || node.isObject()) && node.isEmpty());
    }
}
