package dev.federator.provider.auth0;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * Auth0 enterprise connections through the Management API v2, with a small typed client over VendorHttp rather than
 * the com.auth0:auth0 SDK: the SDK sends through its own HTTP client (so the platform's token bucket, 429 handling,
 * retry rules and call metrics would not apply) and does not surface the x-ratelimit-* headers of successful calls.
 */
public final class Auth0Provider implements VendorProvider<Auth0Settings> {
    @Override
    public String vendor() { return "auth0"; }

    @Override
    public Class<Auth0Settings> settingsType() { return Auth0Settings.class; }

    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.allOf(ConnectionKind.class); }

    /** Below the Management API limits of paid tenants; the x-ratelimit-* headers slow it further when needed. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(5, 10); }

    @Override
    public VendorClient connect(PlatformAccount<Auth0Settings> account, VendorHttp http) {
        String domain = account.settings().domain();
        String url = account.settings().url();
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Clock clock = Clock.systemUTC();
        Auth0TokenSource tokens = new Auth0TokenSource(http, url, domain, account, clock);
        return new Auth0Client(new Auth0Transport(http, tokens, url, clock), domain);
    }
}
