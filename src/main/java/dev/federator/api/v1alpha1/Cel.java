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

    private Cel() {}
}
