package dev.federator.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Identity providers of one realm (or one ezto workspace), addressed by alias. */
public final class KeycloakClient implements VendorClient {
    private static final int PAGE = 100;
    private final KeycloakTransport transport;
    /** {@code {url}/realms/{realm}}, the base of the broker endpoints; null where the layout is not documented (ezto). */
    private final String realmUrl;

    /** A client whose public broker URLs are not known (ezto: Keycloak-based, but its host layout is unpublished). */
    public KeycloakClient(KeycloakTransport transport) { this(transport, null); }

    public KeycloakClient(KeycloakTransport transport, String realmUrl) {
        this.transport = transport;
        this.realmUrl = realmUrl;
    }

    @Override
    public void verify() {
        VendorResponse response = transport.send(VendorRequest.get(transport.verifyUri(), "verify"));
        if (!response.isSuccess()) {
            throw transport.failure(response, "read the realm");
        }
    }

    /**
     * Keycloak's broker endpoint per alias serves as redirect URI and ACS URL; the realm URL is Keycloak's default SP
     * entity id, and the endpoint's {@code /descriptor} the SP metadata.
     */
    @Override
    public Optional<ServiceProvider> serviceProvider(DesiredConnection desired, RemoteConnection remote) {
        if (realmUrl == null) {
            return Optional.empty();
        }
        String endpoint = realmUrl + "/broker/" + enc(desired.name()) + "/endpoint";
        return Optional.of(desired.kind() == ConnectionKind.SAML
                ? new ServiceProvider(null, endpoint, realmUrl, endpoint + "/descriptor", null)
                : ServiceProvider.redirect(endpoint));
    }

    @Override
    public Rendering render(DesiredConnection desired) { return KeycloakRepresentation.render(desired); }

    @Override
    public Optional<RemoteConnection> find(Lookup lookup) {
        String name = lookup.name(); // the alias: Keycloak's id and name at once
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("/" + enc(name)), "get"));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "read identity provider " + name);
        }
        return Optional.of(remote(response.json()));
    }

    @Override
    public Optional<List<RemoteConnection>> listAll() {
        List<RemoteConnection> all = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            VendorResponse response = transport.send(VendorRequest.get(
                    transport.uri("?briefRepresentation=false&first=" + first + "&max=" + PAGE), "list"));
            if (!response.isSuccess()) {
                throw transport.failure(response, "list identity providers");
            }
            response.json().forEach(node -> all.add(remote(node)));
            if (response.json().size() < PAGE) {
                return Optional.of(all);
            }
        }
    }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        ObjectNode body = JsonTree.withoutNulls(rendering.body());
        // Keycloak answers 201 with a Location and no body, and keeps an internalId sent with the representation: the
        // id is then known without reading the provider back.
        body.put("internalId", UUID.randomUUID().toString());
        VendorResponse response = transport.send(VendorRequest.post(transport.uri(""), "create").json(body.toString()));
        if (response.status() != 201 && response.status() != 200) {
            throw refused(response, desired);
        }
        JsonNode answer = response.json();
        if (answer.isObject() && answer.hasNonNull("alias")) {
            return remote(answer); // ezto answers with the stored representation
        }
        return remote(KeycloakRepresentation.asRead(body, rendering));
    }

    /**
     * Keycloak refuses a duplicate alias with 409. ezto lists no 409 among its answers: a create it refuses with 400
     * or 402 is checked with a read, so that a duplicate alias is always a conflict, never a failure that leaves the
     * create intent behind (which would make the provider someone else made look like ours).
     */
    private RuntimeException refused(VendorResponse response, DesiredConnection desired) {
        RuntimeException failure = transport.failure(response, "create identity provider " + desired.name());
        if ((response.status() == 400 || response.status() == 402) && find(Lookup.of(desired, null)).isPresent()) {
            return new ConflictException("an identity provider with alias " + desired.name() + " already exists");
        }
        return failure;
    }

    /** The alias is the provider's key in its realm: a second create of it is refused (409), never a duplicate. */
    @Override
    public boolean refusesDuplicateNames() { return true; }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        ObjectNode body = KeycloakRepresentation.updateBody(current.body(), rendering, changedPaths);
        VendorResponse response = transport.send(VendorRequest.put(transport.uri("/" + enc(current.name())), "update")
                .json(body.toString()));
        if (!response.isSuccess()) {
            throw transport.failure(response, "update identity provider " + current.name());
        }
        return new RemoteConnection(current.id(), current.name(), KeycloakRepresentation.asRead(body, rendering));
    }

    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        VendorResponse response = transport.send(VendorRequest.delete(transport.uri("/" + enc(current.name())),
                "delete"));
        if (!response.isSuccess() && response.status() != 404) {
            throw transport.failure(response, "delete identity provider " + current.name());
        }
        return DeleteOutcome.DELETED;
    }

    @Override
    public Optional<String> ownerMarkerPath() { return Optional.of(KeycloakRepresentation.OWNER); }

    private static RemoteConnection remote(JsonNode node) {
        String alias = node.path("alias").asText();
        String id = node.path("internalId").asText(alias);
        return new RemoteConnection(id, alias, (ObjectNode) node);
    }

    private static String enc(String alias) { return URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20"); }
}
