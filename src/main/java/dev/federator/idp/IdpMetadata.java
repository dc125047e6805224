package dev.federator.idp;

import java.util.List;

/**
 * What the operator takes from an IdP's SAML metadata (one IDPSSODescriptor).
 *
 * @param signingCertificates base64 DER of each signing certificate, in document order, without duplicates
 * @param ssoPost single sign-on location for the HTTP-POST binding, or null
 * @param ssoRedirect single sign-on location for the HTTP-Redirect binding, or null
 */
public record IdpMetadata(String entityId, List<String> signingCertificates, String ssoPost, String ssoRedirect,
                          String sloPost, String sloRedirect) {
    public IdpMetadata {
        signingCertificates = List.copyOf(signingCertificates);
    }

    /** The sign-in endpoint for the binding the spec asks for, else the other one. */
    public String signIn(Boolean postBinding) { return pick(postBinding, ssoPost, ssoRedirect); }

    public String signOut(Boolean postBinding) { return pick(postBinding, sloPost, sloRedirect); }

    private static String pick(Boolean post, String postUrl, String redirectUrl) {
        if (Boolean.TRUE.equals(post)) {
            return postUrl != null ? postUrl : redirectUrl;
        }
        return redirectUrl != null ? redirectUrl : postUrl;
    }
}
