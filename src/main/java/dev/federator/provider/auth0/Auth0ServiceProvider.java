package dev.federator.provider.auth0;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.ServiceProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Auth0's documented service-provider values: one callback per tenant domain; SAML names the connection in the
 * callback and metadata URLs, and the entity id is {@code urn:auth0:TENANT:CONNECTION}.
 */
final class Auth0ServiceProvider {
    private Auth0ServiceProvider() {}

    /** {@code domain} is the tenant's domain (spec.auth0.domain), which may be a custom domain. */
    static ServiceProvider of(String domain, String connection, ConnectionKind kind) {
        String base = "https://" + domain;
        if (kind != ConnectionKind.SAML) {
            return ServiceProvider.redirect(base + "/login/callback");
        }
        String query = "connection=" + URLEncoder.encode(connection, StandardCharsets.UTF_8);
        // The tenant is the first label of an *.auth0.com domain (regional ones too); a custom domain does not tell it.
        String tenant = domain.endsWith(".auth0.com") ? domain.substring(0, domain.indexOf('.')) : null;
        return new ServiceProvider(null, base + "/login/callback?" + query,
                tenant == null ? null : "urn:auth0:" + tenant + ":" + connection, base + "/samlp/metadata?" + query, null);
    }
}
