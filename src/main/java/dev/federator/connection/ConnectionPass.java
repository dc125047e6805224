package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.status.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;

/**
 * One reconcile of one connection: the status it started from, the copy it edits, and what it already wrote
 * mid-pass (the create intent), which decides how the final status write is made.
 */
final class ConnectionPass {
    private final IdentityConnection connection;
    private final Context<IdentityConnection> context;
    private final StatusRecorder statuses;
    private final IdentityConnectionStatus before;
    private final IdentityConnectionStatus status;
    private IdentityConnection written;

    ConnectionPass(IdentityConnection connection, Context<IdentityConnection> context, StatusRecorder statuses) {
        this.connection = connection;
        this.context = context;
        this.statuses = statuses;
        this.before = connection.getStatus();
        this.status = StatusRecorder.copy(before, IdentityConnectionStatus.class);
        status.observedGeneration = generation();
    }

    IdentityConnection connection() { return connection; }

    Context<IdentityConnection> context() { return context; }

    /** The status as the pass found it; null for a new connection. */
    IdentityConnectionStatus before() { return before; }

    IdentityConnectionStatus status() { return status; }

    Long generation() { return connection.getMetadata().getGeneration(); }

    /** The create intent must be on the API server before the vendor call; later writes must not conflict with it. */
    void persistNow(IdentityConnectionStatus pending) {
        written = statuses.patchNow(context, connection, pending);
    }

    /** The final status write, when anything changed, and when to come back. */
    UpdateControl<IdentityConnection> finish(Duration next) {
        if (written != null && status.pendingCreate == null) {
            // JOSDK patches the status as a diff from the resource this pass started with, which lacks the create
            // intent written since: that diff would leave pendingCreate behind. Diff from what was written instead.
            statuses.replace(context, written, status);
            return UpdateControl.<IdentityConnection>noUpdate().rescheduleAfter(next);
        }
        return StatusRecorder.patchIfChanged(connection, before, status).rescheduleAfter(next);
    }
}
