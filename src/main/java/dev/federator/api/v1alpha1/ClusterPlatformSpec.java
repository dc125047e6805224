package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A vendor account shared across namespaces; its Secrets live in the operator's namespace. */
public class ClusterPlatformSpec extends PlatformSpec {
    @JsonPropertyDescription("Namespaces whose IdentityConnections may use this platform. Defaults to only the "
            + "operator's namespace.")
    public AllowedNamespaces allowedNamespaces;
}
