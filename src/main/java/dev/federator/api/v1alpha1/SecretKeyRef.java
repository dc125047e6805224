package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the same namespace as the resource that refers to it. */
public class SecretKeyRef {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of a Secret in the same namespace as this resource.")
    public String name;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.DATA_KEY)
    @JsonPropertyDescription("Key inside the Secret's data.")
    public String key;

    public SecretKeyRef() {}

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    @Override
    public String toString() { return "key '" + key + "' of Secret '" + name + "'"; }
}
