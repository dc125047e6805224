package dev.federator.idp;

import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.TransientVendorException;

/**
 * The failures of reading an IdP document, as the exception types the connection controller already turns into a
 * Ready condition: an unreachable document is retried with backoff, a bad one waits for a change.
 */
final class IdpDocumentProblems {
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
        SAML_METADATA("the IdP's SAML metadata", Reason.MetadataUnavailable, Reason.MetadataInvalid),
        OIDC_DISCOVERY("the OpenID discovery document", Reason.DiscoveryUnavailable, Reason.DiscoveryInvalid);

        private final String label;
        private final Reason unavailable;
        private final Reason invalid;

        IdpDocumentKind(String label, Reason unavailable, Reason invalid) {
            this.label = label;
            this.unavailable = unavailable;
            this.invalid = invalid;
        }

        String label() { return label; }
        Reason unavailableReason() { return unavailable; }
        Reason invalidReason() { return invalid; }
    }
}
