package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A ConfigMap, in the connection's namespace, that the operator creates and keeps equal to status.serviceProvider. */
public class ServiceProviderConfigMapRef {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of the ConfigMap, in the connection's namespace. Federator creates it, owned by "
            + "the connection; it never writes to an existing ConfigMap it did not create.")
    public String name;

    public ServiceProviderConfigMapRef() {}

    public ServiceProviderConfigMapRef(String name) { this.name = name; }
}
