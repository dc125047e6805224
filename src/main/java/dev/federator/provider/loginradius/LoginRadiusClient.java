package dev.federator.provider.loginradius;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connections of one LoginRadius organization. LoginRadius documents neither a get-one call nor a list of an
 * organization's connections: every lookup reads the organizations list, whose entries embed their
 * {@code Connections[]}; a read is shared for a moment by all lookups of the organization (one list call per organization when
 * a drift check reconciles many connections at once) and dropped on every write this client makes.
 */
final class LoginRadiusClient implements VendorClient {
    /** How long a list read answers lookups: short enough that an out-of-band change is seen on the next pass. */
    static final Duration LIST_REUSE = Duration.ofSeconds(2);

    private final LoginRadiusTransport transport;
    private final Clock clock;
    private List<RemoteConnection> listed;
    private Instant listedAt = Instant.EPOCH;

    LoginRadiusClient(LoginRadiusTransport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    @Override
    public void verify() { readList(); }

    @Override
    public Rendering render(DesiredConnection desired) { return LoginRadiusRepresentation.render(desired); }

    /** Read from the connection as LoginRadius returned it; see {@link LoginRadiusServiceProvider}. */
    @Override
    public Optional<ServiceProvider> serviceProvider(DesiredConnection desired, RemoteConnection remote) {
        return LoginRadiusServiceProvider.of(desired.kind(), remote);
    }

    @Override
    public Optional<RemoteConnection> find(Lookup lookup) {
        List<RemoteConnection> all = list();
        Optional<RemoteConnection> byId = lookup.externalId() == null ? Optional.empty()
                : all.stream().filter(c -> c.id().equals(lookup.externalId())).findFirst();
        return byId.or(() -> all.stream().filter(c -> c.name().equals(lookup.name())).findFirst());
    }

    /** A fresh read (the operator keeps its own listing for drift checks); lookups right after it reuse it. */
    @Override
    public synchronized Optional<List<RemoteConnection>> listAll() {
        listed = readList();
        listedAt = clock.instant();
        return Optional.of(listed);
    }

    /** A second connection of the same name in the organization is refused (8148), never a duplicate. */
    @Override
    public boolean refusesDuplicateNames() { return true; }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        ObjectNode body = JsonTree.withoutNulls(rendering.body());
        VendorResponse response = send(VendorRequest.post(transport.uri(null), "create").json(body.toString()));
        if (!response.isSuccess()) {
            throw transport.failure(response, "create connection " + desired.name(), body.path("Domain").asText());
        }
        JsonNode stored = response.json();
        if (stored.isObject() && stored.hasNonNull("Id")) {
            return remote(stored);
        }
        // The answer did not carry the stored connection: read it back.
        return find(Lookup.of(desired, null)).orElseGet(() -> remote(body));
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        ObjectNode body = LoginRadiusRepresentation.updateBody(current.body(), rendering, changedPaths);
        VendorResponse response = send(VendorRequest.put(transport.uri(current.id()), "update").json(body.toString()));
        if (!response.isSuccess()) {
            throw transport.failure(response, "update connection " + current.name(), body.path("Domain").asText());
        }
        JsonNode stored = response.json();
        if (stored.isObject() && stored.hasNonNull("Id")) {
            return remote(stored);
        }
        ObjectNode kept = body.deepCopy();
        kept.put("Id", current.id());
        return new RemoteConnection(current.id(), current.name(), kept);
    }

    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        VendorResponse response = send(VendorRequest.delete(transport.uri(current.id()), "delete"));
        if (!response.isSuccess() && response.json().path("ErrorCode").asInt(0) != 8151) {
            throw transport.failure(response, "delete connection " + current.name(), null);
        }
        if (response.isSuccess() && !response.json().path("IsDeleted").asBoolean(false)) {
            throw new TransientVendorException(Reason.DeleteNotConfirmed, "LoginRadius answered the delete of connection "
                    + current.name() + " without IsDeleted: true");
        }
        return DeleteOutcome.DELETED; // 8151: already gone, which is what a delete wants
    }

    /** Every write drops the shared list read, so the next lookup sees what the write did. */
    private VendorResponse send(VendorRequest request) {
        try {
            return transport.send(request);
        } finally {
            invalidate();
        }
    }

    private synchronized void invalidate() { listed = null; }

    private synchronized List<RemoteConnection> list() {
        Instant now = clock.instant();
        if (listed == null || !now.isBefore(listedAt.plus(LIST_REUSE))) {
            listed = readList();
            listedAt = now;
        }
        return listed;
    }

    /**
     * One call to the organizations list ({@code {Data: [...]}}, no paging documented), keeping the connections
     * embedded in this organization's entry.
     */
    private List<RemoteConnection> readList() {
        VendorResponse response = transport.send(VendorRequest.get(transport.organizationsUri(), "list"));
        String what = "list the connections of organization " + transport.organizationId();
        if (!response.isSuccess()) {
            throw transport.failure(response, what, null);
        }
        JsonNode organization = null;
        for (JsonNode candidate : response.json().path("Data")) {
            if (transport.organizationId().equals(candidate.path("Id").asText(null))) {
                organization = candidate;
            }
        }
        if (organization == null) {
            throw new InvalidRequestException(Reason.OrganizationNotFound, "LoginRadius lists no organization "
                    + transport.organizationId() + " for these credentials while trying to " + what
                    + "; check spec.loginradius.organizationId");
        }
        if (!organization.path("IsActive").asBoolean(true)) {
            // Only when the list says so; writes to an inactive organization answer 8180 anyway.
            throw new InvalidRequestException(Reason.OrganizationNotActive, "LoginRadius organization "
                    + transport.organizationId() + " is not active; activate it in LoginRadius");
        }
        List<RemoteConnection> all = new ArrayList<>();
        organization.path("Connections").forEach(node -> {
            if (node.isObject()) {
                all.add(remote(node));
            }
        });
        return List.copyOf(all);
    }

    private static RemoteConnection remote(JsonNode node) {
        return new RemoteConnection(node.path("Id").asText(), node.path("Name").asText(), (ObjectNode) node);
    }
}
