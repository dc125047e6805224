package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS towards the vendor. Certificates are always verified; this only adds trust anchors. */
public class TlsSpec {
    @JsonPropertyDescription("CA certificates trusted in addition to the JVM's, for private vendor endpoints.")
    public CaBundleRef caBundleRef;
}
