package dev.federator.secrets;

import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SigningCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Parses and checks the PEM signing certificates referenced by SAML connections. */
public final class PemCertificates {
    private PemCertificates() {}

    public static SigningCertificate parse(String pem, String where, Clock clock) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new SecretProblem(Reason.InvalidCertificate, where + " does not hold a PEM certificate "
                    + "(-----BEGIN CERTIFICATE-----)");
        }
        Collection<? extends java.security.cert.Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new SecretProblem(Reason.InvalidCertificate, where + " holds a malformed PEM certificate");
        }
        if (certs.isEmpty()) {
            throw new SecretProblem(Reason.InvalidCertificate, where + " holds no certificate");
        }
        List<String> der = new ArrayList<>();
        List<X509Certificate> x509 = new ArrayList<>();
        for (var cert : certs) {
            x509.add((X509Certificate) cert);
            try {
                der.add(Base64.getEncoder().encodeToString(cert.getEncoded()));
            } catch (CertificateException e) {
                throw new SecretProblem(Reason.InvalidCertificate, where + " holds a certificate that cannot be encoded");
            }
        }
        // The certificate that expires last is the one users rely on during a rollover.
        X509Certificate latest = x509.stream().max(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
        Instant notAfter = latest.getNotAfter().toInstant();
        if (notAfter.isBefore(clock.instant())) {
            throw new SecretProblem(Reason.CertificateExpired, where + " expired on " + notAfter
                    + "; put the IdP's current signing certificate in the Secret");
        }
        return new SigningCertificate(pem, List.copyOf(der), notAfter,
                latest.getSubjectX500Principal().getName());
    }
}
