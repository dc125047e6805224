package dev.federator.provider.slashid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.kit.JsonTree;
import java.util.List;

/** The PATCH bodies for SlashID credentials: only the changed top-level fields, in the shape SlashID accepts. */
final class SlashIdPatches {
    private SlashIdPatches() {}

    /** Top-level fields of an OIDC PATCH for the changed paths; options go whole (the PATCH replaces them). */
    static ObjectNode oidc(ObjectNode current, ObjectNode rendering, List<String> changedPaths) {
        ObjectNode wire = SlashIdRepresentation.oidcWire(rendering);
        ObjectNode patch = JsonTree.object();
        for (String path : changedPaths) {
            String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
            if (top.equals("federator")) {
                patch.set("external_cred_id", wire.get("external_cred_id"));
            } else if (top.equals("options")) {
                ObjectNode options = current.path("options").isObject()
                        ? ((ObjectNode) current.path("options")).deepCopy() : JsonTree.object();
                JsonTree.remove(options, "apple.private_key"); // a placeholder, never a value
                ObjectNode overlay = JsonTree.object();
                overlay.set("options", rendering.path("options").isObject() ? rendering.path("options")
                        : JsonTree.object());
                ObjectNode merged = JsonTree.object().set("options", options);
                JsonTree.overlay(merged, overlay);
                patch.set("options", merged.get("options"));
            } else if (!top.equals(SlashIdRepresentation.CLIENT_ID) && !top.equals(SlashIdRepresentation.PROVIDER)) {
                JsonNode value = JsonTree.at(rendering, top);
                patch.set(top, value.isMissingNode() || value.isNull() ? JsonTree.text("") : value);
            }
        }
        return patch;
    }

    /** Top-level fields of a SAML PATCH for the changed paths. */
    static ObjectNode saml(ObjectNode rendering, List<String> changedPaths) {
        ObjectNode patch = JsonTree.object();
        for (String path : changedPaths) {
            String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
            JsonNode value = rendering.path(top);
            if (top.equals("email_claims") && value.isNull()) {
                patch.putArray("email_claims");
            } else {
                patch.set(top, value);
            }
        }
        return patch;
    }
}
