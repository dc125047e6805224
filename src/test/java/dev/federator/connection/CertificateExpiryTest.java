package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.SamlSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.api.v1alpha1.SigningCertificateStatus;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final List<String> warnings = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(null, Clock.systemUTC()) {
        @Override public void normal(HasMetadata r, String reason, String message) { }
        @Override public void warning(HasMetadata r, String reason, String message) { warnings.add(reason + ": " + message); }
    };
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private IdentityConnection connection;
    private IdentityConnectionStatus status;

    @BeforeEach
    void setUp() {
        connection = new IdentityConnection();
        connection.setMetadata(new ObjectMetaBuilder().withName("adfs").withNamespace("ns").withGeneration(3L).build());
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.type = ConnectionType.SAML;
        spec.saml = new SamlSpec();
        spec.saml.signingCertificateRef = new SecretKeyRef();
        spec.saml.signingCertificateRef.name = "adfs-cert";
        spec.saml.signingCertificateRef.key = "tls.crt";
        connection.setSpec(spec);
        status = new IdentityConnectionStatus();
    }

    private CertificateExpiry expiry() { return new CertificateExpiry(recorder, clock, "30d"); }

    private Condition condition() { return Conditions.find(status.conditions, CertificateExpiry.CONDITION).orElseThrow(); }

    private void certificateExpiringIn(Duration left) {
        status.signingCertificate = new SigningCertificateStatus(NOW.plus(left).toString(), "CN=adfs.corp.example.com");
    }

    @Test
    void falseWhileTheCertificateIsFarFromExpiry() {
        certificateExpiringIn(Duration.ofDays(90));
        expiry().evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("False");
        assertThat(condition().getReason()).isEqualTo("CertificateValid");
        assertThat(condition().getObservedGeneration()).isEqualTo(3L);
        assertThat(warnings).isEmpty();
    }

    @Test
    void turnsTrueInsideTheWindowWithOneWarningEvent() {
        certificateExpiringIn(Duration.ofDays(45));
        expiry().evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("False");

        clock = Clock.fixed(NOW.plus(Duration.ofDays(20)), ZoneOffset.UTC); // 25 days left
        expiry().evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("True");
        assertThat(condition().getReason()).isEqualTo("CertificateExpiresSoon");
        assertThat(condition().getMessage()).contains("within 30 days", "CN=adfs.corp.example.com",
                "Secret adfs-cert (key tls.crt)");
        assertThat(condition().getLastTransitionTime()).isEqualTo("2026-12-12T12:00:00Z");
        assertThat(warnings).hasSize(1).first().asString().startsWith("CertificateExpiring: ").contains("in 25 days");
        Condition firstDay = condition();

        clock = Clock.fixed(NOW.plus(Duration.ofDays(30)), ZoneOffset.UTC); // still True: no second event
        expiry().evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("True");
        assertThat(condition().getLastTransitionTime()).isEqualTo("2026-12-12T12:00:00Z");
        assertThat(condition()).as("ten days later the condition is the same, so a drift check writes no status")
                .isEqualTo(firstDay);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void saysSoOnceExpired() {
        certificateExpiringIn(Duration.ofDays(-2));
        expiry().evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("True");
        assertThat(condition().getMessage()).contains("expired on");
        assertThat(warnings).hasSize(1);
    }

    @Test
    void rotatingTheCertificateTurnsItBackToFalse() {
        certificateExpiringIn(Duration.ofDays(5));
        expiry().evaluate(connection, status);
        certificateExpiringIn(Duration.ofDays(365));
        expiry().evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("False");
        assertThat(warnings).hasSize(1);
    }

    @Test
    void noConditionWithoutASigningCertificate() {
        certificateExpiringIn(Duration.ofDays(5));
        expiry().evaluate(connection, status);
        status.signingCertificate = null; // e.g. the connection became OIDC
        expiry().evaluate(connection, status);
        assertThat(Conditions.find(status.conditions, CertificateExpiry.CONDITION)).isEmpty();
    }

    @Test
    void theWindowIsConfigurable() {
        certificateExpiringIn(Duration.ofDays(45));
        new CertificateExpiry(recorder, clock, "60d").evaluate(connection, status);
        assertThat(condition().getStatus()).isEqualTo("True");
        assertThat(CertificateExpiry.parseWindow("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(CertificateExpiry.parseWindow("720h")).isEqualTo(Duration.ofDays(30));
        assertThat(CertificateExpiry.parseWindow("P14D")).isEqualTo(Duration.ofDays(14));
        assertThat(CertificateExpiry.parseWindow("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> CertificateExpiry.parseWindow("a month"))
                .hasMessageContaining("federator.certificate-expiry-warning");
    }

    @Test
    void aCertificateFromMetadataPointsAtTheIdpsMetadata() {
        connection.getSpec().saml.signingCertificateRef = null;
        connection.getSpec().saml.metadataUrl = "https://adfs.corp.example.com/FederationMetadata.xml";
        certificateExpiringIn(Duration.ofDays(3));
        expiry().evaluate(connection, status);
        assertThat(condition().getMessage()).contains("the IdP's metadata at https://adfs.corp.example.com/FederationMetadata.xml");
    }
}
