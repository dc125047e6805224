package dev.federator.provider.spi;

import java.util.List;
import java.util.Optional;

/**
 * Talks to one vendor account. Created by {@link VendorProvider#connect} and cached per platform by the operator,
 * so implementations keep tokens and HTTP connections between calls; they must be safe for concurrent use.
 *
 * <p>The contract every adapter keeps:
 * <ul>
 *   <li><b>No per-connection state between calls.</b> A client may cache facts about the account (a token, the org's
 *       id, a list read shared by all lookups for a moment) but nothing it learnt about one connection: the operator
 *       may be restarted, or another replica may take over, between any two calls, and a fresh client must behave
 *       exactly as the one that created the connection. Everything a call needs comes through its arguments. The one
 *       allowance: a write whose outcome the vendor left open (SlashID's 408) may be remembered for a while, only so
 *       as not to repeat it; never to find, compare or own a connection.</li>
 *   <li><b>{@link #render} has no side effect</b>: no call, nothing remembered.</li>
 *   <li><b>{@link #find} looks a connection up from a {@link Lookup} only</b>, which the operator builds from the
 *       resource without reading Secrets, so that the delete path finds exactly what a sync found, even without a
 *       render before it and after the Secrets are gone.</li>
 * </ul>
 */
public interface VendorClient extends AutoCloseable {

    /** One cheap authenticated read that proves the credentials and the account (realm, org...) are right. */
    void verify();

    /**
     * The vendor representation of the desired connection, limited to managed fields. Makes no call and remembers
     * nothing: {@link #find} must never depend on a render having happened.
     */
    Rendering render(DesiredConnection desired);

    /**
     * The remote connection {@code lookup} describes: by its id when the operator knows it ({@link Lookup#externalId}),
     * otherwise by what the vendor can match (the name, the display name, the client id...). Uses nothing but the
     * lookup and account-level facts. Empty when there is none.
     */
    Optional<RemoteConnection> find(Lookup lookup);

    /**
     * Every connection of the account, read in pages, for drift checks that would otherwise cost one read per
     * connection. Costs the list pages and nothing per connection: what the vendor keeps elsewhere is read by
     * {@link #completeListed} when a connection is compared. Empty when the vendor has no list call worth using.
     */
    default Optional<List<RemoteConnection>> listAll() { return Optional.empty(); }

    /**
     * A connection from {@link #listAll} as {@link #find} would return it, for the fields {@code rendering} manages;
     * {@code null} asks for every field (export). A listing must cost only its pages, so an adapter whose vendor keeps
     * part of a connection behind a per-connection call (Auth0: the enabled applications, with no bulk read) leaves
     * that part out of the listing and reads it here, for the one connection being compared and only when the
     * rendering manages it. Returns a new object, never changes {@code listed} (a listing is shared by many passes).
     * The default returns {@code listed}: the listing already holds everything.
     */
    default RemoteConnection completeListed(RemoteConnection listed, Rendering rendering) { return listed; }

    /**
     * True when the vendor keys connections by the name {@link #listAll} reports them under, so that {@link #create}
     * of a name it already holds is refused ({@link ConflictException}) and can never make a second connection. Only
     * then does the operator take "not on the vendor" for a connection it never created from a listing that may be
     * minutes old, instead of one read before each create: a connection made out of band since costs a refused create,
     * never a duplicate. False (the default) keeps the read, for vendors whose names are not unique.
     */
    default boolean refusesDuplicateNames() { return false; }

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

    /**
     * The values the IdP's administrator must enter for this connection (redirect URI; ACS URL, SP entity id, SP
     * metadata URL and certificate), derived from the vendor's documented URL layout and the account's settings, or
     * read from {@code remote}: the connection as the pass ended with it (a create or update response, or a read).
     * Makes no call. Empty, or a value left null, when the vendor does not let us know it.
     */
    default Optional<ServiceProvider> serviceProvider(DesiredConnection desired, RemoteConnection remote) {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
