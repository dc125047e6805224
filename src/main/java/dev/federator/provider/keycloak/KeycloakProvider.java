package dev.federator.provider.keycloak;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.util.EnumSet;
import java.util.Set;

/** Keycloak identity providers through the Admin REST API. */
public final class KeycloakProvider implements VendorProvider {
    @Override
    public String vendor() { return "keycloak"; }

    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.allOf(ConnectionKind.class); }

    /** Keycloak has no API rate limit of its own; this keeps a shared server comfortable. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(20, 40); }

    @Override
    public VendorClient connect(PlatformAccount account, VendorHttp http) {
        String url = stripSlash(account.requiredSetting("url"));
        String authRealm = account.setting("authRealm").orElse("master");
        KeycloakTokenSource tokens = new KeycloakTokenSource(http, url, authRealm, account);
        KeycloakTransport transport = new KeycloakTransport(http, tokens, "Authorization",
                url + "/admin/realms/" + account.requiredSetting("realm") + "/identity-provider/instances",
                url + "/admin/realms/" + account.requiredSetting("realm"));
        return new KeycloakClient(transport);
    }

    static String stripSlash(String url) { return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; }
}
