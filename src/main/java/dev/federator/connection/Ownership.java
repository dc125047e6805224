package dev.federator.connection;

import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.VendorClient;
import java.util.Optional;

/**
 * The one rule for "this connection on the vendor belongs to this resource", for sync and delete alike: the owner
 * marker where the vendor keeps one; otherwise the id recorded in the status, or the name of a create that was sent
 * but whose answer never reached the status (a crash in between), so that such a connection is neither adopted by
 * accident nor left behind by a delete.
 *
 * <p>An adoption does not write the marker by itself (it waits for the next write that happens anyway), so a
 * connection adopted with {@code adoption: IfExists} may still carry another resource's marker, or none: the id its
 * status recorded when adopting makes it ours. Without that consent, a foreign marker always wins, so a resource
 * whose connection was taken over by another one stops managing it.
 */
public final class Ownership {
    private Ownership() {}

    public static boolean owns(RemoteConnection remote, IdentityConnectionStatus status, String uid, VendorClient client) {
        return owns(remote, status, uid, client, AdoptionPolicy.Never);
    }

    public static boolean owns(RemoteConnection remote, IdentityConnectionStatus status, String uid, VendorClient client,
                               AdoptionPolicy adoption) {
        Optional<String> marker = OwnerMarker.of(remote, client);
        if (marker.isPresent() && marker.get().equals(uid)) {
            return true;
        }
        if (marker.isPresent() && adoption != AdoptionPolicy.IfExists) {
            return false;
        }
        return remote.id().equals(status.externalId) || marker.isEmpty() && remote.name().equals(status.pendingCreate);
    }
}
