package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** PEM CA certificates to trust for a vendor's TLS, in a ConfigMap (trust-manager style) or a Secret. */
public class CaBundleRef {
    public enum Kind { ConfigMap, Secret }

    @Default("ConfigMap")
    @JsonPropertyDescription("ConfigMap or Secret.")
    public Kind kind = Kind.ConfigMap;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of the ConfigMap or Secret, in the platform's namespace (the operator's for a "
            + "ClusterIdentityPlatform).")
    public String name;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.DATA_KEY)
    @JsonPropertyDescription("Key holding one or more PEM certificates.")
    public String key;
}
