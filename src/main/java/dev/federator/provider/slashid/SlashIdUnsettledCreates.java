package dev.federator.provider.slashid;

import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.OutcomeUnknownException;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Creates whose outcome SlashID left open (408: consistency not reached, or a lost answer), remembered for the
 * platform's consistency timeout so that a late write never meets a second create. Only a guard against repeating a
 * write: lookups never depend on it, and a restart that forgets it costs at most one extra create attempt that the
 * vendor's own uniqueness rules (client id) or the next pass's read settle.
 */
final class SlashIdUnsettledCreates {
    private final SlashIdTransport transport;
    private final Clock clock;
    /** By create key ("oidc:&lt;client id&gt;", "saml:&lt;name&gt;"), until when a late arrival is still expected. */
    private final Map<String, Instant> unknownCreates = new ConcurrentHashMap<>();

    SlashIdUnsettledCreates(SlashIdTransport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * A create whose answer was lost (timeout, reset) may still land, exactly like one answered 408: SAML credentials
     * have no unique name, so creating again at once could leave two. It is remembered the same way.
     */
    VendorResponse send(String key, VendorRequest request) {
        try {
            return transport.write(request);
        } catch (TransientVendorException e) {
            if (e.reason() != Reason.VendorUnreachable) {
                throw e;
            }
            throw remember(key, new OutcomeUnknownException(e.getMessage() + "; the create may still be applied"));
        }
    }

    VendorException remember(String key, VendorException failure) {
        if (failure instanceof OutcomeUnknownException) {
            unknownCreates.put(key, clock.instant().plusSeconds(transport.consistencyTimeoutSeconds()));
        }
        return failure;
    }

    /**
     * After a create answered 408, a new create waits: until the consistency timeout has passed since, a re-read
     * that finds the late write returns it, and one that does not ends this pass without writing.
     */
    Optional<RemoteConnection> awaitLate(String key, Supplier<Optional<RemoteConnection>> reread) {
        Instant until = unknownCreates.get(key);
        if (until == null) {
            return Optional.empty();
        }
        Optional<RemoteConnection> found = reread.get();
        if (found.isPresent()) {
            unknownCreates.remove(key);
            return found;
        }
        if (clock.instant().isBefore(until)) {
            throw new OutcomeUnknownException("a create answered 408 (consistency not reached) and may still be applied;"
                    + " Federator waits until " + until + " for it to appear before creating again");
        }
        unknownCreates.remove(key);
        return Optional.empty();
    }
}
