package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Fields shared by the hosted identity providers (Azure AD, Okta, Google Workspace): an OAuth client. */
public abstract class ClientCredentialsSpec {
    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Client (application) id registered at the identity provider.")
    public String clientId;

    @JsonPropertyDescription("Secret holding the client secret. Its value is sent to the vendor, never shown.")
    public SecretKeyRef clientSecretRef;
}
