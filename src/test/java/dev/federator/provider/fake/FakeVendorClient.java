package dev.federator.provider.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory vendor for testing the operator's logic without HTTP: it hides its secret like DevRev or Keycloak
 * do, keeps a server-managed field, optionally has no place for an owner marker, and counts reads and writes.
 */
public final class FakeVendorClient implements VendorClient {
    public final Map<String, ObjectNode> store = new ConcurrentHashMap<>();
    public final Map<String, String> secrets = new ConcurrentHashMap<>();
    public final List<String> writes = new ArrayList<>();
    public int reads;
    public int lists;
    public boolean listable;
    private final boolean ownerMarker;

    public FakeVendorClient(boolean ownerMarker) { this.ownerMarker = ownerMarker; }

    @Override
    public void verify() {}

    @Override
    public Rendering render(DesiredConnection desired) {
        ObjectNode body = JsonTree.object();
        body.put("name", desired.name());
        body.set("displayName", JsonTree.text(desired.displayName()));
        body.put("enabled", desired.enabled());
        body.set("secret", JsonTree.text(desired.oidc() == null || desired.oidc().clientSecret() == null ? null
                : desired.oidc().clientSecret().reveal()));
        if (ownerMarker) {
            body.put("owner", desired.ownerId());
        }
        JsonTree.mergeVendorOptions(body, desired.vendorOptions());
        return new Rendering(body, Set.of("secret"), Set.of("name"));
    }

    @Override
    public Optional<RemoteConnection> find(Lookup lookup) {
        reads++;
        return Optional.ofNullable(store.get(lookup.name())).map(this::remote);
    }

    @Override
    public Optional<List<RemoteConnection>> listAll() {
        if (!listable) {
            return Optional.empty();
        }
        lists++;
        return Optional.of(store.values().stream().map(this::remote).toList());
    }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        if (store.containsKey(desired.name())) {
            throw new ConflictException("exists");
        }
        writes.add("create " + desired.name());
        ObjectNode body = JsonTree.withoutNulls(rendering.body());
        body.put("id", "id-" + desired.name());
        body.put("serverManaged", "keep-me");
        hideSecret(desired.name(), body);
        store.put(desired.name(), body);
        return remote(body);
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        writes.add("update " + current.name() + " " + changedPaths);
        ObjectNode body = current.body().deepCopy();
        JsonTree.overlay(body, rendering.body());
        if (!changedPaths.contains("secret")) {
            body.remove("secret");
        }
        hideSecret(current.name(), body);
        store.put(current.name(), body);
        return remote(body);
    }

    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        writes.add("delete " + current.name());
        store.remove(current.name());
        return DeleteOutcome.DELETED;
    }

    @Override
    public Optional<String> ownerMarkerPath() { return ownerMarker ? Optional.of("owner") : Optional.empty(); }

    private void hideSecret(String name, ObjectNode body) {
        if (body.hasNonNull("secret")) {
            secrets.put(name, body.get("secret").asText());
        }
        body.remove("secret");
        if (secrets.containsKey(name)) {
            body.put("secret", "***"); // present but hidden, as a masked field is
        }
    }

    private RemoteConnection remote(ObjectNode body) {
        return new RemoteConnection(body.path("id").asText(), body.path("name").asText(), body.deepCopy());
    }
}
