package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A LoginRadius organization's connections. */
public class LoginRadiusPlatformSpec {
    @Default("https://api.loginradius.com")
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("API base URL.")
    public String url = "https://api.loginradius.com";

    @Required
    @Size(min = 1, max = 255)
    @Pattern(Patterns.URL_SAFE_NAME)
    @JsonPropertyDescription("Organization id.")
    public String organizationId;

    @Required
    @JsonPropertyDescription("Secret key holding the API key.")
    public SecretKeyRef apiKeyRef;

    @Required
    @JsonPropertyDescription("Secret key holding the API secret.")
    public SecretKeyRef apiSecretRef;
}
