package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import dev.federator.status.Conditions;
import java.time.Duration;
import java.util.Optional;

/**
 * How a pass reads its connection: a drift check from the platform's recent listing; a connection no pass has created
 * from a listing when that is cheaper than a read ({@link NewConnectionReads}); everything else directly.
 */
final class ConnectionReads {
    private static final Duration MAX_SNAPSHOT_AGE = Duration.ofSeconds(60);
    private final RemoteSnapshots snapshots;

    ConnectionReads(RemoteSnapshots snapshots) { this.snapshots = snapshots; }

    /**
     * Whether "not on the vendor" may come from a listing: the vendor refuses a second connection of the same name,
     * and nothing says this resource ever sent a create (no {@code externalId}, no {@code pendingCreate}: a restart
     * between the vendor's create and the status write always reads directly, so it finds what it created) or met a
     * connection of its name (the last pass's AlreadyExists: the listing did not show that one, so it never will).
     * ObserveOnly never creates, so nothing would catch a listing that missed a connection made a moment ago.
     */
    static boolean neverCreated(IdentityConnectionStatus status, VendorClient client, boolean observeOnly) {
        return !observeOnly && status.externalId == null && status.pendingCreate == null
                && client.refusesDuplicateNames()
                && !Conditions.find(status.conditions, Conditions.READY)
                .map(c -> Reason.AlreadyExists.name().equals(c.getReason())).orElse(false);
    }

    /**
     * @param rendering what the pass compares: a listed connection is completed for it, not for every field
     * @param steady a drift check, which may use a listing up to a quarter of the sync interval (at most 60 s) old
     * @param neverCreated see {@link #neverCreated}; such a connection may be found absent from a listing up to a
     *     sync interval old (with our own writes applied): one made out of band since then meets the vendor's
     *     duplicate check, a refused create (AlreadyExists), and the next pass reads directly
     */
    Optional<RemoteConnection> read(ResolvedPlatform platform, VendorClient client, Lookup lookup, Rendering rendering,
                                    boolean steady, boolean neverCreated) {
        if (steady) {
            Duration maxAge = platform.syncInterval().dividedBy(4);
            maxAge = maxAge.compareTo(MAX_SNAPSHOT_AGE) > 0 ? MAX_SNAPSHOT_AGE : maxAge;
            Optional<Optional<RemoteConnection>> listed = snapshots.find(platform.key(), client, lookup.name(), maxAge,
                    rendering);
            if (listed.isPresent() && listed.get().isPresent()) {
                return listed.get();
            }
        } else if (neverCreated) {
            Duration maxAge = platform.syncInterval();
            Optional<Optional<RemoteConnection>> listed = snapshots.findNew(platform.key(), client, lookup.name(),
                    maxAge);
            if (listed.isPresent() && listed.get().isEmpty()) {
                return Optional.empty();
            }
            if (listed.isEmpty()) {
                snapshots.readNewDirectly(platform.key(), maxAge);
            }
            // Listed: read it directly all the same, since ownership and adoption are decided on a fresh read.
        }
        // A connection missing from a drift check's listing is confirmed by a direct read before anything is created.
        return client.find(lookup);
    }
}
