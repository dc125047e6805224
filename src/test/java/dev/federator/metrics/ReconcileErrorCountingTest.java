package dev.federator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
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
}
