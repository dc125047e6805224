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
public final class SlashIdProvider implements VendorProvider {
    static final int DEFAULT_CONSISTENCY_TIMEOUT = 30;

    @Override
    public String vendor() { return "slashid"; }

    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.allOf(ConnectionKind.class); }

    /** SlashID documents no rate limit; this stays well below what an API is expected to take. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(5, 10); }

    @Override
    public VendorClient connect(PlatformAccount account, VendorHttp http) {
        String url = account.setting("url").filter(u -> !u.isBlank()).orElse("https://api.slashid.com");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String consistency = account.setting("consistency").filter(c -> !c.isBlank()).orElse("local_region");
        if (!consistency.equals("local_region") && !consistency.equals("all_regions")) {
            throw new InvalidRequestException(Reason.InvalidSetting, "spec.slashid.consistency must be local_region or "
                    + "all_regions");
        }
        int timeout;
        try {
            timeout = account.setting("consistencyTimeoutSeconds").filter(t -> !t.isBlank()).map(Integer::parseInt)
                    .orElse(DEFAULT_CONSISTENCY_TIMEOUT);
        } catch (NumberFormatException e) {
            timeout = -1;
        }
        if (timeout < 1 || timeout > 120) {
            throw new InvalidRequestException(Reason.InvalidSetting, "spec.slashid.consistencyTimeoutSeconds must be 1-120");
        }
        var apiKey = account.credential("api-key").orElseThrow(() -> new InvalidRequestException(Reason.MissingSetting,
                "the platform needs spec.slashid.apiKeyRef (the SlashID API key)"));
        return new SlashIdClient(new SlashIdTransport(http, url, account.requiredSetting("organizationId"), apiKey,
                consistency, timeout), Clock.systemUTC());
    }
}
