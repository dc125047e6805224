package dev.federator.serviceprovider;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.ServiceProviderStatus;
import dev.federator.platform.ResolvedPlatform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code status.serviceProvider}: the values an IdP administrator needs, derived from the vendors' documented URL
 * layouts. Vendors whose layout is not documented (ezto, DevRev, SlashID) or is returned only in a response
 * (LoginRadius' EntityId, ACSEndpoint, MetadataUrl) get none yet.
 */
public final class ServiceProviderValues {
    private ServiceProviderValues() {}

    /** Null when the vendor's values are unknown. */
    public static ServiceProviderStatus of(ResolvedPlatform platform, IdentityConnection connection) {
        PlatformSpec spec = platform.spec();
        boolean saml = connection.getSpec().type == ConnectionType.SAML;
        String name = connection.remoteName();
        return switch (platform.vendor()) {
            case "keycloak" -> spec.keycloak == null || spec.keycloak.url == null ? null : keycloak(
                    trim(spec.keycloak.url) + "/realms/" + spec.keycloak.realm, name, saml);
            case "auth0" -> spec.auth0 == null || spec.auth0.domain == null ? null : auth0(spec.auth0.domain, name, saml);
            default -> null;
        };
    }

    /** Keycloak's broker endpoint per alias serves as redirect URI and ACS; the realm URL is the default entity id. */
    static ServiceProviderStatus keycloak(String realmUrl, String alias, boolean saml) {
        String endpoint = realmUrl + "/broker/" + alias + "/endpoint";
        return saml ? new ServiceProviderStatus(null, endpoint, realmUrl, endpoint + "/descriptor")
                : new ServiceProviderStatus(endpoint, null, null, null);
    }

    /** One callback per tenant; SAML names the connection, and the entity id is urn:auth0:TENANT:CONNECTION. */
    static ServiceProviderStatus auth0(String domain, String connection, boolean saml) {
        String base = "https://" + domain;
        if (!saml) {
            return new ServiceProviderStatus(base + "/login/callback", null, null, null);
        }
        String query = "connection=" + URLEncoder.encode(connection, StandardCharsets.UTF_8);
        // The tenant name is the first label of an *.auth0.com domain; a custom domain does not tell it.
        String tenant = domain.endsWith(".auth0.com") ? domain.substring(0, domain.indexOf('.')) : null;
        return new ServiceProviderStatus(null, base + "/login/callback?" + query,
                tenant == null ? null : "urn:auth0:" + tenant + ":" + connection, base + "/samlp/metadata?" + query);
    }

    private static String trim(String url) { return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; }
}
