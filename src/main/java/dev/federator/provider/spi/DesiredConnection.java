package dev.federator.provider.spi;

import java.util.List;
import java.util.Map;

/**
 * A connection as it must be on the vendor: the resource's spec with every Secret reference resolved.
 * Exactly one of {@code oidc}, {@code saml}, {@code hosted} is set, according to {@code kind}.
 *
 * @param ownerId the Kubernetes uid of the owning resource, for vendors that can store an ownership marker
 */
public record DesiredConnection(
        String name,
        String displayName,
        boolean enabled,
        ConnectionKind kind,
        Oidc oidc,
        Saml saml,
        Hosted hosted,
        AttributeMapping attributeMapping,
        List<String> domains,
        Map<String, Object> vendorOptions,
        String ownerId) {

    public DesiredConnection {
        domains = domains == null ? List.of() : List.copyOf(domains);
        vendorOptions = vendorOptions == null ? Map.of() : Map.copyOf(vendorOptions);
    }

    /** The display name, or the name when none is set: what vendors show users by default. */
    public String displayNameOrName() { return Lookup.displayNameOrName(displayName, name); }

    /** A generic OpenID Connect provider. */
    public record Oidc(String issuer, String clientId, SecretValue clientSecret, List<String> scopes,
                       String discoveryUrl, String authorizationUrl, String tokenUrl, String userInfoUrl,
                       String jwksUrl, String logoutUrl, String clientAuthMethod, Boolean pkce, String provider) {
        public Oidc {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /** A SAML identity provider; the certificate is public data but still compared by fingerprint where hidden. */
    public record Saml(String signInEndpoint, String signOutEndpoint, String entityId, String metadataUrl,
                       SigningCertificate signingCertificate, String nameIdFormat, Boolean wantAuthnRequestsSigned,
                       Boolean idpInitiated, Boolean postBinding) {}

    /** A hosted IdP reached with an OAuth client: Azure AD, Okta or Google Workspace. */
    public record Hosted(String clientId, SecretValue clientSecret, String domain) {}

    public record AttributeMapping(String email, String userId, String firstName, String lastName, String groups) {}
}
