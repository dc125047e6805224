package dev.federator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.TransientVendorException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SECRET = "s3cr3t-client-value";
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final StatusRecorder recorder = new StatusRecorder(new Clock() {
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return clock.instant(); }
    });

    private void later(Duration d) { clock = Clock.fixed(clock.instant().plus(d), ZoneOffset.UTC); }

    private static Condition ready(PlatformStatus status) {
        return Conditions.find(status.conditions, Conditions.READY).orElseThrow();
    }

    @Test
    void aConditionKeepsItsTransitionTimeUntilItsStatusFlips() {
        PlatformStatus status = new PlatformStatus();
        recorder.set(status.conditions, Conditions.READY, false, Reason.VendorUnreachable, "down", 1L);
        later(Duration.ofMinutes(5));
        recorder.set(status.conditions, Conditions.READY, false, Reason.VendorUnavailable, "503", 2L);

        assertThat(ready(status).getLastTransitionTime()).as("still False").isEqualTo("2026-12-01T10:00:00Z");
        assertThat(ready(status).getReason()).isEqualTo("VendorUnavailable");
        assertThat(ready(status).getObservedGeneration()).isEqualTo(2L);

        later(Duration.ofMinutes(1));
        recorder.set(status.conditions, Conditions.READY, true, Reason.Verified, "ok", 2L);
        assertThat(ready(status).getLastTransitionTime()).as("flipped to True").isEqualTo("2026-12-01T10:06:00Z");
        assertThat(status.conditions).hasSize(1);
    }

    @Test
    void aFailureMarksEveryNamedConditionAndSaysWhetherItsReasonIsNew() {
        IdentityConnectionStatus status = new IdentityConnectionStatus();
        var failure = new TransientVendorException(Reason.VendorUnavailable, "the vendor answered 503");

        assertThat(recorder.failed(status.conditions, failure, 4L, Conditions.READY, Conditions.SYNCED)).isTrue();
        assertThat(recorder.failed(status.conditions, failure, 4L, Conditions.READY, Conditions.SYNCED))
                .as("same reason again: no news").isFalse();

        assertThat(status.conditions).extracting(Condition::getType, Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ready", "False", "VendorUnavailable",
                        "the vendor answered 503; retrying"),
                org.assertj.core.groups.Tuple.tuple("Synced", "False", "VendorUnavailable",
                        "the vendor answered 503; retrying"));
        assertThat(recorder.failed(status.conditions, new AuthenticationException(Reason.InvalidCredentials,
                "refused"), 4L, Conditions.READY)).as("another reason").isTrue();
        assertThat(Conditions.find(status.conditions, Conditions.READY).orElseThrow().getMessage())
                .as("only transient failures say they retry by themselves").isEqualTo("refused");
    }

    @Test
    void aFailureShowsItsSafeMessageNeverItsCause() {
        PlatformStatus status = new PlatformStatus();
        var failure = new TransientVendorException(Reason.VendorUnreachable, "could not reach the token endpoint",
                null, new IllegalStateException("POST client_secret=" + SECRET));

        recorder.failed(status.conditions, failure, 1L, Conditions.READY);

        assertThat(ready(status).getMessage()).doesNotContain(SECRET).contains("could not reach the token endpoint");
        assertThat(StatusRecorder.messageOf(failure)).doesNotContain(SECRET);
    }

    @Test
    void nothingIsWrittenWhenThePassChangedNothing() {
        IdentityConnection connection = connection();
        IdentityConnectionStatus before = new IdentityConnectionStatus();
        recorder.set(before.conditions, Conditions.READY, true, Reason.InSync, "ok", 1L);
        before.externalId = "abc";
        IdentityConnectionStatus after = StatusRecorder.copy(before, IdentityConnectionStatus.class);
        recorder.set(after.conditions, Conditions.READY, true, Reason.InSync, "ok", 1L);

        assertThat(StatusRecorder.patchIfChanged(connection, before, after).isPatchStatus()).isFalse();

        after.lastSyncTime = "2026-12-01T10:00:00Z";
        assertThat(StatusRecorder.patchIfChanged(connection, before, after).isPatchStatus()).isTrue();
        assertThat(connection.getStatus()).isSameAs(after);
        assertThat(StatusRecorder.patchIfChanged(connection(), null, new IdentityConnectionStatus()).isPatchStatus())
                .as("a first status is always written").isTrue();
    }

    @Test
    void aCopyIsDeep() {
        IdentityConnectionStatus before = new IdentityConnectionStatus();
        recorder.set(before.conditions, Conditions.READY, true, Reason.InSync, "ok", 1L);
        before.secretFingerprints.put("/secret", "f1");

        IdentityConnectionStatus copy = StatusRecorder.copy(before, IdentityConnectionStatus.class);
        recorder.set(copy.conditions, Conditions.READY, false, Reason.DriftDetected, "drift", 1L);
        copy.secretFingerprints.clear();

        assertThat(before.conditions.get(0).getReason()).isEqualTo("InSync");
        assertThat(before.secretFingerprints).containsKey("/secret");
        assertThat(StatusRecorder.copy(null, PlatformStatus.class).conditions).isEmpty();
    }

    private static IdentityConnection connection() {
        IdentityConnection connection = new IdentityConnection();
        connection.setMetadata(new ObjectMetaBuilder().withName("corp").withNamespace("ns").withGeneration(1L).build());
        return connection;
    }
}
