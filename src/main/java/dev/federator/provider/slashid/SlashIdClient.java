package dev.federator.provider.slashid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.OutcomeUnknownException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SSO provider credentials of one SlashID organization.
 *
 * <p>Identity: an OIDC credential's id is its client id; its connectionName lives in the external_cred_id marker. A
 * SAML credential's id is SlashID's id; lost ids are recovered by label. A client-id change is carried out here as
 * create-new-then-delete-old (SlashID cannot rename a client id), idempotently, so that an interrupted replacement
 * finishes on the next pass and the status says when both exist.
 *
 * <p>408 (consistency not reached) means the write may still land. Create remembers a timed-out create for the
 * platform's consistency timeout and, until then, re-reads instead of writing again, so a late write never meets a
 * second create.
 */
final class SlashIdClient implements VendorClient {
    private final SlashIdTransport transport;
    private final SlashIdCredentials credentials;
    private final SlashIdUnsettledCreates unsettled;

    SlashIdClient(SlashIdTransport transport, Clock clock) {
        this.transport = transport;
        this.credentials = new SlashIdCredentials(transport);
        this.unsettled = new SlashIdUnsettledCreates(transport, clock);
    }

    @Override
    public void verify() {
        VendorResponse response = transport.read(VendorRequest.get(transport.uri(SlashIdTransport.OIDC), "verify"));
        if (!response.isSuccess()) {
            throw transport.failure(response, "list OIDC provider credentials");
        }
    }

    @Override
    public Rendering render(DesiredConnection desired) { return SlashIdRepresentation.render(desired); }

    /**
     * By id when known (an OIDC credential's id is its client id; a SAML one's is SlashID's), else OIDC credentials by
     * the connectionName in their marker, then by the spec's client id (credentials without our marker: the operator
     * decides about adoption), and SAML credentials by label. A lookup without a kind tries both collections.
     */
    @Override
    public Optional<RemoteConnection> find(Lookup lookup) {
        String name = lookup.name();
        boolean known = lookup.kind() != null;
        boolean saml = lookup.kind() == ConnectionKind.SAML;
        if (lookup.externalId() != null) {
            String id = lookup.externalId();
            Optional<RemoteConnection> byId = saml ? credentials.getSaml(name, id)
                    : credentials.getOidc(name, id).or(() -> known ? Optional.empty() : credentials.getSaml(name, id));
            if (byId.isPresent()) {
                return byId;
            }
        }
        if (saml) {
            return credentials.findSamlByLabel(name, lookup.displayNameOrName());
        }
        List<RemoteConnection> named = new ArrayList<>();
        for (JsonNode node : credentials.list(SlashIdTransport.OIDC, "list OIDC provider credentials")) {
            if (name.equals(SlashIdRepresentation.nameOf(SlashIdRepresentation.oidcRemote(node)))) {
                named.add(SlashIdCredentials.oidcRemote(name, node));
            }
        }
        if (!named.isEmpty()) {
            // After an interrupted client-id replacement both may carry the name: offer the stale one first, so that
            // the diff sees the client-id change and the replacement finishes by deleting it.
            return named.stream().filter(r -> !r.id().equals(lookup.clientId())).findFirst()
                    .or(() -> Optional.of(named.get(0)));
        }
        if (lookup.clientId() != null) {
            return credentials.getOidc(name, lookup.clientId());
        }
        return known ? Optional.empty() : credentials.findSamlByLabel(name, lookup.displayNameOrName());
    }

