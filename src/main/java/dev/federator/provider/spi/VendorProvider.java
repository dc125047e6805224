package dev.federator.provider.spi;

import java.util.Set;

/**
 * Entry point of one vendor adapter, found through {@link java.util.ServiceLoader}: add the class name to
 * {@code META-INF/services/dev.federator.provider.spi.VendorProvider}.
 */
public interface VendorProvider {

    /** The vendor block's name on a platform: auth0, keycloak, ezto, devrev, loginradius, slashid. */
    String vendor();

    /** Connection types this vendor can hold; others get Ready=False reason UnsupportedType. */
    Set<ConnectionKind> supportedKinds();

    /** Pace used when the platform does not set spec.rateLimit. */
    RatePolicy defaultRate();

    /**
     * A client for one account. Must not call the vendor: {@link VendorClient#verify()} does that. The operator may
     * build a new client for the same account at any time (restart, new credentials): a client holds no state about
     * single connections (see {@link VendorClient}), so a new one finds and manages them exactly as the old one did.
     */
    VendorClient connect(PlatformAccount account, VendorHttp http);
}
