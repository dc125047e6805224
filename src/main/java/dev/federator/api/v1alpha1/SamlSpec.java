package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A SAML 2.0 identity provider. */
public class SamlSpec {
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("The IdP's single sign-on service URL.")
    public String signInEndpoint;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("The IdP's single logout service URL.")
    public String signOutEndpoint;

    @Size(min = 1)
    @JsonPropertyDescription("The IdP's entity id (issuer of its assertions).")
    public String entityId;

    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("URL of the IdP's SAML metadata, for vendors that read it.")
    public String metadataUrl;

    @JsonPropertyDescription("Secret key holding the IdP's PEM signing certificate (one or more PEM blocks). "
            + "Its expiry is shown in status.signingCertificate.")
    public SecretKeyRef signingCertificateRef;

    @Size(min = 1)
    @JsonPropertyDescription("NameID format to request, for example "
            + "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress.")
    public String nameIdFormat;

    @JsonPropertyDescription("Sign authentication requests sent to the IdP.")
    public Boolean wantAuthnRequestsSigned;

    @JsonPropertyDescription("Accept IdP-initiated logins.")
    public Boolean idpInitiated;

    @JsonPropertyDescription("Answer with HTTP-POST binding (true) or HTTP-Redirect (false).")
    public Boolean postBinding;
}
