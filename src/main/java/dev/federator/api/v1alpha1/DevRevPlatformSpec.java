package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A DevRev organization's authentication connections. */
public class DevRevPlatformSpec {
    @Default("https://api.devrev.ai")
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("API base URL.")
    public String url = "https://api.devrev.ai";

    @Required
    @JsonPropertyDescription("Secret key holding a DevRev token allowed to manage auth connections.")
    public SecretKeyRef tokenRef;
}
