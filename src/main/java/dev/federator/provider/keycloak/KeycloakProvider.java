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
public final class KeycloakProvider implements VendorProvider<KeycloakSettings> {
    @Override
    public String vendor() { return "keycloak"; }

    @Override
    public Class<KeycloakSettings> settingsType() { return KeycloakSettings.class; }

    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.allOf(ConnectionKind.class); }

    /** Keycloak has no API rate limit of its own; this keeps a shared server comfortable. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(20, 40); }

    @Override
    public VendorClient connect(PlatformAccount<KeycloakSettings> account, VendorHttp http) {
        KeycloakSettings settings = account.settings();
        String url = stripSlash(settings.url());
        String authRealm = settings.authRealm();
        KeycloakTokenSource tokens = new KeycloakTokenSource(http, url, authRealm, account);
        KeycloakTransport transport = new KeycloakTransport(http, tokens, "Authorization",
                url + "/admin/realms/" + settings.realm() + "/identity-provider/instances",
                url + "/admin/realms/" + settings.realm());
        return new KeycloakClient(transport, url + "/realms/" + settings.realm());
    }

    static String stripSlash(String url) { return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; }
}
