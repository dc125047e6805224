package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** An Okta organization. */
public class OktaSpec extends ClientCredentialsSpec {
    @Required
    @JsonPropertyDescription("Okta domain, for example corp.okta.com.")
    public String domain;
}
