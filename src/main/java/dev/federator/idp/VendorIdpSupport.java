package dev.federator.idp;

/**
 * Per vendor, which IdP documents the operator reads itself, so that it never competes with a vendor that reads
 * them on its own side.
 *
 * <ul>
 *   <li>slashid: SlashID takes only {@code idp_metadata_url} and reads the metadata itself; the operator does not.</li>
 *   <li>loginradius: LoginRadius reads the sign-in URL from {@code IDPMetadataUrl} itself (it has no field for it);
 *       the operator fetches only when the spec leaves the entity id or the certificate empty.</li>
 *   <li>keycloak, auth0, ezto, devrev: the operator fetches when the spec leaves the entity id, the certificate or
 *       the sign-in endpoint empty. Keycloak's {@code metadataDescriptorUrl} (sent as well) is only used to reload
 *       keys when a signature does not verify, and Auth0 reads {@code metadataUrl} only when the connection is
 *       written: neither refreshes the stored certificate, so the operator's refresh is what carries a rollover.</li>
 * </ul>
 *
 * OpenID discovery is read only for Keycloak, whose admin API takes explicit endpoints; the other vendors read the
 * issuer's discovery document themselves or do not need it.
 */
final class VendorIdpSupport {
    private VendorIdpSupport() {}

    /** The vendor reads SAML metadata itself and takes nothing the operator could derive from it. */
    static boolean readsMetadataItself(String vendor) { return "slashid".equals(vendor); }

    /** The vendor reads the sign-in endpoint from the metadata URL it is given, so the operator need not fill it. */
    static boolean readsSignInFromMetadata(String vendor) { return "loginradius".equals(vendor); }

    static boolean needsDiscoveredEndpoints(String vendor) { return "keycloak".equals(vendor); }
}
