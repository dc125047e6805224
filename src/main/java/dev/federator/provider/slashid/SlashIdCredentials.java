package dev.federator.provider.slashid;

import dev.federator.provider.spi.Reason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads and writes of SlashID's two credential collections (OIDC by client id, SAML by SlashID's id). */
final class SlashIdCredentials {
    private final SlashIdTransport transport;

    SlashIdCredentials(SlashIdTransport transport) { this.transport = transport; }


    Optional<RemoteConnection> getOidc(String name, String clientId) {
        return get(SlashIdTransport.OIDC, clientId, "read OIDC credentials for client id " + clientId)
                .map(node -> oidcRemote(name, node));
    }

    Optional<RemoteConnection> getSaml(String name, String id) {
        return get(SlashIdTransport.SAML, id, "read SAML credentials " + id).map(node -> samlRemote(name, node));
    }

    /** The stored credentials ({@code result}) of a collection by id, or empty when there are none. */
    private Optional<JsonNode> get(String collection, String id, String what) {
        VendorResponse response = transport.read(VendorRequest.get(transport.uri(collection + "/" + enc(id)), "get"));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, what);
        }
        return Optional.of(response.json().path("result"));
    }

    Optional<RemoteConnection> findSamlByLabel(String name, String label) {
        for (JsonNode node : list(SlashIdTransport.SAML, "list SAML provider credentials")) {
            if (label != null && label.equals(node.path("label").asText())) {
                return Optional.of(samlRemote(name, node));
            }
        }
        return Optional.empty();
    }

    JsonNode list(String collection, String what) {
        VendorResponse response = transport.read(VendorRequest.get(transport.uri(collection), "list"));
        if (!response.isSuccess()) {
            throw transport.failure(response, what);
        }
        return response.json().path("result");
    }

    void patch(String collection, String id, ObjectNode body, String what) {
        VendorResponse response = transport.write(VendorRequest.patch(transport.uri(collection + "/" + enc(id)), "update")
                .json(body.toString()));
        if (!response.isSuccess()) {
            throw transport.failure(response, what);
        }
    }

    /** Deletes credentials of either collection; already gone counts as deleted. */
    VendorResponse remove(String collection, String id) {
        return transport.write(VendorRequest.delete(transport.uri(collection + "/" + enc(id)), "delete"));
    }

    /**
     * Credentials without our marker are shown under {@code requestedName}, as if the marker held it: name and owner
     * share the one field external_cred_id, so a missing marker differs only in the owner, which an adoption writes
     * with the next real write instead of on its own.
     */
    static RemoteConnection oidcRemote(String requestedName, JsonNode node) {
        ObjectNode body = SlashIdRepresentation.oidcRemote(node);
        String name = SlashIdRepresentation.nameOf(body);
        if (name == null) {
            name = requestedName;
            JsonTree.set(body, SlashIdRepresentation.NAME, JsonTree.text(name));
        }
        return new RemoteConnection(body.path(SlashIdRepresentation.CLIENT_ID).asText(), name, body);
    }

    static RemoteConnection samlRemote(String name, JsonNode node) {
        return new RemoteConnection(node.path("id").asText(), name, ((ObjectNode) node).deepCopy());
    }

    static TransientVendorException gone(RemoteConnection current) {
        return new TransientVendorException(Reason.NotYetVisible, "credentials " + current.id()
                + " were written but could not be read back; reading again");
    }

    private static String enc(String id) { return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"); }
}
