package dev.federator.connection;

import dev.federator.api.v1alpha1.DeletionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.platform.PlatformProblem;
import dev.federator.platform.PlatformResolver;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.secrets.SecretProblem;
import dev.federator.status.EventRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Deleting a connection: on the vendor only what this resource created or adopted, and only when its policies say
 * so; the finalizer stays while a vendor delete cannot finish.
 */
@ApplicationScoped
public class ConnectionCleanup {
    private final ConnectionWatches watches;
    private final VendorClientCache clients;
    private final RemoteSnapshots snapshots;
    private final EventRecorder events;
    private final ConnectionFailures failures;

    public ConnectionCleanup(ConnectionWatches watches, VendorClientCache clients, RemoteSnapshots snapshots,
                             EventRecorder events, ConnectionFailures failures) {
        this.watches = watches;
        this.clients = clients;
        this.snapshots = snapshots;
        this.events = events;
        this.failures = failures;
    }

    DeleteControl delete(IdentityConnection connection, Context<IdentityConnection> context) {
        IdentityConnectionStatus status = connection.getStatus() == null ? new IdentityConnectionStatus()
                : connection.getStatus();
        String name = connection.remoteName();
        if (connection.getSpec().deletionPolicy() == DeletionPolicy.Orphan
                || connection.getSpec().managementPolicy() == ManagementPolicy.ObserveOnly) {
            events.normal(connection, Reason.Orphaned, "left connection " + name + " on the vendor ("
                    + (connection.getSpec().deletionPolicy() == DeletionPolicy.Orphan ? "deletionPolicy: Orphan"
                    : "managementPolicy: ObserveOnly") + ")");
            return DeleteControl.defaultDelete();
        }
        if (neverReachedVendor(status)) {
            // Whatever state the platform and its Secrets are in (gone, unreachable, a typo in the host): there is
            // nothing of ours on the vendor, so there is nothing to wait for.
            events.normal(connection, Reason.Released, "connection " + name + " was never created on the vendor; "
                    + "nothing to delete there");
            return DeleteControl.defaultDelete();
        }
        try {
            String platformKey = PlatformResolver.keyOf(connection);
            VendorClientCache.Entry entry = clientForDelete(connection, context, platformKey);
            Optional<RemoteConnection> remote = entry.client().find(ConnectionLookup.of(connection, status.externalId));
            if (remote.isEmpty()) {
                return DeleteControl.defaultDelete();
            }
            if (!Ownership.owns(remote.get(), status, connection.getMetadata().getUid(), entry.client(),
                    connection.getSpec().adoption())) {
                events.normal(connection, Reason.NotDeleted, "connection " + name + " on " + platformKey
                        + " was not created or adopted by this resource; left in place");
                return DeleteControl.defaultDelete();
            }
            snapshots.forget(platformKey, name);
            if (entry.client().delete(remote.get()) == DeleteOutcome.PENDING) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
            }
            events.normal(connection, Reason.Deleted, "deleted connection " + name + " on " + platformKey);
            return DeleteControl.defaultDelete();
        } catch (ReconcileFailure e) {
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(failures.reportBlockedDelete(connection, context, e));
        }
    }

    /**
     * No vendor call for this resource ever wrote anything: a create is always recorded as pendingCreate before it is
     * sent, and anything found on the vendor and taken over is recorded as externalId.
     */
    static boolean neverReachedVendor(IdentityConnectionStatus status) {
        return status.externalId == null && status.pendingCreate == null;
    }

    /**
     * The platform's client; when the platform or its credentials are gone already (a namespace deletion removes
     * them together with the connections), the client built from them while they existed, if this process has it.
     */
    private VendorClientCache.Entry clientForDelete(IdentityConnection connection, Context<IdentityConnection> context,
                                                    String platformKey) {
        try {
            return clients.get(watches.platform(connection, context));
        } catch (PlatformProblem | SecretProblem e) {
            if (e instanceof PlatformProblem && e.reason() != Reason.PlatformNotFound) {
                throw e;
            }
            return clients.cached(platformKey).orElseThrow(() -> e);
        }
    }
}
