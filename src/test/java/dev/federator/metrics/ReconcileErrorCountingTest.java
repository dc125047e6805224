package dev.federator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileErrorCountingTest {
    @Test
    void everyKindStartsAtZeroAndAFailureCountsForItsKind() {
        var registry = new SimpleMeterRegistry();
        Metrics metrics = new ReconcileErrorCounting(Metrics.NOOP, registry);
        for (String kind : ReconcileErrorCounting.KINDS) {
            assertThat(registry.get(ReconcileErrorCounting.NAME).tag("kind", kind).counter().count()).isZero();
        }
        metrics.failedReconciliation(new IdentityConnection(), new IllegalStateException("boom"), Map.of());
        assertThat(registry.get(ReconcileErrorCounting.NAME).tag("kind", "IdentityConnection").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(ReconcileErrorCounting.NAME).tag("kind", "IdentityPlatform").counter().count()).isZero();
    }

    /** JOSDK forgets a connection that left this shard (relabelled) without a cleanup call: so must the gauges. */
    @Test
    void aConnectionThatLeavesStopsCountingAndAPlatformOfTheSameNameDoesNotTouchIt() {
        var registry = new SimpleMeterRegistry();
        var connections = new ConnectionMetrics(registry, java.time.Clock.systemUTC());
        Metrics metrics = new ReconcileErrorCounting(Metrics.NOOP, registry, connections);
        connections.record("ns", "moved", "True", null);
        connections.record("ns", "kept", "True", null);
        metrics.cleanupDoneFor(new ResourceID("kept", "ns"), Map.of(Constants.CONTROLLER_NAME, "identityplatform"));
        metrics.cleanupDoneFor(new ResourceID("moved", "ns"), Map.of(Constants.CONTROLLER_NAME, "identityconnection"));
        assertThat(registry.get(ConnectionMetrics.CONNECTIONS).tag("ready", "True").gauge().value()).isEqualTo(1.0);
    }
}
