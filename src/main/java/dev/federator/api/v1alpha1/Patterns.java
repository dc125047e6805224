package dev.federator.api.v1alpha1;

/**
 * OpenAPI patterns shared by several fields, so that bad input is refused when it is applied rather than failing
 * later at the vendor. They are RE2 (the API server's engine) and java.util.regex alike: no look-arounds.
 */
final class Patterns {
    /** A Kubernetes object name (DNS-1123 subdomain), as the API server requires of Secrets and platforms. */
    static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A key of a Secret's or ConfigMap's data, as the API server requires. */
    static final String DATA_KEY = "^[-._a-zA-Z0-9]+$";
    /**
     * A name Federator puts into a URL path or a header as it is (Keycloak realm, ezto workspace, organization
     * ids): no '/', '?', '#', '%' or whitespace, which would address another resource or break the request.
     */
    static final String URL_SAFE_NAME = "^[^/?#%\\s]+$";
    /** An e-mail domain: dot-separated DNS labels ending in a top-level domain that starts with a letter. */
    static final String EMAIL_DOMAIN =
            "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";
    /** An OAuth scope token (RFC 6749 section 3.3): printable ASCII without space, '"' or '\'. */
    static final String SCOPE_TOKEN = "^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$";
    /** An absolute URL path, no scheme or host. */
    static final String PATH = "^/\\S*$";

    private Patterns() {}
}
