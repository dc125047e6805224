package dev.federator.connection;

import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.VendorClient;
import java.util.Optional;

/** The owner uid a vendor stores on a remote connection, where the adapter has a place for it. */
final class OwnerMarker {
    private OwnerMarker() {}

    /** The uid found on the remote connection; empty when the vendor keeps no marker or this one has none. */
    static Optional<String> of(RemoteConnection remote, VendorClient client) {
        return client.ownerMarkerPath().map(p -> JsonTree.at(remote.body(), p).asText("")).filter(v -> !v.isEmpty());
    }
}
