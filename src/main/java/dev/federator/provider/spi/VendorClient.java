package dev.federator.provider.spi;

import java.util.List;
import java.util.Optional;

/**
 * Talks to one vendor account. Created by {@link VendorProvider#connect} and cached per platform by the operator,
 * so implementations keep tokens and connections between calls; they must be safe for concurrent use.
 */
public interface VendorClient extends AutoCloseable {

    /** One cheap authenticated read that proves the credentials and the account (realm, org...) are right. */
    void verify();

    /** The vendor representation of the desired connection, limited to managed fields. Makes no call. */
    Rendering render(DesiredConnection desired);

    /**
     * The remote connection with this name, or with this id when the operator already knows it.
     *
     * @param externalId the id recorded on the resource's status, or null
     */
    Optional<RemoteConnection> find(String name, String externalId);

    /**
     * Every connection of the account, read in pages, for drift checks that would otherwise cost one read per
     * connection. Empty when the vendor has no list call worth using.
     */
    default Optional<List<RemoteConnection>> listAll() { return Optional.empty(); }

    /** Creates the connection; returns it as stored. */
    RemoteConnection create(DesiredConnection desired, Rendering rendering);

    /**
     * Brings {@code current} to the desired state. Only {@code changedPaths} differ; everything the vendor holds
     * beyond the managed fields (server-managed keys, a masked secret that did not change) must be kept.
     */
    RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                            List<String> changedPaths);

    /** Deletes the connection; PENDING when the vendor deletes asynchronously and it may still be visible. */
    DeleteOutcome delete(RemoteConnection current);

    /**
     * Path of a field in the rendering that stores the owner's uid on the vendor, when the vendor has somewhere to
     * keep it. The operator then recognises its own connections after losing its status.
     */
    default Optional<String> ownerMarkerPath() { return Optional.empty(); }

    @Override
    default void close() {}
}
