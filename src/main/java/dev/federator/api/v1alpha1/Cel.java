package dev.federator.api.v1alpha1;

/** CEL rules shared by several fields, so that every URL is checked the same way. */
final class Cel {
    /**
     * https everywhere; plain http only for servers that cannot leave the machine or the cluster (loopback and
     * in-cluster Service names), because a token or secret sent over http to anything else is exposed.
     */
    static final String SECURE_URL = "self.startsWith('https://') || "
            + "self.matches('^http://(localhost|127\\\\.0\\\\.0\\\\.1|\\\\[::1\\\\]|[a-z0-9.-]+\\\\.svc|[a-z0-9.-]+\\\\.svc\\\\.cluster\\\\.local)(:[0-9]+)?(/.*)?$')";
    static final String SECURE_URL_MESSAGE = "must be an https:// URL; http:// is allowed only for localhost, "
            + "127.0.0.1, [::1] and in-cluster *.svc hosts";

    /**
     * A DNS host name (an IPv4 literal passes too), for fields the operator turns into https://{host}: a scheme, a
     * path or a port would end up inside the URL (https://https://...) and fail only at the vendor.
     */
    static final String HOST_NAME = "self.matches('^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$')";
    static final String HOST_NAME_MESSAGE = "must be a host name such as corp.okta.com, without https://, a path "
            + "or a port";

    private Cel() {}
}
