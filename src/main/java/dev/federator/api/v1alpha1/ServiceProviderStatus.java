package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the IdP's administrator enters on their side for this connection; a value the vendor does not let us know is left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceProviderStatus {
    @JsonPropertyDescription("OIDC-style types: the redirect (callback) URI to register at the IdP.")
    public String redirectUri;
    @JsonPropertyDescription("SAML: the assertion consumer service URL.")
    public String acsUrl;
    @JsonPropertyDescription("SAML: the service provider's entity id (the audience the IdP must name).")
    public String entityId;
    @JsonPropertyDescription("SAML: URL of the service provider's metadata, which the IdP can import.")
    public String metadataUrl;
    @JsonPropertyDescription("SAML: the service provider's signing certificate (PEM, public), where the vendor "
            + "returns it; the IdP uses it to verify signed requests.")
    public String spCertificate;

    public ServiceProviderStatus() {}

    public ServiceProviderStatus(String redirectUri, String acsUrl, String entityId, String metadataUrl,
                                 String spCertificate) {
        this.redirectUri = redirectUri;
        this.acsUrl = acsUrl;
        this.entityId = entityId;
        this.metadataUrl = metadataUrl;
        this.spCertificate = spCertificate;
    }
}
