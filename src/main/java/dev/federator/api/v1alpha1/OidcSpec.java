package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A generic OpenID Connect identity provider. */
public class OidcSpec {
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("Issuer URL of the identity provider (the iss claim).")
    public String issuer;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Client id registered for this connection at the identity provider.")
    public String clientId;

    @JsonPropertyDescription("Secret holding the client secret. Its value is sent to the vendor, never shown.")
    public SecretKeyRef clientSecretRef;

    @JsonPropertyDescription("Scopes to request, for example [openid, email, profile].")
    public List<@Pattern(Patterns.SCOPE_TOKEN) String> scopes;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("OpenID discovery document (.well-known/openid-configuration) URL.")
    public String discoveryUrl;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("Authorization endpoint; required by vendors that do not read discovery (Keycloak).")
    public String authorizationUrl;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("Token endpoint.")
    public String tokenUrl;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("UserInfo endpoint.")
    public String userInfoUrl;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("JSON Web Key Set URL used to validate ID token signatures.")
    public String jwksUrl;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("End-session (logout) endpoint.")
    public String logoutUrl;

    @Pattern("^(client_secret_post|client_secret_basic|client_secret_jwt|private_key_jwt)$")
    @JsonPropertyDescription("How the client authenticates at the token endpoint: client_secret_post or "
            + "client_secret_basic.")
    public String clientAuthMethod;

    @JsonPropertyDescription("Use PKCE on the authorization code flow.")
    public Boolean pkce;

    @Size(min = 1)
    @JsonPropertyDescription("The IdP's kind, for vendors that key credentials by provider rather than by URL "
            + "(SlashID: google, github, bitbucket, gitlab, facebook, line, azuread, okta, apple).")
    public String provider;
}
