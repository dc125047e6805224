package dev.federator.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.CallLog;
import dev.federator.sim.SimulatorServer;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.Map;
import java.util.Optional;

/**
 * What one vendor supplies to run the shared {@link Scenario} list: its simulator, an account on it, a connection of a
 * type it supports, and where the simulator keeps what the scenarios check. Everything else is the shared harness.
 *
 * @param <S> the vendor's simulator (or, for a run against the real product, whatever reaches it)
 */
public interface VendorFixture<S extends AutoCloseable> {

    /** The vendor block's name, as its {@code VendorProvider} registers it. */
    String vendor();

    /** A started simulator with one account ready for {@link #account}. */
    S start();

    /**
     * The calls the vendor received, as its simulator logs them; empty for a real vendor, whose calls the harness then
     * records as the adapter sent them.
     */
    default Optional<CallLog> callLog(S vendor) {
        return vendor instanceof SimulatorServer<?> sim ? Optional.of(sim.calls()) : Optional.empty();
    }

    /** The platform's settings and credentials for that account. */
    PlatformAccount account(S sim);

    /** An enabled connection of a type the vendor supports, whose rotatable secret (if any) is {@code secret}. */
    DesiredConnection desired(String name, String ownerId, SecretValue secret);

    /** The one field {@link Scenario#UPDATE_ONE_FIELD} changes. */
    FieldUpdate update();

    /** The connection as the simulator stores it (secrets unmasked), or empty when it holds none. */
    Optional<ObjectNode> stored(S sim, RemoteConnection remote);

    /** The secret the simulator holds for the connection, read past the API (which may never show it). */
    Optional<String> storedSecret(S sim, RemoteConnection remote);

    /** Whether the vendor holds the connection as usable for sign-in. */
    boolean enabledOnVendor(S sim, RemoteConnection remote);

    /**
     * A call that obtains a token rather than changing anything: not counted as a write. By default a POST to a path
     * ending in /token (OAuth client credentials).
     */
    default boolean isTokenRequest(CallLog.Call call) { return call.route().endsWith("/token"); }

    /** {@code desired} turned off; vendors whose "off" needs more than {@code enabled: false} override it. */
    default DesiredConnection disabled(DesiredConnection desired) { return Desired.enabled(desired, false); }

    /**
     * Why the vendor returns the secret on reads, when it does (the harness then checks it is compared by value);
     * empty for a write-only secret, which must never appear in any answer of the vendor.
     */
    default Optional<String> secretReturnedOnRead() { return Optional.empty(); }

    /**
     * Stores {@code rendered} (an adapter's rendering of a connection someone else made) on the account past the API,
     * for tests of large accounts and of listings that miss a connection made a moment ago. Vendors whose tests need
     * neither do not implement it.
     */
    default void putOutOfBand(S sim, ObjectNode rendered) {
        throw new UnsupportedOperationException(vendor() + " cannot store a connection out of band");
    }

    /** Scenarios this vendor legitimately cannot run, each with the reason a reader of the report needs. */
    default Map<Scenario, String> unsupported() { return Map.of(); }
}
