package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A whole Secret whose well-known keys the operator reads (for example client-id and client-secret). */
public class SecretRef {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of the Secret. A ClusterIdentityPlatform reads it from the operator's namespace; "
            + "an IdentityPlatform from its own namespace.")
    public String name;

    public SecretRef() {}

    public SecretRef(String name) { this.name = name; }
}
