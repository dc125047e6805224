package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Points a connection at the vendor account it lives in. */
public class PlatformRef {
    public enum Kind { IdentityPlatform, ClusterIdentityPlatform }

    @Default("IdentityPlatform")
    @JsonPropertyDescription("IdentityPlatform (same namespace) or ClusterIdentityPlatform (cluster-scoped, if it "
            + "allows this namespace).")
    public Kind kind = Kind.IdentityPlatform;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of the platform.")
    public String name;

    public PlatformRef() {}

    public PlatformRef(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public Kind kind() { return kind == null ? Kind.IdentityPlatform : kind; }
}
