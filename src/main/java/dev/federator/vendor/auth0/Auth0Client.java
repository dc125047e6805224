package dev.federator.vendor.auth0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.vendor.spi.AuthenticationException;
import dev.federator.vendor.spi.ConflictException;
import dev.federator.vendor.spi.DeleteOutcome;
import dev.federator.vendor.spi.DesiredConnection;
import dev.federator.vendor.spi.JsonTree;
import dev.federator.vendor.spi.RemoteConnection;
import dev.federator.vendor.spi.Rendering;
import dev.federator.vendor.spi.TransientVendorException;
import dev.federator.vendor.spi.VendorClient;
import dev.federator.vendor.spi.VendorRequest;
import dev.federator.vendor.spi.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Connections of one Auth0 tenant through the Management API v2, addressed by id (con_...). */
final class Auth0Client implements VendorClient {
    static final int PAGE = 100;
    static final List<String> REQUIRED_SCOPES = List.of("read:connections", "create:connections",
            "update:connections", "delete:connections", "read:connections_options", "update:connections_options");
    /** The strategies Federator manages; listing asks for these only. */
    private static final String STRATEGIES = "strategy=oidc&strategy=samlp&strategy=waad&strategy=okta"
            + "&strategy=google-apps";
    private final Auth0Transport transport;

    Auth0Client(Auth0Transport transport) { this.transport = transport; }

    @Override
    public void verify() {
        // The token endpoint lists the granted scopes: name the missing ones before any connection needs them.
        Set<String> missing = new TreeSet<>(REQUIRED_SCOPES);
        missing.removeAll(transport.tokens().scopes());
        if (!missing.isEmpty()) {
            throw new AuthenticationException("MissingScope", "the Auth0 application lacks the Management API "
                    + "scopes " + missing + "; grant them under Applications > APIs > Auth0 Management API > "
                    + "Machine to Machine Applications");
        }
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("/connections?per_page=1&page=0"
                + "&fields=id"), "verify"));
        if (!response.isSuccess()) {
            throw transport.failure(response, "list connections");
        }
    }

    @Override
    public Rendering render(DesiredConnection desired) { return Auth0Representation.render(desired); }

    @Override
    public Optional<RemoteConnection> find(String name, String externalId) {
        if (externalId != null && !externalId.isBlank()) {
            Optional<RemoteConnection> byId = get(externalId);
            if (byId.isPresent() && byId.get().name().equals(name)) {
                return byId;
            }
        }
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("/connections?name=" + enc(name)),
                "get"));
        if (!response.isSuccess()) {
            throw transport.failure(response, "read connection " + name);
        }
        for (JsonNode node : response.json()) {
            if (name.equals(node.path("name").asText())) {
                return Optional.of(remote(node));
            }
        }
        return Optional.empty();
    }

    private Optional<RemoteConnection> get(String id) {
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("/connections/" + enc(id)), "get"));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "read connection " + id);
        }
        return Optional.of(remote(response.json()));
    }

    /** Checkpoint paging ({@code take}/{@code from}): stable while connections are added or removed meanwhile. */
    @Override
    public Optional<List<RemoteConnection>> listAll() {
        List<RemoteConnection> all = new ArrayList<>();
        String from = null;
        do {
            VendorResponse response = transport.send(VendorRequest.get(transport.uri("/connections?" + STRATEGIES
                    + "&take=" + PAGE + (from == null ? "" : "&from=" + enc(from))), "list"));
            if (!response.isSuccess()) {
                throw transport.failure(response, "list connections");
            }
            JsonNode json = response.json();
            json.path("connections").forEach(node -> all.add(remote(node)));
            from = json.path("next").asText(null);
        } while (from != null && !from.isEmpty());
        return Optional.of(all);
    }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        ObjectNode body = JsonTree.withoutNulls(rendering.body());
        // POST is not repeated blindly: a lost answer is settled by the operator's next read.
        VendorResponse response = transport.send(VendorRequest.post(transport.uri("/connections"), "create")
                .json(body.toString()));
        if (response.status() == 409) {
            // The name may be held by a connection Auth0 is still deleting (asynchronously): then wait, don't fail.
            if (find(desired.name(), null).isEmpty()) {
                throw new TransientVendorException("DeletionInProgress", "Auth0 is still deleting an earlier "
                        + "connection named " + desired.name() + "; it will be created once that finishes",
                        Duration.ofSeconds(2), null);
            }
            throw new ConflictException("Auth0 already has a connection named " + desired.name());
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "create connection " + desired.name(), secrets(body));
        }
        return remote(response.json());
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        // PATCH replaces options whole: merge onto what the tenant holds right now, not onto an older read.
        RemoteConnection fresh = get(current.id()).orElseThrow(() -> new TransientVendorException("Gone",
                "connection " + current.name() + " disappeared from Auth0 while updating it; it will be recreated"));
        ObjectNode patch = Auth0Representation.patchBody(fresh.body(), rendering);
        VendorResponse response = transport.send(VendorRequest.patch(transport.uri("/connections/"
                + enc(current.id())), "update").json(patch.toString()));
        if (!response.isSuccess()) {
            throw transport.failure(response, "update connection " + current.name(), secrets(patch));
        }
        return remote(response.json());
    }

    /** Auth0 answers 202: the connection may stay visible for a while, and the finalizer waits for it to go. */
    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        VendorResponse response = transport.send(VendorRequest.delete(transport.uri("/connections/"
                + enc(current.id())), "delete"));
        if (response.status() == 404) {
            return DeleteOutcome.DELETED;
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "delete connection " + current.name());
        }
        if (response.status() == 202) {
            return get(current.id()).isPresent() ? DeleteOutcome.PENDING : DeleteOutcome.DELETED;
        }
        return DeleteOutcome.DELETED;
    }

    @Override
    public Optional<String> ownerMarkerPath() { return Optional.of(Auth0Representation.OWNER); }

    /**
     * Without read:connections_options Auth0 returns connections without {@code options}. Treating that as "no
     * options" would make the next PATCH wipe them, so it is an error.
     */
    private static RemoteConnection remote(JsonNode node) {
        String name = node.path("name").asText();
        if (!node.path("options").isObject()) {
            throw new AuthenticationException("MissingScope", "Auth0 returned connection " + name + " without its "
                    + "options: the application lacks the scope read:connections_options; grant it under "
                    + "Applications > APIs > Auth0 Management API > Machine to Machine Applications");
        }
        return new RemoteConnection(node.path("id").asText(), name, (ObjectNode) node);
    }

    private static String[] secrets(ObjectNode body) {
        return new String[] {body.path("options").path("client_secret").asText("")};
    }

    private static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }
}
