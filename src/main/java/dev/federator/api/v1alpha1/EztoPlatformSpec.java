package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An ezto auth workspace (Keycloak-based). */
public class EztoPlatformSpec {
    @Required
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("Base URL of the ezto auth API.")
    public String url;

    @Required
    @Size(min = 1, max = 255)
    @Pattern(Patterns.URL_SAFE_NAME)
    @JsonPropertyDescription("Workspace whose identity providers are managed.")
    public String workspace;

    @Required
    @JsonPropertyDescription("Secret key holding the API token (sent as 'Authentication: Bearer').")
    public SecretKeyRef tokenRef;

    @Pattern(Patterns.PATH)
    @JsonPropertyDescription("Path of the identity-provider collection under url, with {workspace}; defaults to the "
            + "Keycloak layout /admin/realms/{workspace}/identity-provider/instances (not confirmed by ezto's "
            + "public documentation).")
    public String pathTemplate;
}
