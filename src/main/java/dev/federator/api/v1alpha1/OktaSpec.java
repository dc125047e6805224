package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An Okta organization. */
public class OktaSpec extends ClientCredentialsSpec {
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Cel.HOST_NAME, message = Cel.HOST_NAME_MESSAGE)
    @JsonPropertyDescription("Okta domain, for example corp.okta.com.")
    public String domain;
}
