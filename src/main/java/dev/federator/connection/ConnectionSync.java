package dev.federator.connection;

import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.api.v1alpha1.SigningCertificateStatus;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.secrets.Fingerprints;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One pass of read, compare and (when managed) write for a connection whose platform and Secrets are resolved.
 * Writes happen only for fields that differ; a remote connection this resource did not create is taken over only
 * when the spec says so.
 */
@ApplicationScoped
public class ConnectionSync {
    private final Fingerprints fingerprints;
    private final EventRecorder events;
    private final RemoteSnapshots snapshots;
    private final ConnectionReads reads;
    private final Clock clock;

    public ConnectionSync(Fingerprints fingerprints, EventRecorder events, RemoteSnapshots snapshots, Clock clock) {
        this.fingerprints = fingerprints;
        this.events = events;
        this.snapshots = snapshots;
        this.reads = new ConnectionReads(snapshots);
        this.clock = clock;
    }

    /**
     * Nothing changed on our side since the last successful pass: the spec generation it described is the current
     * one, and it left the connection Ready.
     */
    static boolean steady(IdentityConnection connection, IdentityConnectionStatus before) {
        Long generation = connection.getMetadata().getGeneration();
        return before != null && generation != null && generation.equals(before.observedGeneration)
                && Conditions.isTrue(before.conditions, Conditions.READY);
    }

    /**
     * @param steady see {@link #steady(IdentityConnection, IdentityConnectionStatus)}: this is a drift check, which may
     *     read the platform's recent listing instead of the connection itself
     * @param persistPendingCreate writes the status at once; called before a vendor create so that a crash between
     *     the create and the final status write cannot lead to a second create
     * @return the remote connection as the pass ended with it (created, updated or read); null when there is none
     *     of ours (missing, refused, or a create that conflicted)
     */
    public RemoteConnection sync(IdentityConnection connection, IdentityConnectionStatus status, ResolvedPlatform platform,
                     VendorClient client, DesiredConnection desired, boolean steady,
                     Consumer<IdentityConnectionStatus> persistPendingCreate) {
        Long generation = connection.getMetadata().getGeneration();
        String uid = connection.getMetadata().getUid();
        boolean observeOnly = connection.getSpec().managementPolicy() == ManagementPolicy.ObserveOnly;
        Rendering rendering = client.render(desired);
        Optional<RemoteConnection> found = reads.read(platform, client, Lookup.of(desired, status.externalId), rendering,
                steady, ConnectionReads.neverCreated(status, client, observeOnly));

        if (found.isEmpty() && observeOnly) {
            status.drift = List.of("(connection missing)");
            notReady(status, Reason.NotFoundOnVendor, "no connection named " + desired.name() + " exists on "
                    + platform.key() + "; ObserveOnly never creates: create it on the vendor or switch "
                    + "managementPolicy to Manage", generation);
            return null;
        }
        RemoteConnection remote;
        boolean wrote = found.isEmpty();
        if (found.isEmpty()) {
            remote = create(connection, status, platform, client, desired, rendering, persistPendingCreate);
            if (remote == null) {
                return null;
            }
        } else {
            remote = found.get();
            boolean adopting = false;
            if (!observeOnly && !Ownership.owns(remote, status, uid, client, connection.getSpec().adoption())) {
                if (connection.getSpec().adoption() != AdoptionPolicy.IfExists) {
                    notReady(status, Reason.AlreadyExists, "a connection named " + desired.name() + " already exists on "
                            + platform.key() + " and was not created by this resource; set spec.adoption: IfExists "
                            + "to take it over, or choose another connectionName", generation);
                    return null;
                }
                events.normal(connection, Reason.Adopted, "took over the existing connection " + desired.name() + " on "
                        + platform.key());
                adopting = true;
            }
            List<String> changed = diff(rendering, remote, uid, status);
            if (!changed.isEmpty() && !observeOnly && steady) {
                // The listing may be up to a minute old: write only from a fresh read, so that an update that sends
                // back what the vendor holds never reverts a change made there in the meantime.
                Optional<RemoteConnection> fresh = client.find(Lookup.of(desired, status.externalId));
                if (fresh.isPresent()) {
                    remote = fresh.get();
                    changed = diff(rendering, remote, uid, status);
                }
            }
            if (adopting) {
                RemoteConnection adopted = remote;
                changed = QuietAdoption.adopt(changed, rendering, client, () -> recordFingerprints(status, uid, rendering),
                        () -> diff(rendering, adopted, uid, status));
            } else if (!observeOnly) {
                QuietAdoption.deferMarker(changed, client);
            }
            if (observeOnly) {
                client.ownerMarkerPath().ifPresent(changed::remove);
                status.drift = changed;
                status.externalId = remote.id();
                if (!changed.isEmpty()) {
                    notReady(status, Reason.DriftDetected, "fields differ on the vendor: " + changed + "; ObserveOnly "
                            + "never writes: fix them on the vendor or switch managementPolicy to Manage", generation);
                    return remote;
                }
            } else if (!changed.isEmpty()) {
                List<String> immutable = new ArrayList<>(changed);
                immutable.retainAll(rendering.identityPaths());
                if (!immutable.isEmpty()) {
                    notReady(status, Reason.ImmutableField, "the vendor cannot change " + immutable + " of an existing "
                            + "connection; delete the remote connection or create a new IdentityConnection", generation);
                    return remote;
                }
                RemoteConnection previous = remote;
                remote = client.update(remote, desired, rendering, changed);
                wrote = true;
                snapshots.written(platform.key(), remote);
                recordFingerprints(status, uid, rendering);
                if (!remote.id().equals(previous.id())) {
                    // The vendor keys the connection by a field that changed (SlashID: the client id): the adapter
                    // created a new one and deleted the old one.
                    events.normal(connection, Reason.Replaced, "replaced connection " + desired.name() + " on "
                            + platform.key() + " because " + changed + " changed: created " + remote.id()
                            + ", then deleted " + previous.id());
                } else {
                    events.normal(connection, Reason.Updated, "updated " + changed + " on " + platform.key());
                }
            }
            if (!observeOnly) {
                status.drift = null;
            }
        }
        status.externalId = remote.id();
        status.pendingCreate = null;
        if (wrote || !steady || status.lastSyncTime == null) {
            // Not on a drift check that found everything as it was: that pass must leave the status as it is, so that
            // it costs no API-server write (when it ran is federator_connection_last_compared_timestamp_seconds).
            status.lastSyncTime = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        }
        status.signingCertificate = desired.saml() == null || desired.saml().signingCertificate() == null ? null
                : new SigningCertificateStatus(desired.saml().signingCertificate().notAfter().toString(),
                desired.saml().signingCertificate().subject());
        Conditions.set(status.conditions, Conditions.READY, true, Reason.InSync, "the connection on " + platform.key()
                + " matches the spec", generation, clock);
        Conditions.set(status.conditions, Conditions.SYNCED, true, Reason.Synced, observeOnly
                ? "observed the vendor; ObserveOnly writes nothing" : "the vendor was read and, where needed, written",
                generation, clock);
        return remote;
    }

