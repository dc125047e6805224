package dev.federator.provider.auth0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The applications an Auth0 connection is enabled for, read and written through {@code /connections/{id}/clients}
 * (no longer a field of the connection itself); the rendering carries them as {@link Auth0Representation#CLIENTS}.
 */
final class Auth0EnabledClients {
    static final int PAGE = 100;
    /** At most this many assignments per PATCH of the connection-clients endpoint. */
    static final int PER_PATCH = 50;
    private final Auth0Transport transport;

    Auth0EnabledClients(Auth0Transport transport) { this.transport = transport; }

    /** The applications the connection is enabled for; none once it is deleted (Auth0 deletes asynchronously). */
    Set<String> of(String id) {
        Set<String> clients = new TreeSet<>();
        transport.pages("/connections/" + Auth0Transport.enc(id) + "/clients?take=" + PAGE, "get",
                "read the applications of connection " + id, true,
                page -> page.path("clients").forEach(c -> clients.add(c.path("client_id").asText())));
        return clients;
    }

    /** Enables and disables applications until the connection is enabled for exactly {@code wanted}. */
    void assign(String id, String name, Set<String> current, JsonNode wanted) {
        for (ArrayNode changes : changes(current, wanted)) {
            VendorResponse response = transport.send(VendorRequest.patch(transport.uri("/connections/"
                    + Auth0Transport.enc(id) + "/clients"), "update").idempotent().json(changes.toString()));
            if (!response.isSuccess()) {
                throw transport.failure(response, "enable or disable applications for connection " + name);
            }
        }
    }

    /**
     * The changes for PATCH /connections/{id}/clients that take the connection from the applications it is enabled
     * for to the wanted ones, at most {@link #PER_PATCH} per request; none when they already match.
     */
    static List<ArrayNode> changes(Set<String> current, JsonNode wanted) {
        Set<String> want = new TreeSet<>();
        wanted.forEach(c -> want.add(c.asText()));
        List<ObjectNode> changes = new ArrayList<>();
        want.stream().filter(c -> !current.contains(c))
                .forEach(c -> changes.add(JsonTree.object().put("client_id", c).put("status", true)));
        current.stream().sorted().filter(c -> !want.contains(c))
                .forEach(c -> changes.add(JsonTree.object().put("client_id", c).put("status", false)));
        List<ArrayNode> requests = new ArrayList<>();
        for (int i = 0; i < changes.size(); i += PER_PATCH) {
            ArrayNode request = JsonNodeFactory.instance.arrayNode();
            changes.subList(i, Math.min(changes.size(), i + PER_PATCH)).forEach(request::add);
            requests.add(request);
        }
        return requests;
    }

    /** Whether a changed path is about the enabled applications rather than the connection object. */
    static boolean isPath(String path) {
        return path.equals(Auth0Representation.CLIENTS) || path.startsWith(Auth0Representation.CLIENTS + ".");
    }
}
