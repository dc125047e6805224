package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A whole Secret whose well-known keys the operator reads (for example client-id and client-secret). */
public class SecretRef {
    @Required
    @JsonPropertyDescription("Name of the Secret. A ClusterIdentityPlatform reads it from the operator's namespace; "
            + "an IdentityPlatform from its own namespace.")
    public String name;

    public SecretRef() {}

    public SecretRef(String name) { this.name = name; }
}