    private RemoteConnection create(IdentityConnection connection, IdentityConnectionStatus status,
                                    ResolvedPlatform platform, VendorClient client, DesiredConnection desired,
                                    Rendering rendering, Consumer<IdentityConnectionStatus> persistPendingCreate) {
        String uid = connection.getMetadata().getUid();
        boolean recreate = status.externalId != null;
        status.pendingCreate = desired.name();
        // Fingerprints of what is about to be written go with the intent: after a crash they are already right.
        recordFingerprints(status, uid, rendering);
        persistPendingCreate.accept(status);
        RemoteConnection remote;
        try {
            remote = client.create(desired, rendering);
            snapshots.written(platform.key(), remote);
        } catch (ConflictException e) {
            snapshots.forget(platform.key(), desired.name());
            // Someone created it between our read and our write; the next pass decides about ownership.
            notReady(status, Reason.AlreadyExists, "a connection named " + desired.name() + " appeared on " + platform.key()
                    + " while creating it; checking ownership again", connection.getMetadata().getGeneration());
            status.pendingCreate = null;
            return null;
        }
        if (recreate) {
            events.warning(connection, Reason.Recreated, "the connection " + desired.name() + " had been deleted on "
                    + platform.key() + " outside Federator; created it again");
        } else {
            events.normal(connection, Reason.Created, "created connection " + desired.name() + " on " + platform.key());
        }
        return remote;
    }

    private List<String> diff(Rendering rendering, RemoteConnection remote, String uid, IdentityConnectionStatus status) {
        return Differ.changedPaths(rendering, remote.body(),
                (path, value) -> fingerprint(uid, path, value).equals(status.secretFingerprints.get(path)));
    }

    private void recordFingerprints(IdentityConnectionStatus status, String uid, Rendering rendering) {
        status.secretFingerprints.clear();
        for (String path : rendering.writeOnlyPaths()) {
            var value = JsonTree.at(rendering.body(), path);
            if (!value.isNull() && !value.isMissingNode()) {
                status.secretFingerprints.put(path, fingerprint(uid, path, value.asText()));
            }
        }
    }

    private String fingerprint(String uid, String path, String value) { return fingerprints.of(uid, path, value); }

    private void notReady(IdentityConnectionStatus status, Reason reason, String message, Long generation) {
        Conditions.set(status.conditions, Conditions.READY, false, reason, message, generation, clock);
        Conditions.set(status.conditions, Conditions.SYNCED, true, Reason.Synced,
                "the vendor was read; see the Ready condition", generation, clock);
    }
}
