package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.VendorClient;
import java.util.Optional;

/**
 * The one rule for "this connection on the vendor belongs to this resource", for sync and delete alike: the owner
 * marker where the vendor keeps one; otherwise the id recorded in the status, or the name of a create that was sent
 * but whose answer never reached the status (a crash in between), so that such a connection is neither adopted by
 * accident nor left behind by a delete.
 */
public final class Ownership {
    private Ownership() {}

    public static boolean owns(RemoteConnection remote, IdentityConnectionStatus status, String uid, VendorClient client) {
        Optional<String> marker = OwnerMarker.of(remote, client);
        if (marker.isPresent()) {
            return marker.get().equals(uid);
        }
        return remote.id().equals(status.externalId) || remote.name().equals(status.pendingCreate);
    }
}
