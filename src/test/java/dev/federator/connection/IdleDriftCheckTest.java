package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.provider.fake.FakeVendorClient;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.SigningCertificate;
import dev.federator.secrets.Fingerprints;
import dev.federator.status.EventRecorder;
import dev.federator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A drift check that finds the vendor as the spec says sends no status patch, days later and with a signing
 * certificate inside its warning window; a change on the vendor still does. Each pass is what a reconcile does:
 * a copy of the status the API server holds, the sync, the certificate check, then the patch only if it changed.
 */
class IdleDriftCheckTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final MovingClock clock = new MovingClock();
    private final List<String> events = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(null, clock) {
        @Override public void normal(HasMetadata r, String reason, String message) { events.add(reason); }
        @Override public void warning(HasMetadata r, String reason, String message) { events.add(reason); }
    };
    private final ConnectionSync sync = new ConnectionSync(new Fingerprints(new byte[32]), recorder,
            new RemoteSnapshots(clock), clock);
    private final CertificateExpiry certificates = new CertificateExpiry(recorder, clock, Duration.ofDays(30));
    private final ResolvedPlatform platform = new ResolvedPlatform("ns/fake", new IdentityPlatform(),
            new PlatformSpec(), "fake", "ns");
    private final FakeVendorClient vendor = new FakeVendorClient(false);
    private IdentityConnection connection;

    @BeforeEach
    void aConnectionWhoseCertificateExpiresInTwentyDays() {
        vendor.listable = true;
        connection = new IdentityConnection();
        connection.setMetadata(new ObjectMetaBuilder().withName("corp").withNamespace("ns").withUid("uid-1")
                .withGeneration(1L).build());
        connection.setSpec(new IdentityConnectionSpec());
        connection.getSpec().type = ConnectionType.SAML;
    }

    private DesiredConnection desired(String displayName) {
        SigningCertificate certificate = new SigningCertificate("pem", List.of("der"),
                START.plus(Duration.ofDays(20)), "CN=idp.corp.example.com");
        return new DesiredConnection("corp", displayName, true, ConnectionKind.SAML, null,
                new DesiredConnection.Saml("https://idp.example.com/sso", null, "urn:idp", null, certificate, null,
                        null, null, null),
                null, null, null, Map.of(), "uid-1");
    }

    /** One reconcile's vendor work; returns whether it patched the status (and keeps the patched status). */
    private boolean pass(String displayName) {
        IdentityConnectionStatus before = connection.getStatus();
        IdentityConnectionStatus status = StatusRecorder.copy(before, IdentityConnectionStatus.class);
        status.observedGeneration = connection.getMetadata().getGeneration();
        sync.sync(connection, status, platform, vendor, desired(displayName), ConnectionSync.steady(connection, before),
                pending -> { });
        certificates.evaluate(connection, status);
        UpdateControl<IdentityConnection> control = StatusRecorder.patchIfChanged(connection, before, status);
        // The API server returns what was written, through JSON, as the next pass reads it.
        connection.setStatus(StatusRecorder.copy(control.isPatchStatus() ? status : before,
                IdentityConnectionStatus.class));
        return control.isPatchStatus();
    }

    @Test
    void aDriftCheckThatFindsNothingChangedPatchesNothingAndAChangeStillDoes() {
        assertThat(pass("Corp")).as("the create").isTrue();
        String created = connection.getStatus().lastSyncTime;
        assertThat(created).isEqualTo("2026-12-01T10:00:00Z");

        for (int day = 1; day <= 3; day++) {
            clock.advance(Duration.ofDays(1).plusMinutes(7));
            assertThat(pass("Corp")).as("drift check on day %d, certificate expiring in %d days", day, 20 - day)
                    .isFalse();
        }
        assertThat(connection.getStatus().lastSyncTime).as("the last change, not the last comparison")
                .isEqualTo(created);
        assertThat(vendor.writes).containsExactly("create corp");

        clock.advance(Duration.ofMinutes(10));
        vendor.store.get("corp").put("displayName", "Edited on the vendor");
        assertThat(pass("Corp")).as("drift corrected: the status says when").isTrue();
        assertThat(vendor.writes).containsExactly("create corp", "update corp [displayName]");
        assertThat(connection.getStatus().lastSyncTime).isEqualTo(clock.instant().toString());
        assertThat(events).containsSubsequence("Created", "Updated");

        clock.advance(Duration.ofMinutes(10));
        assertThat(pass("Corp")).as("the next drift check is idle again").isFalse();

        clock.advance(Duration.ofMinutes(10));
        connection.getMetadata().setGeneration(2L);
        assertThat(pass("Corp Renamed")).as("a spec change").isTrue();
        assertThat(connection.getStatus().lastSyncTime).isEqualTo(clock.instant().toString());
    }

    private static final class MovingClock extends Clock {
        private Instant now = START;

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
