package dev.federator.provider.ezto;

import dev.federator.provider.keycloak.KeycloakClient;
import dev.federator.provider.keycloak.KeycloakTransport;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * ezto auth identity providers. ezto is Keycloak-based: workspaces are realms and identity providers are Keycloak
 * {@code IdentityProviderRepresentation}s, so the mapping and the client are Keycloak's. Only the transport differs:
 * a static API token sent as {@code Authentication: Bearer} (no token endpoint), a configurable collection path, and
 * the extra statuses (update answers 200 with the body, 402 "valid but failed", 503) that the shared client and
 * transport already handle.
 *
 * <p>ezto documents create and update (path parameters {@code workspaceName}, {@code providerAlias}) but not its
 * host, methods or paths, nor get, list or delete. The default path template assumes Keycloak's layout under the
 * workspace; platforms override it with {@code spec.ezto.pathTemplate}.
 */
public final class EztoProvider implements VendorProvider<EztoSettings> {
    /** Keycloak's layout, assumed and not confirmed by ezto's public documentation. */
    public static final String DEFAULT_PATH_TEMPLATE = "/admin/realms/{workspace}/identity-provider/instances";
    static final String AUTH_HEADER = "Authentication";

    @Override
    public String vendor() { return "ezto"; }

    @Override
    public Class<EztoSettings> settingsType() { return EztoSettings.class; }

    /** Types that map to Keycloak's generic oidc and saml providers; the {@code google} social provider is unverified. */
    @Override
    public Set<ConnectionKind> supportedKinds() {
        return EnumSet.of(ConnectionKind.OIDC, ConnectionKind.SAML, ConnectionKind.Okta, ConnectionKind.AzureAD);
    }

    /** ezto publishes no rate limit; this matches the Keycloak default. */
    @Override
    public RatePolicy defaultRate() { return new RatePolicy(20, 40); }

    @Override
    public VendorClient connect(PlatformAccount<EztoSettings> account, VendorHttp http) {
        String collection = collectionUrl(account.settings());
        SecretValue token = account.credential("token").orElseThrow(() -> new InvalidRequestException(
                Reason.CredentialsIncomplete, "the platform needs spec.ezto.tokenRef pointing at the workspace API token"));
        KeycloakTransport transport = new KeycloakTransport(http, token::reveal, AUTH_HEADER, collection,
                // The cheapest read that exists wherever the collection is: one brief page of one provider.
                collection + "?first=0&max=1&briefRepresentation=true",
                new KeycloakTransport.Advice("give the API token permission to manage the workspace's identity "
                        + "providers", "check spec.ezto.workspace and spec.ezto.pathTemplate"));
        return new KeycloakClient(transport);
    }

    /**
     * {@code url} plus the path template with {@code {workspace}} filled in (URL-encoded). A template without the
     * placeholder is used as it is, for hosts that serve one workspace each.
     */
    static String collectionUrl(EztoSettings settings) {
        String url = settings.url();
        String template = settings.pathTemplate();
        String workspace = URLEncoder.encode(settings.workspace(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String path = template.replace("{workspace}", workspace);
        return strip(url) + (path.startsWith("/") ? "" : "/") + strip(path);
    }

    private static String strip(String s) { return s.endsWith("/") ? s.substring(0, s.length() - 1) : s; }
}
