package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Google Workspace domain. */
public class GoogleWorkspaceSpec extends ClientCredentialsSpec {
    @Required
    @JsonPropertyDescription("The Workspace primary domain, for example corp.example.com.")
    public String tenantDomain;
}
