package dev.federator.provider.auth0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
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
    private final Auth0EnabledClients applications;
    private final String domain;

    Auth0Client(Auth0Transport transport, String domain) {
        this.transport = transport;
        this.domain = domain;
        this.applications = new Auth0EnabledClients(transport);
    }

    @Override
    public Optional<ServiceProvider> serviceProvider(DesiredConnection desired, RemoteConnection remote) {
        return Optional.of(Auth0ServiceProvider.of(domain, desired.name(), desired.kind()));
    }

    @Override
    public void verify() {
        // The token endpoint lists the granted scopes: name the missing ones before any connection needs them.
        Set<String> missing = new TreeSet<>(REQUIRED_SCOPES);
        missing.removeAll(transport.tokens().scopes());
        if (!missing.isEmpty()) {
            throw new AuthenticationException(Reason.MissingScope, "the Auth0 application lacks the Management API "
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
    public Optional<RemoteConnection> find(Lookup lookup) {
        String name = lookup.name();
        String externalId = lookup.externalId();
        if (externalId != null && !externalId.isBlank()) {
            Optional<RemoteConnection> byId = get(externalId);
            if (byId.isPresent() && byId.get().name().equals(name)) {
                return byId;
            }
        }
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("/connections?name=" + Auth0Transport.enc(name)),
                "get"));
        if (!response.isSuccess()) {
            throw transport.failure(response, "read connection " + name);
        }
        for (JsonNode node : response.json()) {
            if (name.equals(node.path("name").asText())) {
                return Optional.of(withClients(node));
            }
        }
        return Optional.empty();
    }

    private Optional<RemoteConnection> get(String id) { return read(id).map(this::withClients); }

    /** The connection object alone, without asking which applications use it. */
    private Optional<JsonNode> read(String id) {
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("/connections/" + Auth0Transport.enc(id)), "get"));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "read connection " + id);
        }
        return Optional.of(response.json());
    }

    /**
     * The connection as compared: its object plus, as {@code enabled_clients}, the applications it is enabled for,
     * read from {@code GET /connections/{id}/clients}. A deprecated {@code enabled_clients} on the object itself is
     * ignored: migrated tenants no longer return it.
     */
    private RemoteConnection withClients(JsonNode node) {
        RemoteConnection remote = remote(node);
        ArrayNode clients = remote.body().putArray(Auth0Representation.CLIENTS);
        applications.of(remote.id()).forEach(clients::add);
        return remote;
    }

    @Override
    public Optional<List<RemoteConnection>> listAll() {
        List<RemoteConnection> all = new ArrayList<>();
        // Without the enabled applications: those cost one call per connection (see completeListed).
        transport.pages("/connections?" + STRATEGIES + "&take=" + PAGE, "list", "list connections", false,
                page -> page.path("connections").forEach(node -> all.add(remote(node))));
        return Optional.of(all);
    }

    /**
     * Adds the enabled applications, read from {@code /connections/{id}/clients}, when the rendering manages them.
     * Auth0 has no bulk read of connection-client assignments, so this is one call per compared connection; a spec
     * that leaves {@code enabled_clients} alone costs none.
     */
    @Override
    public RemoteConnection completeListed(RemoteConnection listed, Rendering rendering) {
        if (rendering != null && !rendering.body().has(Auth0Representation.CLIENTS)) {
            return listed;
        }
        return withClients(listed.body().deepCopy());
    }

    /**
     * A connection's name is unique in the tenant, whatever its strategy: a second create is refused with 409 (also
     * while Auth0 still deletes an earlier one), never a duplicate.
     */
    @Override
    public boolean refusesDuplicateNames() { return true; }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        ObjectNode body = JsonTree.withoutNulls(rendering.body());
        JsonNode wanted = body.remove(Auth0Representation.CLIENTS);
        // POST is not repeated blindly: a lost answer is settled by the operator's next read.
        VendorResponse response = transport.send(VendorRequest.post(transport.uri("/connections"), "create")
                .json(body.toString()));
        if (response.status() == 409) {
            // The name may be held by a connection Auth0 is still deleting (asynchronously): then wait, don't fail.
            if (find(Lookup.of(desired, null)).isEmpty()) {
                throw new TransientVendorException(Reason.DeletionInProgress, "Auth0 is still deleting an earlier "
                        + "connection named " + desired.name() + "; it will be created once that finishes",
                        Duration.ofSeconds(2), null);
            }
            throw new ConflictException("Auth0 already has a connection named " + desired.name());
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "create connection " + desired.name(), secrets(body));
        }
        RemoteConnection created = remote(response.json());
        ArrayNode clients = created.body().putArray(Auth0Representation.CLIENTS);
        if (wanted != null) {
            // A new connection is enabled for no application.
            applications.assign(created.id(), desired.name(), Set.of(), wanted);
            wanted.forEach(clients::add);
        }
        return created;
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        // PATCH replaces options whole: merge onto what the tenant holds right now, not onto an older read.
        RemoteConnection fresh = get(current.id()).orElseThrow(() -> new TransientVendorException(Reason.ConnectionVanished,
                "connection " + current.name() + " disappeared from Auth0 while updating it; it will be recreated"));
        RemoteConnection result = fresh;
        if (changedPaths.stream().anyMatch(p -> !Auth0EnabledClients.isPath(p))) {
            ObjectNode patch = Auth0Representation.patchBody(fresh.body(), rendering);
            VendorResponse response = transport.send(VendorRequest.patch(transport.uri("/connections/"
                    + Auth0Transport.enc(current.id())), "update").json(patch.toString()));
            if (!response.isSuccess()) {
                throw transport.failure(response, "update connection " + current.name(), secrets(patch));
            }
            result = remote(response.json());
            result.body().set(Auth0Representation.CLIENTS, fresh.body().path(Auth0Representation.CLIENTS));
        }
        JsonNode wanted = rendering.body().get(Auth0Representation.CLIENTS);
        if (wanted != null && wanted.isArray() && changedPaths.stream().anyMatch(Auth0EnabledClients::isPath)) {
            Set<String> held = new TreeSet<>();
            fresh.body().path(Auth0Representation.CLIENTS).forEach(c -> held.add(c.asText()));
            applications.assign(current.id(), current.name(), held, wanted);
            result.body().set(Auth0Representation.CLIENTS, wanted.deepCopy());
        }
        return result;
    }

    /** Auth0 answers 202: the connection may stay visible for a while, and the finalizer waits for it to go. */
    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        VendorResponse response = transport.send(VendorRequest.delete(transport.uri("/connections/"
                + Auth0Transport.enc(current.id())), "delete"));
        if (response.status() == 404) {
            return DeleteOutcome.DELETED;
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "delete connection " + current.name());
        }
        if (response.status() == 202) {
            return read(current.id()).isPresent() ? DeleteOutcome.PENDING : DeleteOutcome.DELETED;
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
        if (node.isObject()) {
            ((ObjectNode) node).remove(Auth0Representation.CLIENTS);
        }
        if (!node.path("options").isObject()) {
            throw new AuthenticationException(Reason.MissingScope, "Auth0 returned connection " + name + " without its "
                    + "options: the application lacks the scope read:connections_options; grant it under "
                    + "Applications > APIs > Auth0 Management API > Machine to Machine Applications");
        }
        return new RemoteConnection(node.path("id").asText(), name, (ObjectNode) node);
    }

    private static String[] secrets(ObjectNode body) {
        return new String[] {body.path("options").path("client_secret").asText("")};
    }

}
