package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.secrets.SecretProblem;
import dev.federator.status.Conditions;
import dev.federator.status.StatusRecorder;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A platform's failures go through the same status path as a connection's, with a platform's own delays. */
class PlatformVerifierTest {
    private final PlatformVerifier verifier = new PlatformVerifier(null, new StatusRecorder(Clock.systemUTC()));

    @Test
    void aFailureBecomesTheReadyConditionAndADelayByItsRetryClass() {
        PlatformStatus status = new PlatformStatus();
        Duration next = verifier.verify(() -> {
            throw new PlatformProblem(Reason.InvalidPlatform, "set exactly one vendor block");
        }, status, 2L);

        assertThat(next).isEqualTo(Duration.ofMinutes(5));
        var ready = Conditions.find(status.conditions, Conditions.READY).orElseThrow();
        assertThat(ready.getStatus() + "/" + ready.getReason()).isEqualTo("False/InvalidPlatform");
        assertThat(status.observedGeneration).isEqualTo(2L);
        assertThat(Conditions.find(status.conditions, Conditions.SYNCED)).as("platforms have no Synced").isEmpty();
    }

    @Test
    void delaysFollowTheReason() {
        assertThat(PlatformVerifier.retryAfter(new TransientVendorException(Reason.RateLimited, "x",
                Duration.ofSeconds(3), null))).isEqualTo(Duration.ofSeconds(3));
        assertThat(PlatformVerifier.retryAfter(new TransientVendorException(Reason.VendorUnavailable, "x")))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(PlatformVerifier.retryAfter(new AuthenticationException(Reason.Forbidden, "x")))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(PlatformVerifier.retryAfter(new InvalidRequestException(Reason.CredentialsIncomplete, "x")))
                .as("a Secret that lacks a value: its watch brings the platform back").isEqualTo(Duration.ofMinutes(5));
        assertThat(PlatformVerifier.retryAfter(new SecretProblem(Reason.SecretNotFound, "x")))
                .isEqualTo(Duration.ofMinutes(5));
    }
}
