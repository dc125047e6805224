package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Microsoft Entra ID (Azure AD). */
public class AzureAdSpec extends ClientCredentialsSpec {
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Cel.HOST_NAME, message = Cel.HOST_NAME_MESSAGE)
    @JsonPropertyDescription("Tenant domain, for example corp.onmicrosoft.com, or the tenant id.")
    public String domain;
}
