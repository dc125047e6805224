package dev.federator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's reconcile metrics per controller only. The extension's default also tags every series with the resource's
 * name and namespace, so each connection would add its own reconcile-duration histogram (about 70 series): a
 * cardinality that grows with the number of connections. Per-connection state is in {@link ConnectionMetrics}.
 * Failures are also counted from zero per kind ({@link ReconcileErrorCounting}).
 */
public class ReconcileMetrics {
    @Produces
    @Singleton
    Metrics reconcileMetrics(MeterRegistry registry, ConnectionMetrics connections) {
        return new ReconcileErrorCounting(MicrometerMetrics.withoutPerResourceMetrics(registry), registry, connections);
    }
}
