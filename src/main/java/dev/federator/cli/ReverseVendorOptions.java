package dev.federator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.connection.Differ;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.Rendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the adapter cannot render a probe without vendor fields beyond the managed ones (SlashID's Apple credentials
 * need team_id and key_id), the remote's unmanaged fields are offered as {@code vendorOptions}, then each dropped
 * again unless the rendering needs it: it must still render, and hold the remote's value, a spec value or a secret
 * there (or nothing: an unmanaged field the operator leaves alone).
 */
final class ReverseVendorOptions {
    private static final Pattern CLASHES = Pattern.compile("vendorOptions \\[([^]]*)] would overwrite");

    private ReverseVendorOptions() {}

    /**
     * @param managed leaf paths the adapter renders without vendor options
     * @return the probe with the fewest vendorOptions that render, or empty
     */
    static Optional<ObjectNode> complete(ObjectNode probe, JsonNode remote, Function<ObjectNode, Rendering> render,
                                         Set<String> managed, Set<String> ignored) {
        if (!(remote instanceof ObjectNode body)) {
            return Optional.empty();
        }
        List<String> extras = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : JsonTree.leaves(body).entrySet()) {
            if (!managed.contains(leaf.getKey()) && !ignored.contains(leaf.getKey()) && !leaf.getValue().isNull()) {
                extras.add(leaf.getKey());
            }
        }
        ObjectNode candidate = withOptions(probe, body, extras);
        for (int attempt = 0; ; attempt++) {
            try {
                render.apply(candidate);
                break;
            } catch (ReconcileFailure e) {
                // The adapter renders these itself (a secret, a spec field's value): they are no vendor options.
                List<String> clashes = e.reason() == Reason.VendorOptionConflict ? clashes(e.getMessage()) : List.of();
                if (attempt > 2 || clashes.isEmpty() || !extras.removeAll(clashes)) {
                    return Optional.empty();
                }
                candidate = withOptions(probe, body, extras);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        for (String path : List.copyOf(extras)) {
            List<String> fewer = new ArrayList<>(extras);
            fewer.remove(path);
            ObjectNode without = withOptions(probe, body, fewer);
            Rendering rendering = rendering(without, render);
            if (rendering != null && needless(path, rendering, body)) {
                extras = fewer;
                candidate = without;
            }
        }
        return Optional.of(candidate);
    }

    /** The paths {@code JsonTree.mergeVendorOptions} names as overwriting managed fields. */
    private static List<String> clashes(String message) {
        Matcher m = CLASHES.matcher(message == null ? "" : message);
        return m.find() ? List.of(m.group(1).split(",\\s*")) : List.of();
    }

    private static boolean needless(String path, Rendering rendering, JsonNode remote) {
        JsonNode rendered = JsonTree.at(rendering.body(), path);
        return rendered.isMissingNode() || rendered.isNull() || rendering.writeOnlyPaths().contains(path)
                || ExportProbe.holdsMarker(rendered) || Differ.equal(rendered, JsonTree.at(remote, path));
    }

    private static ObjectNode withOptions(ObjectNode probe, ObjectNode remote, List<String> paths) {
        ObjectNode copy = probe.deepCopy();
        copy.remove("vendorOptions");
        if (!paths.isEmpty()) {
            ObjectNode options = copy.putObject("vendorOptions");
            paths.forEach(p -> ExportProbe.set(options, p, JsonTree.at(remote, p).deepCopy()));
        }
        return copy;
    }

    private static Rendering rendering(ObjectNode probe, Function<ObjectNode, Rendering> render) {
        try {
            return render.apply(probe);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
