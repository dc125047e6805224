package dev.federator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * JOSDK's metrics plus {@code federator_reconcile_errors_total{kind}}: reconciles that ended in an exception. JOSDK's
 * own failure counters appear only after the first failure, so an alert on them has no series to start from and a
 * dashboard shows "no data" instead of zero; this counter exists, at zero, for every kind from the start.
 */
final class ReconcileErrorCounting implements Metrics {
    static final String NAME = "federator.reconcile.errors";
    static final String[] KINDS = {"IdentityConnection", "IdentityPlatform", "ClusterIdentityPlatform"};

    private final Metrics delegate;
    private final Map<String, Counter> byKind = new java.util.concurrent.ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final ConnectionMetrics connections;

    ReconcileErrorCounting(Metrics delegate, MeterRegistry registry) {
        this(delegate, registry, null);
    }

    ReconcileErrorCounting(Metrics delegate, MeterRegistry registry, ConnectionMetrics connections) {
        this.connections = connections;
        this.delegate = delegate;
        this.registry = registry;
        for (String kind : KINDS) {
            byKind.put(kind, counter(kind));
        }
    }

    private Counter counter(String kind) {
        return Counter.builder(NAME).description("Reconciles that ended in an exception (JOSDK retries them)")
                .tag("kind", kind).register(registry);
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        String kind = resource == null ? "unknown" : resource.getKind();
        byKind.computeIfAbsent(String.valueOf(kind), this::counter).increment();
        delegate.failedReconciliation(resource, exception, metadata);
    }

    @Override
    public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        delegate.controllerRegistered(controller);
    }

    @Override
    public void receivedEvent(Event event, Map<String, Object> metadata) { delegate.receivedEvent(event, metadata); }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        delegate.reconcileCustomResource(resource, retryInfo, metadata);
    }

    @Override
    public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
        delegate.reconciliationExecutionStarted(resource, metadata);
    }

    @Override
    public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
        delegate.reconciliationExecutionFinished(resource, metadata);
    }

    @Override
    public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
        // Also when a connection only left this process's view (relabelled to another shard): JOSDK forgets it then
        // without a cleanup call, and its Ready state must stop counting here, or two shards would both count it.
        if (connections != null && "identityconnection".equals(metadata.get(Constants.CONTROLLER_NAME))) {
            connections.forget(resourceID.getNamespace().orElse(null), resourceID.getName());
        }
        delegate.cleanupDoneFor(resourceID, metadata);
    }

    @Override
    public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        delegate.finishedReconciliation(resource, metadata);
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        return delegate.timeControllerExecution(execution);
    }

    @Override
    public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) { return delegate.monitorSizeOf(map, name); }
}
