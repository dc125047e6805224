package dev.federator.platform;

import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.secrets.SecretProblem;
import dev.federator.status.Conditions;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
    private final Clock clock;

    public PlatformVerifier(VendorClientCache clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** Fills {@code status}; returns when to check again. */
    public Duration verify(ResolvedPlatformSupplier platform, PlatformStatus status, Long generation) {
        Duration next;
        try {
            ResolvedPlatform resolved = platform.get();
            status.vendor = resolved.vendor();
            clients.refresh(resolved).client().verify();
            Conditions.set(status.conditions, Conditions.READY, true, "Verified",
                    "credentials verified against the " + resolved.vendor() + " API", generation, clock);
            next = resolved.syncInterval();
        } catch (AuthenticationException e) {
            Conditions.set(status.conditions, Conditions.READY, false, e.reason(), e.getMessage(), generation, clock);
            next = Duration.ofMinutes(1);
        } catch (TransientVendorException e) {
            Conditions.set(status.conditions, Conditions.READY, false, e.reason(),
                    e.getMessage() + "; retrying", generation, clock);
            next = e.retryAfter().orElse(Duration.ofSeconds(30));
        } catch (VendorException e) {
            Conditions.set(status.conditions, Conditions.READY, false, e.reason(), e.getMessage(), generation, clock);
            next = Duration.ofMinutes(5);
        } catch (SecretProblem e) {
            Conditions.set(status.conditions, Conditions.READY, false, e.reason(), e.getMessage(), generation, clock);
            next = Duration.ofMinutes(5);
        } catch (PlatformProblem e) {
            Conditions.set(status.conditions, Conditions.READY, false, e.reason(), e.getMessage(), generation, clock);
            next = Duration.ofMinutes(5);
        }
        status.observedGeneration = generation;
        LOG.debugf("platform verified, next check in %s", next);
        return next;
    }

    /** Resolution may itself fail with a PlatformProblem; the verifier reports that like any other failure. */
    @FunctionalInterface
    public interface ResolvedPlatformSupplier {
        ResolvedPlatform get();
    }
}
