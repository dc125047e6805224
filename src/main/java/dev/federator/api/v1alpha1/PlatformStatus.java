package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Whether the operator can reach and authenticate to the vendor account. */
public class PlatformStatus {
    @JsonPropertyDescription("Ready: the credentials were verified with one cheap read.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation the conditions describe.")
    public Long observedGeneration;

    @JsonPropertyDescription("Vendor of this platform: auth0, keycloak, ezto, devrev, loginradius or slashid.")
    public String vendor;
}
