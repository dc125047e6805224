package dev.federator.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.idp.IdpDocumentProblems.IdpDocumentKind;

/** The endpoints of an OpenID provider, from its discovery document (OpenID Connect Discovery 1.0, section 3). */
public record OidcDiscovery(String issuer, String authorizationEndpoint, String tokenEndpoint,
                            String userinfoEndpoint, String jwksUri, String endSessionEndpoint) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document's URL: the spec's discoveryUrl, else the issuer's well-known location. */
    static String location(String issuer, String discoveryUrl) {
        if (discoveryUrl != null && !discoveryUrl.isBlank()) {
            return discoveryUrl;
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + "/.well-known/openid-configuration";
    }

    /**
     * @param expectedIssuer the spec's issuer; when set, the document must name the same one (a trailing slash
     *     aside), or a look-alike document could redirect logins
     */
    static OidcDiscovery parse(byte[] body, String url, String expectedIssuer) {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (Exception e) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.OIDC_DISCOVERY, url, "it is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.OIDC_DISCOVERY, url, "it is not a JSON object");
        }
        String issuer = text(doc, "issuer");
        if (issuer == null) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.OIDC_DISCOVERY, url, "it has no issuer");
        }
        if (expectedIssuer != null && !trim(expectedIssuer).equals(trim(issuer))) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.OIDC_DISCOVERY, url, "its issuer " + issuer
                    + " is not spec.oidc.issuer " + expectedIssuer);
        }
        OidcDiscovery found = new OidcDiscovery(issuer, endpoint(doc, "authorization_endpoint", url),
                endpoint(doc, "token_endpoint", url), endpoint(doc, "userinfo_endpoint", url),
                endpoint(doc, "jwks_uri", url), endpoint(doc, "end_session_endpoint", url));
        if (found.authorizationEndpoint() == null) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.OIDC_DISCOVERY, url, "it has no authorization_endpoint");
        }
        return found;
    }

    private static String endpoint(JsonNode doc, String field, String url) {
        String value = text(doc, field);
        if (value != null && !GuardedFetch.allowed(value)) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.OIDC_DISCOVERY, url, "its " + field
                    + " is not an https:// URL");
        }
        return value;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String trim(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
