package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Public facts about the SAML signing certificate in use, so its expiry can be watched. */
public class SigningCertificateStatus {
    @JsonPropertyDescription("Expiry of the certificate (RFC 3339).")
    public String notAfter;
    @JsonPropertyDescription("Subject distinguished name of the certificate.")
    public String subject;

    public SigningCertificateStatus() {}

    public SigningCertificateStatus(String notAfter, String subject) {
        this.notAfter = notAfter;
        this.subject = subject;
    }
}
