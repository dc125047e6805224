package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.platform.PlatformProblem;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.secrets.SecretProblem;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import dev.federator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every typed failure of a connection goes through one method: conditions, one event per new reason, a delay. */
class ConnectionFailuresTest {
    private final List<String> events = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(null, Clock.systemUTC()) {
        @Override public void normal(HasMetadata r, String reason, String message) { events.add(reason); }
        @Override public void warning(HasMetadata r, String reason, String message) { events.add(reason); }
    };
    private final ConnectionFailures failures = new ConnectionFailures(new StatusRecorder(Clock.systemUTC()),
            recorder, Clock.systemUTC());
    private IdentityConnection connection;

    @BeforeEach
    void setUp() {
        connection = new IdentityConnection();
        connection.setMetadata(new ObjectMetaBuilder().withName("corp").withNamespace("ns").withGeneration(3L).build());
        connection.setSpec(new IdentityConnectionSpec());
    }

    private Duration report(ReconcileFailure failure) {
        ConnectionPass pass = new ConnectionPass(connection, null, null);
        Duration next = failures.report(pass, failure);
        connection.setStatus(pass.status());
        return next;
    }

    @Test
    void aTransientFailureRetriesWhenTheVendorSaysAndWarnsOnce() {
        var failure = new TransientVendorException(Reason.RateLimited, "slow down", Duration.ofSeconds(7), null);

        assertThat(report(failure)).isEqualTo(Duration.ofSeconds(7));
        assertThat(report(failure)).isEqualTo(Duration.ofSeconds(7));

        assertThat(events).containsExactly("RateLimited");
        IdentityConnectionStatus status = connection.getStatus();
        assertThat(Conditions.find(status.conditions, Conditions.SYNCED).orElseThrow().getReason())
                .isEqualTo("RateLimited");
        assertThat(status.observedGeneration).isEqualTo(3L);
    }

    @Test
    void aTransientFailureWithoutRetryAfterBacksOffFromFiveSeconds() {
        Duration next = report(new TransientVendorException(Reason.VendorUnavailable, "503"));
        assertThat(next).isBetween(Duration.ofSeconds(5), Duration.ofMillis(6250));
    }

    @Test
    void anythingElseWaitsForAChangeWithASlowRecheck() {
        connection.setStatus(new IdentityConnectionStatus());
        connection.getStatus().inputsDigest = "digest";
        assertThat(report(new SecretProblem(Reason.SecretNotFound, "Secret ns/x does not exist")))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(connection.getStatus().inputsDigest).as("a failed pass is never skipped next time").isNull();
        assertThat(report(new PlatformProblem(Reason.PlatformNotFound, "no platform"))).isEqualTo(Duration.ofMinutes(10));
        assertThat(report(new AuthenticationException(Reason.InvalidCredentials, "refused")))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(events).containsExactly("SecretNotFound", "PlatformNotFound", "InvalidCredentials");
    }
}
