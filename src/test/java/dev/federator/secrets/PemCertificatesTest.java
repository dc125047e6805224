package dev.federator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.provider.spi.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PemCertificatesTest {
    private static String samplePem() throws IOException {
        String yaml = Files.readString(Path.of("samples", "keycloak", "saml.yaml"));
        int start = yaml.indexOf("-----BEGIN CERTIFICATE-----");
        int end = yaml.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
        return yaml.substring(start, end).replaceAll("\n +", "\n");
    }

    @Test
    void readsExpiryAndSubject() throws IOException {
        var cert = PemCertificates.parse(samplePem(), "sample", Clock.systemUTC());
        assertThat(cert.notAfter()).isAfter(Instant.now());
        assertThat(cert.subject()).contains("CN=idp.corp.example.com");
        assertThat(cert.base64Der()).hasSize(1);
    }

    @Test
    void rejectsAnExpiredCertificate() throws IOException {
        Clock future = Clock.fixed(Instant.parse("2099-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> PemCertificates.parse(samplePem(), "key 'tls.crt' of Secret 'x'", future))
                .isInstanceOfSatisfying(SecretProblem.class, e -> assertThat(e.reason()).isEqualTo(Reason.CertificateExpired))
                .hasMessageContaining("key 'tls.crt' of Secret 'x' expired");
    }

    @Test
    void rejectsMalformedPem() {
        assertThatThrownBy(() -> PemCertificates.parse("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----",
                "s", Clock.systemUTC()))
                .isInstanceOfSatisfying(SecretProblem.class, e -> assertThat(e.reason()).isEqualTo(Reason.InvalidCertificate));
        assertThatThrownBy(() -> PemCertificates.parse("hello", "s", Clock.systemUTC()))
                .isInstanceOfSatisfying(SecretProblem.class, e -> assertThat(e.reason()).isEqualTo(Reason.InvalidCertificate));
    }
}
