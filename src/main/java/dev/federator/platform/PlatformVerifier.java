package dev.federator.platform;

import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.status.Conditions;
import dev.federator.status.StatusRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Shared by both platform kinds: (re)builds the platform's client from its Secrets and proves it with one cheap
 * read, then says so in the Ready condition.
 */
@ApplicationScoped
public class PlatformVerifier {
    private static final Logger LOG = Logger.getLogger(PlatformVerifier.class);
    private final VendorClientCache clients;
    private final StatusRecorder statuses;

    public PlatformVerifier(VendorClientCache clients, StatusRecorder statuses) {
        this.clients = clients;
        this.statuses = statuses;
    }

    /** Fills {@code status}; returns when to check again. */
    public Duration verify(ResolvedPlatformSupplier platform, PlatformStatus status, Long generation) {
        Duration next;
        try {
            ResolvedPlatform resolved = platform.get();
            status.vendor = resolved.vendor();
            clients.refresh(resolved).client().verify();
            statuses.set(status.conditions, Conditions.READY, true, Reason.Verified,
                    "credentials verified against the " + resolved.vendor() + " API", generation);
            next = resolved.syncInterval();
        } catch (ReconcileFailure e) {
            statuses.failed(status.conditions, e, generation, Conditions.READY);
            next = retryAfter(e);
        }
        status.observedGeneration = generation;
        LOG.debugf("platform verified, next check in %s", next);
        return next;
    }

    /** A platform is cheap to check: credentials are rechecked every minute, anything else every five. */
    static Duration retryAfter(ReconcileFailure failure) {
        return switch (failure.retry()) {
            case RETRY_SOON -> failure.retryAfter().orElse(Duration.ofSeconds(30));
            case RECHECK_CREDENTIALS -> Duration.ofMinutes(1);
            case WAIT_FOR_CHANGE, NONE -> Duration.ofMinutes(5);
        };
    }

    /** Resolution may itself fail with a PlatformProblem; the verifier reports that like any other failure. */
    @FunctionalInterface
    public interface ResolvedPlatformSupplier {
        ResolvedPlatform get();
    }
}
