package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An Auth0 tenant, managed through the Management API v2. */
public class Auth0PlatformSpec {
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Cel.HOST_NAME, message = Cel.HOST_NAME_MESSAGE)
    @JsonPropertyDescription("Tenant domain, a host name such as corp.eu.auth0.com (no https://).")
    public String domain;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("Base URL override for the tenant (custom domain or a local simulator); "
            + "defaults to https://{domain}.")
    public String url;

    @Required
    @JsonPropertyDescription("Secret with client-id and client-secret of a machine-to-machine application "
            + "authorised for the Management API with the connection scopes.")
    public SecretRef credentialsRef;
}
