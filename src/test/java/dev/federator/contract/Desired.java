package dev.federator.contract;

import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.Map;

/** Copies of a desired connection with one thing changed, for fixtures and scenarios. */
public final class Desired {
    private Desired() {}

    public static DesiredConnection displayName(DesiredConnection d, String displayName) {
        return new DesiredConnection(d.name(), displayName, d.enabled(), d.kind(), d.oidc(), d.saml(), d.hosted(),
                d.attributeMapping(), d.domains(), d.vendorOptions(), d.ownerId());
    }

    public static DesiredConnection enabled(DesiredConnection d, boolean enabled) {
        return new DesiredConnection(d.name(), d.displayName(), enabled, d.kind(), d.oidc(), d.saml(), d.hosted(),
                d.attributeMapping(), d.domains(), d.vendorOptions(), d.ownerId());
    }

    public static DesiredConnection vendorOptions(DesiredConnection d, Map<String, Object> vendorOptions) {
        return new DesiredConnection(d.name(), d.displayName(), d.enabled(), d.kind(), d.oidc(), d.saml(), d.hosted(),
                d.attributeMapping(), d.domains(), vendorOptions, d.ownerId());
    }

    public static DesiredConnection owner(DesiredConnection d, String ownerId) {
        return new DesiredConnection(d.name(), d.displayName(), d.enabled(), d.kind(), d.oidc(), d.saml(), d.hosted(),
                d.attributeMapping(), d.domains(), d.vendorOptions(), ownerId);
    }
}
