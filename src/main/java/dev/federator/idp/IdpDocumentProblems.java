package dev.federator.idp;

import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.TransientVendorException;

/**
 * The failures of reading an IdP document, as the exception types the connection controller already turns into a
 * Ready condition: an unreachable document is retried with backoff, a bad one waits for a change.
 */
final class IdpDocumentProblems {
    static final String METADATA_UNAVAILABLE = "MetadataUnavailable";
    static final String METADATA_INVALID = "MetadataInvalid";
    static final String METADATA_HAS_NO_CERTIFICATE = "MetadataHasNoCertificate";
    static final String DISCOVERY_UNAVAILABLE = "DiscoveryUnavailable";
    static final String DISCOVERY_INVALID = "DiscoveryInvalid";

    private IdpDocumentProblems() {}

    static TransientVendorException unavailable(IdpDocumentKind kind, String url, String why) {
        return new TransientVendorException(kind.unavailableReason(), kind.label() + " at " + url
                + " could not be read (" + why + "); nothing was changed on the vendor");
    }

    static InvalidRequestException invalid(IdpDocumentKind kind, String url, String why) {
        return new InvalidRequestException(kind.invalidReason(), kind.label() + " at " + url + " was refused: " + why
                + "; nothing was changed on the vendor");
    }

    /** Which document a problem is about, so that its reason names it. */
    enum IdpDocumentKind {
        SAML_METADATA("the IdP's SAML metadata", METADATA_UNAVAILABLE, METADATA_INVALID),
        OIDC_DISCOVERY("the OpenID discovery document", DISCOVERY_UNAVAILABLE, DISCOVERY_INVALID);

        private final String label;
        private final String unavailable;
        private final String invalid;

        IdpDocumentKind(String label, String unavailable, String invalid) {
            this.label = label;
            this.unavailable = unavailable;
            this.invalid = invalid;
        }

        String label() { return label; }
        String unavailableReason() { return unavailable; }
        String invalidReason() { return invalid; }
    }
}
