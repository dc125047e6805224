package dev.federator.provider.devrev;

import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.util.EnumSet;
import java.util.Set;

/** A DevRev organization's enterprise authentication connections, through {@code dev-orgs.auth-connections.*}. */
public final class DevRevProvider implements VendorProvider<DevRevSettings> {
    @Override
    public String vendor() { return "devrev"; }

    @Override
    public Class<DevRevSettings> settingsType() { return DevRevSettings.class; }

    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.allOf(ConnectionKind.class); }

    /**
     * DevRev does not publish its per-org limit for these endpoints (unverified); it answers 429 with Retry-After when
     * exceeded, which VendorHttp honours. This pace stays well below any plausible limit for a handful of connections.
     */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(5, 10); }

    @Override
    public VendorClient connect(PlatformAccount<DevRevSettings> account, VendorHttp http) {
        String url = account.settings().url();
        SecretValue token = account.credential("token").orElseThrow(() -> new InvalidRequestException(
                Reason.CredentialsIncomplete, "the DevRev platform needs spec.devrev.tokenRef pointing at a token"));
        return new DevRevClient(new DevRevTransport(http, url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                token));
    }
}
