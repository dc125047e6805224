package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Microsoft Entra ID (Azure AD). */
public class AzureAdSpec extends ClientCredentialsSpec {
    @Required
    @JsonPropertyDescription("Tenant domain, for example corp.onmicrosoft.com, or the tenant id.")
    public String domain;
}