    /**
     * Both collections, one unpaged GET each (SlashID's list calls have no paging). An OIDC credential is named by
     * its marker as {@link #find} names it, else by its client id (its key on SlashID: never another credential's
     * name); a SAML credential by its label, which is what {@link #find} matches it by.
     */
    @Override
    public Optional<List<RemoteConnection>> listAll() {
        List<RemoteConnection> all = new ArrayList<>();
        for (JsonNode node : credentials.list(SlashIdTransport.OIDC, "list OIDC provider credentials")) {
            all.add(SlashIdCredentials.oidcRemote(node.path(SlashIdRepresentation.CLIENT_ID).asText(), node));
        }
        for (JsonNode node : credentials.list(SlashIdTransport.SAML, "list SAML provider credentials")) {
            all.add(SlashIdCredentials.samlRemote(node.path("label").asText(), node));
        }
        return Optional.of(all);
    }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        if (desired.kind() == ConnectionKind.SAML) {
            String key = "saml:" + desired.name();
            Optional<RemoteConnection> late = unsettled.awaitLate(key,
                    () -> credentials.findSamlByLabel(desired.name(), desired.displayNameOrName()));
            if (late.isPresent()) {
                return late.get();
            }
            VendorResponse response = unsettled.send(key, VendorRequest.post(transport.uri(SlashIdTransport.SAML),
                    "create").json(JsonTree.withoutNulls(rendering.body()).toString()));
            if (!response.isSuccess()) {
                throw unsettled.remember(key, transport.failure(response, "create SAML credentials "
                        + desired.name()));
            }
            JsonNode result = response.json().path("result");
            if (result.isObject() && result.hasNonNull("id")) {
                return SlashIdCredentials.samlRemote(desired.name(), result);
            }
            return credentials.findSamlByLabel(desired.name(), desired.displayNameOrName()).orElseThrow(() ->
                    new TransientVendorException(Reason.NotYetVisible, "SlashID accepted the SAML credentials for "
                            + desired.name() + " but does not show them yet"));
        }
        String clientId = rendering.body().path(SlashIdRepresentation.CLIENT_ID).asText();
        return createOidc(desired.name(), clientId, rendering);
    }

    private RemoteConnection createOidc(String name, String clientId, Rendering rendering) {
        String key = "oidc:" + clientId;
        Optional<RemoteConnection> late = unsettled.awaitLate(key, () -> credentials.getOidc(name, clientId));
        if (late.isPresent()) {
            return late.get();
        }
        VendorResponse response = unsettled.send(key, VendorRequest.post(transport.uri(SlashIdTransport.OIDC),
                "create").json(SlashIdRepresentation.oidcWire(rendering.body()).toString()));
        if (!response.isSuccess()) {
            throw unsettled.remember(key, transport.failure(response, "create OIDC credentials for client id "
                    + clientId));
        }
        // 201 without a result; the client id is the credentials' id, and a read shows what was sent, with the
        // write-only values held by SlashID: no need to read them back.
        return SlashIdCredentials.oidcRemote(name, SlashIdRepresentation.oidcWire(rendering.body()));
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        if (desired.kind() == ConnectionKind.SAML) {
            ObjectNode patch = SlashIdPatches.saml(rendering.body(), changedPaths);
            credentials.patch(SlashIdTransport.SAML, current.id(), patch, "update SAML credentials " + current.name());
            return credentials.getSaml(current.name(), current.id()).orElseThrow(() -> SlashIdCredentials.gone(current));
        }
        String clientId = rendering.body().path(SlashIdRepresentation.CLIENT_ID).asText();
        if (!clientId.equals(current.id())) {
            return replace(current, desired, rendering, clientId);
        }
        ObjectNode patch = SlashIdPatches.oidc(current.body(), rendering.body(), changedPaths);
        credentials.patch(SlashIdTransport.OIDC, current.id(), patch, "update OIDC credentials for client id " + current.id());
        return credentials.getOidc(current.name(), current.id()).orElseThrow(() -> SlashIdCredentials.gone(current));
    }

    /**
     * The client id changed: create (or finish) the credentials for the new one, then delete the old ones. Never
     * leaves neither: the old ones go only once the new ones are read back. If the delete fails, both exist and the
     * exception says so (the status shows it); the next pass finds the old ones and finishes.
     */
    private RemoteConnection replace(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                     String newClientId) {
        Optional<RemoteConnection> existing = credentials.getOidc(desired.name(), newClientId);
        RemoteConnection created;
        if (existing.isPresent()) {
            String owner = JsonTree.at(existing.get().body(), SlashIdRepresentation.OWNER).asText("");
            if (!owner.equals(desired.ownerId() == null ? "" : desired.ownerId())) {
                throw new InvalidRequestException(Reason.AlreadyExists, "SlashID already holds credentials for the new "
                        + "client id " + newClientId + " that this resource did not create; the credentials for "
                        + current.id() + " stay. Delete the other credentials or choose another client id");
            }
            // Created by an earlier, interrupted replacement: make sure it holds the full desired state.
            ObjectNode full = SlashIdRepresentation.oidcWire(rendering.body());
            full.remove(List.of(SlashIdRepresentation.CLIENT_ID, SlashIdRepresentation.PROVIDER)); // not in PATCH
            credentials.patch(SlashIdTransport.OIDC, newClientId, full, "complete the replacement credentials for client id "
                    + newClientId);
            created = credentials.getOidc(desired.name(), newClientId).orElseThrow(() -> SlashIdCredentials.gone(existing.get()));
        } else {
            try {
                created = createOidc(desired.name(), newClientId, rendering);
            } catch (OutcomeUnknownException e) {
                throw new OutcomeUnknownException("replacing client id " + current.id() + " by " + newClientId + ": "
                        + e.getMessage() + "; the credentials for " + current.id() + " stay until the new ones are "
                        + "confirmed");
            }
            // The old ones go only once the new ones can be read.
            created = credentials.getOidc(desired.name(), newClientId).orElseThrow(() -> new TransientVendorException(
                    Reason.NotYetVisible, "SlashID accepted the OIDC credentials for client id " + newClientId
                    + " but does not show them yet; the credentials for " + current.id() + " stay until it does"));
        }
        VendorResponse response = credentials.remove(SlashIdTransport.OIDC, current.id());
        if (!response.isSuccess() && response.status() != 404) {
            VendorException cause = transport.failure(response, "delete the OIDC credentials for client id "
                    + current.id());
            throw new TransientVendorException(Reason.ReplaceIncomplete, "created the credentials for the new client id "
                    + newClientId + " but could not delete those for the old client id " + current.id() + " ("
                    + cause.reason() + ": " + cause.getMessage() + "); both exist on SlashID until the next attempt "
                    + "deletes the old ones", null, cause);
        }
        return created;
    }

    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        String collection = current.body().has(SlashIdRepresentation.CLIENT_ID) ? SlashIdTransport.OIDC
                : SlashIdTransport.SAML;
        VendorResponse response = credentials.remove(collection, current.id());
        if (!response.isSuccess() && response.status() != 404) {
            throw transport.failure(response, "delete credentials " + current.id());
        }
        return DeleteOutcome.DELETED;
    }

    @Override
    public Optional<String> ownerMarkerPath() { return Optional.of(SlashIdRepresentation.OWNER); }
}
