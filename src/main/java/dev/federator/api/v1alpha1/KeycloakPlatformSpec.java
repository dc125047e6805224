package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Keycloak realm, managed through the Admin REST API. */
public class KeycloakPlatformSpec {
    @Required
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("Base URL of the Keycloak server, for example https://sso.example.com.")
    public String url;

    @Required
    @Size(min = 1, max = 255)
    @Pattern(Patterns.URL_SAFE_NAME)
    @JsonPropertyDescription("Realm whose identity providers are managed.")
    public String realm;

    @Default("master")
    @Size(min = 1, max = 255)
    @Pattern(Patterns.URL_SAFE_NAME)
    @JsonPropertyDescription("Realm the operator's credentials log in to.")
    public String authRealm = "master";

    @Required
    @JsonPropertyDescription("Secret with either client-id and client-secret (a service-account client with the "
            + "realm-management manage-identity-providers role) or username and password (admin-cli).")
    public SecretRef credentialsRef;
}
