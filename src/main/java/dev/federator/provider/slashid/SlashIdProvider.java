package dev.federator.provider.slashid;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** SlashID SSO provider credentials (OIDC keyed by client id, SAML by id), through SlashID's REST API. */
public final class SlashIdProvider implements VendorProvider<SlashIdSettings> {
    @Override
    public String vendor() { return "slashid"; }

    @Override
    public Class<SlashIdSettings> settingsType() { return SlashIdSettings.class; }

    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.allOf(ConnectionKind.class); }

    /** SlashID documents no rate limit; this stays well below what an API is expected to take. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(5, 10); }

    @Override
    public VendorClient connect(PlatformAccount<SlashIdSettings> account, VendorHttp http) {
        SlashIdSettings settings = account.settings();
        String url = settings.url().endsWith("/") ? settings.url().substring(0, settings.url().length() - 1)
                : settings.url();
        var apiKey = account.credential("api-key").orElseThrow(() -> new InvalidRequestException(Reason.MissingSetting,
                "the platform needs spec.slashid.apiKeyRef (the SlashID API key)"));
        return new SlashIdClient(new SlashIdTransport(http, url, settings.organizationId(), apiKey,
                settings.consistency(), settings.consistencyTimeoutSeconds()), Clock.systemUTC());
    }
}
