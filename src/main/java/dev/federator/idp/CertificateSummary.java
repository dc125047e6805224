package dev.federator.idp;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/** How events name a certificate: its SHA-256 fingerprint and expiry, never the certificate itself. */
final class CertificateSummary {
    private CertificateSummary() {}

    static String fingerprint(String base64Der) {
        try {
            byte[] der = Base64.getDecoder().decode(base64Der);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (Exception e) {
            throw new IllegalStateException("certificates are checked before they are summarised", e);
        }
    }

    static String describe(String base64Der) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
            return fingerprint(base64Der) + " (notAfter " + cert.getNotAfter().toInstant() + ")";
        } catch (Exception e) {
            return fingerprint(base64Der);
        }
    }
}
