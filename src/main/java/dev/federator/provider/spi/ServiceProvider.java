package dev.federator.provider.spi;

/**
 * What the IdP's administrator enters on their side for one connection: the vendor's side of the federation. A value
 * the vendor does not let us know is null; the operator shows the others.
 *
 * @param redirectUri OIDC-style kinds: the redirect (callback) URI to register at the IdP
 * @param acsUrl SAML: the assertion consumer service URL
 * @param entityId SAML: the service provider's entity id (the audience the IdP must name)
 * @param metadataUrl SAML: where the service provider's metadata can be imported from
 * @param certificate SAML: the service provider's signing certificate as PEM (public data), when the vendor returns it
 */
public record ServiceProvider(String redirectUri, String acsUrl, String entityId, String metadataUrl,
                              String certificate) {

    /** An OIDC-style connection: only the redirect URI. */
    public static ServiceProvider redirect(String redirectUri) {
        return new ServiceProvider(redirectUri, null, null, null, null);
    }

    /** Whether no value is known. */
    public boolean isEmpty() {
        return redirectUri == null && acsUrl == null && entityId == null && metadataUrl == null && certificate == null;
    }
}
