package dev.federator.provider.devrev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Authentication connections of one DevRev org. DevRev has no name or metadata on a connection, so a connection is
 * addressed by its id once known (status.externalId) and otherwise found in the org's list by its SAML
 * connection_name or its display_name.
 */
public final class DevRevClient implements VendorClient {
    /** "Only 5 authentication connections can be created by an organization" (DevRev API reference). */
    static final int MAX_ENTERPRISE_CONNECTIONS = 5;
    private static final String BASE = "dev-orgs.auth-connections.";
    private static final Pattern LIMIT_MESSAGE = Pattern.compile("(?i).*(limit|at most|only|maximum).*");

    private final DevRevTransport transport;
    /** The org's display id (dev_oid), read once: it prefixes every SAML connection_name. */
    private volatile String devOid;

    DevRevClient(DevRevTransport transport) { this.transport = transport; }

    @Override
    public void verify() { list("read the org's authentication connections"); }

    @Override
    public Rendering render(DesiredConnection desired) { return DevRevRepresentation.render(desired); }

    @Override
    public Optional<RemoteConnection> find(Lookup lookup) {
        String name = lookup.name();
        String externalId = lookup.externalId();
        if (externalId != null && !externalId.isBlank()) {
            VendorResponse response = transport.send(VendorRequest.get(
                    transport.uri(BASE + "get?id=" + enc(externalId)), "get"));
            if (response.status() == 404) {
                return Optional.empty(); // deleted outside Federator: the operator creates it again
            }
            if (!response.isSuccess()) {
                throw transport.failure(response, "read authentication connection " + externalId, null);
            }
            return Optional.of(remote(response.json().path("auth_connection"), name));
        }
        String display = lookup.displayNameOrName();
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode connection : list("list the org's authentication connections")) {
            if (name.equals(connectionNameOf(connection)) || display.equals(connection.path(DevRevRepresentation.DISPLAY_NAME).asText(null))) {
                matches.add(connection);
            }
        }
        if (matches.size() > 1) {
            throw new InvalidRequestException(Reason.AmbiguousName, matches.size() + " authentication connections on the "
                    + "DevRev org are named \"" + display + "\" and none is recorded on this resource; give "
                    + "spec.displayName a unique value or remove the duplicates in DevRev");
        }
        return matches.stream().findFirst().map(c -> remote(c, name));
    }

    @Override
    public Optional<List<RemoteConnection>> listAll() {
        List<RemoteConnection> all = new ArrayList<>();
        for (JsonNode connection : list("list the org's authentication connections")) {
            String connectionName = connectionNameOf(connection);
            String name = connectionName != null ? connectionName
                    : connection.path(DevRevRepresentation.DISPLAY_NAME).asText();
            all.add(remote(connection, name));
        }
        return Optional.of(all);
    }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        String what = "create authentication connection " + desired.name();
        long existing = list("count the org's authentication connections").size();
        if (existing >= MAX_ENTERPRISE_CONNECTIONS) {
            throw limitReached(existing);
        }
        VendorResponse response = transport.send(VendorRequest.post(transport.uri(BASE + "create"), "create")
                .json(DevRevRepresentation.createBody(desired, rendering, desired.kind() == ConnectionKind.SAML
                        ? DevRevRepresentation.samlConnectionName(devOid(), desired.name()) : null).toString()));
        if (response.status() == 400 && LIMIT_MESSAGE.matcher(response.json().path("message").asText("")).matches()
                && response.json().path("field_name").isMissingNode()) {
            throw limitReached(MAX_ENTERPRISE_CONNECTIONS);
        }
        if (response.status() != 201 && response.status() != 200) {
            throw transport.failure(response, what, desired.kind());
        }
        RemoteConnection created = remote(response.json().path("auth_connection"), desired.name());
        // DevRev creates every connection disabled; enabling is a separate call.
        if (desired.enabled() && !created.body().path(DevRevRepresentation.ENABLED).asBoolean(false)) {
            return toggle(created, true, desired.kind());
        }
        return created;
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        RemoteConnection result = current;
        if (DevRevRepresentation.changesFields(changedPaths)) {
            ObjectNode body = DevRevRepresentation.updateBody(current.id(), rendering, changedPaths);
            VendorResponse response = transport.send(VendorRequest.post(transport.uri(BASE + "update"), "update")
                    .idempotent().json(body.toString()));
            if (!response.isSuccess()) {
                throw transport.failure(response, "update authentication connection " + current.name(),
                        desired.kind());
            }
            JsonNode stored = response.json().path("auth_connection");
            result = stored.isObject() ? remote(stored, current.name()) : current;
        }
        if (changedPaths.contains(DevRevRepresentation.ENABLED)) {
            result = toggle(result, desired.enabled(), desired.kind());
        }
        return result;
    }

    /**
     * An enabled connection cannot be deleted: disable it first, then delete. DevRev refuses to disable the org's
     * last enabled connection and to delete a default one; both are reported, not retried in a loop.
     */
    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        RemoteConnection target = current;
        if (current.body().path(DevRevRepresentation.ENABLED).asBoolean(false)) {
            target = toggle(current, false, null);
        }
        VendorResponse response = transport.send(VendorRequest.post(transport.uri(BASE + "delete"), "delete")
                .idempotent().json(JsonTree.object().put("id", target.id()).toString()));
        if (response.status() == 404) {
            return DeleteOutcome.DELETED;
        }
        if (response.status() == 400) {
            throw new InvalidRequestException(Reason.DeleteRefused, "DevRev refused to delete authentication connection "
                    + current.name() + ": " + response.json().path("message").asText("bad_request")
                    + ". Default connections cannot be deleted; if it was enabled again meanwhile, the next attempt "
                    + "disables it first. To leave it in place set spec.deletionPolicy: Orphan");
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, "delete authentication connection " + current.name(), null);
        }
        return DeleteOutcome.DELETED;
    }

    private RemoteConnection toggle(RemoteConnection current, boolean enable, ConnectionKind kind) {
        ObjectNode body = JsonTree.object().put("id", current.id()).put("toggle", enable ? "enable" : "disable");
        // An explicit enable/disable is safe to repeat; a toggle without it would flip and is never sent.
        VendorResponse response = transport.send(VendorRequest.post(transport.uri(BASE + "toggle"), "toggle")
                .idempotent().json(body.toString()));
        if (response.status() == 400 && !enable) {
            throw new InvalidRequestException(Reason.LastEnabledConnection, "DevRev refused to disable authentication "
                    + "connection " + current.name() + ": " + response.json().path("message").asText("bad_request")
                    + ". A DevRev org needs at least one enabled connection: enable another connection of the org "
                    + "first, or keep this one (spec.enabled: true, or spec.deletionPolicy: Orphan when deleting)");
        }
        if (!response.isSuccess()) {
            throw transport.failure(response, (enable ? "enable" : "disable") + " authentication connection "
                    + current.name(), kind);
        }
        ObjectNode body2 = current.body().deepCopy();
        body2.put(DevRevRepresentation.ENABLED, enable);
        return new RemoteConnection(current.id(), current.name(), body2);
    }

    /** The spec's connectionName behind a SAML connection_name of this org, or null for any other connection. */
    private String connectionNameOf(JsonNode connection) {
        String stored = connection.path(DevRevRepresentation.CONNECTION_NAME).asText(null);
        return stored == null ? null : DevRevRepresentation.connectionNameOf(devOid(), stored);
    }

    /** The org's dev_oid: {@code dev_org.display_id} of {@code dev-orgs.get} (the org of the token). */
    private String devOid() {
        String known = devOid;
        if (known != null) {
            return known;
        }
        VendorResponse response = transport.send(VendorRequest.get(transport.uri("dev-orgs.get"), "get"));
        if (!response.isSuccess()) {
            throw transport.failure(response, "read the Dev org's id (for the SAML connection_name)", null);
        }
        String displayId = response.json().path("dev_org").path("display_id").asText("");
        if (displayId.isBlank()) {
            throw new InvalidRequestException(Reason.VendorRejected, "DevRev's dev-orgs.get did not return the org's "
                    + "display_id, which prefixes every SAML connection_name; check the token's org");
        }
        devOid = displayId;
        return displayId;
    }

    private List<JsonNode> list(String what) {
        VendorResponse response = transport.send(VendorRequest.get(transport.uri(BASE + "list"), "list"));
        if (!response.isSuccess()) {
            throw transport.failure(response, what, null);
        }
        List<JsonNode> enterprise = new ArrayList<>();
        response.json().path("auth_connections").forEach(c -> {
            if (DevRevRepresentation.isEnterprise(c)) {
                enterprise.add(c);
            }
        });
        return enterprise;
    }

    private static InvalidRequestException limitReached(long existing) {
        return new InvalidRequestException(Reason.ConnectionLimitReached, "the DevRev org already has " + existing
                + " enterprise authentication connections and DevRev allows at most " + MAX_ENTERPRISE_CONNECTIONS
                + " per org; delete one in DevRev (or its IdentityConnection) before adding this one");
    }

    private static RemoteConnection remote(JsonNode connection, String name) {
        return new RemoteConnection(connection.path("id").asText(), name, DevRevRepresentation.fromVendor(connection));
    }

    private static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }
}
