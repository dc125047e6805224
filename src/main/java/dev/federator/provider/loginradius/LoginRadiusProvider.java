package dev.federator.provider.loginradius;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** LoginRadius organization connections through {@code /v2/manage/organizations/{orgId}/connections}. */
public final class LoginRadiusProvider implements VendorProvider<LoginRadiusSettings> {
    static final String DEFAULT_URL = "https://api.loginradius.com";

    @Override
    public String vendor() { return "loginradius"; }

    @Override
    public Class<LoginRadiusSettings> settingsType() { return LoginRadiusSettings.class; }

    /** SAML is documented (saml_custom); OIDC only as far as the user's vendorOptions describe it. */
    @Override
    public Set<ConnectionKind> supportedKinds() { return EnumSet.of(ConnectionKind.SAML, ConnectionKind.OIDC); }

    /** LoginRadius' default plan allows 50 requests per second; stay well below it. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(20, 20); }

    @Override
    public VendorClient connect(PlatformAccount<LoginRadiusSettings> account, VendorHttp http) {
        String url = account.settings().url();
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        LoginRadiusTransport transport = new LoginRadiusTransport(http, url, account.settings().organizationId(),
                credential(account, "api-key", "apiKeyRef"), credential(account, "api-secret", "apiSecretRef"));
        return new LoginRadiusClient(transport, Clock.systemUTC());
    }

    private static SecretValue credential(PlatformAccount<?> account, String role, String field) {
        return account.credential(role).filter(v -> !v.reveal().isBlank()).orElseThrow(() ->
                new InvalidRequestException(Reason.CredentialsIncomplete, "the platform needs spec.loginradius." + field
                        + " pointing at a non-empty Secret key"));
    }
}
