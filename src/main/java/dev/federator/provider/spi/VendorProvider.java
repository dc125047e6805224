package dev.federator.provider.spi;

import java.util.Set;

/**
 * Entry point of one vendor adapter, found through {@link java.util.ServiceLoader}: add the class name to
 * {@code META-INF/services/dev.federator.provider.spi.VendorProvider}. That file is the one list of vendors;
 * docs/adding-a-vendor.md lists the rest of what a new vendor needs.
 *
 * @param <S> the record the platform's vendor block is read into
 */
public interface VendorProvider<S extends Record> {

    /** The vendor block's name on a platform, for example keycloak: lower case, letters and digits. */
    String vendor();

    /**
     * The record the operator reads the platform's vendor block into (with Jackson, by field name; fields that refer
     * to Secrets become credentials instead). Its compact constructor applies defaults and rejects missing or
     * invalid values with an {@link InvalidRequestException} (see {@link Settings}), which the platform reports.
     */
    Class<S> settingsType();

    /** Connection types this vendor can hold; others get Ready=False reason UnsupportedType. */
    Set<ConnectionKind> supportedKinds();

    /** Pace used when the platform does not set spec.rateLimit. */
    RatePolicy defaultRate();

    /**
     * A client for one account. Must not call the vendor: {@link VendorClient#verify()} does that. The operator may
     * build a new client for the same account at any time (restart, new credentials): a client holds no state about
     * single connections (see {@link VendorClient}), so a new one finds and manages them exactly as the old one did.
     */
    VendorClient connect(PlatformAccount<S> account, VendorHttp http);
}
