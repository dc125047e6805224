package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.RetryClass;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import dev.federator.status.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** Where a typed failure of a connection becomes conditions, an event and a retry decision. */
@ApplicationScoped
public class ConnectionFailures {
    private static final Logger LOG = Logger.getLogger(ConnectionFailures.class);
    /** A rejected spec or a missing Secret waits for a change (the watches bring it back), with a slow recheck. */
    private static final Duration SLOW_RECHECK = Duration.ofMinutes(10);
    private final StatusRecorder statuses;
    private final EventRecorder events;
    private final Clock clock;

    public ConnectionFailures(StatusRecorder statuses, EventRecorder events, Clock clock) {
        this.statuses = statuses;
        this.events = events;
        this.clock = clock;
    }

    /** Ready and Synced False with the failure's reason, a warning event when the reason is new; returns the delay. */
    Duration report(ConnectionPass pass, ReconcileFailure failure) {
        IdentityConnection connection = pass.connection();
        IdentityConnectionStatus status = pass.status();
        String message = StatusRecorder.messageOf(failure);
        if (statuses.failed(status.conditions, failure, pass.generation(), Conditions.READY, Conditions.SYNCED)) {
            events.warning(connection, failure.reason(), message);
        }
        status.inputsDigest = null;
        LOG.infof("%s/%s not ready (%s): %s", connection.getMetadata().getNamespace(),
                connection.getMetadata().getName(), failure.reason(), message);
        return switch (failure.retry()) {
            case RETRY_SOON -> failure.retryAfter().orElseGet(() -> backoff(pass.before()));
            case RECHECK_CREDENTIALS, WAIT_FOR_CHANGE, NONE -> SLOW_RECHECK;
        };
    }

    /**
     * A delete that cannot finish: says so in the Ready condition as DeleteFailed, with the cause's reason and how to
     * end it by hand, and once in an event; returns when to try again.
     */
    Duration reportBlockedDelete(IdentityConnection connection, Context<IdentityConnection> context,
                                 ReconcileFailure failure) {
        String message = "could not delete connection " + connection.remoteName() + " on the vendor ("
                + failure.reason() + "): " + failure.getMessage() + ". The finalizer stays until it can. "
                + DeletionHints.howToForce(connection);
        LOG.infof("%s/%s: %s", connection.getMetadata().getNamespace(), connection.getMetadata().getName(), message);
        IdentityConnectionStatus status = StatusRecorder.copy(connection.getStatus(), IdentityConnectionStatus.class);
        boolean news = Conditions.find(status.conditions, Conditions.READY)
                .map(c -> !message.equals(c.getMessage())).orElse(true);
        if (news) {
            events.warning(connection, Reason.DeleteFailed, message);
            statuses.set(status.conditions, Conditions.READY, false, Reason.DeleteFailed, message,
                    connection.getMetadata().getGeneration());
            try {
                // Read-modify-write: a merge patch of a copy did not land on a connection being deleted.
                statuses.replace(context, connection, status);
            } catch (RuntimeException e) {
                LOG.warnf("could not write the status of %s/%s: %s", connection.getMetadata().getNamespace(),
                        connection.getMetadata().getName(), e.getMessage());
            }
        }
        return failure.retry() == RetryClass.RETRY_SOON ? failure.retryAfter().orElse(Duration.ofSeconds(10))
                : Duration.ofMinutes(1);
    }

    /** Exponential backoff from how long the connection has been failing transiently, 5 s up to 5 min. */
    private Duration backoff(IdentityConnectionStatus before) {
        Optional<String> since = before == null ? Optional.empty()
                : Conditions.find(before.conditions, Conditions.SYNCED)
                .filter(c -> "False".equals(c.getStatus())).map(c -> c.getLastTransitionTime());
        long failingSeconds = since.map(t -> Duration.between(Instant.parse(t), clock.instant()).getSeconds())
                .orElse(0L);
        long base = Math.min(300, Math.max(5, failingSeconds));
        return Duration.ofMillis(base * 1000 + ThreadLocalRandom.current().nextLong(base * 250 + 1));
    }
}
