package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Google Workspace domain. */
public class GoogleWorkspaceSpec extends ClientCredentialsSpec {
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Cel.HOST_NAME, message = Cel.HOST_NAME_MESSAGE)
    @JsonPropertyDescription("The Workspace primary domain, for example corp.example.com.")
    public String tenantDomain;
}
