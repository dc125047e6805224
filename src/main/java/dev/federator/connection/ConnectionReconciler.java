package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.metrics.ConnectionMetrics;
import dev.federator.platform.PlatformAdmission;
import dev.federator.platform.PlatformProblem;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.serviceprovider.ServiceProviderConfigMaps;
import dev.federator.status.Conditions;
import dev.federator.shard.Shard;
import dev.federator.status.StatusRecorder;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Thin controller. Observe: the platform and its client. Plan: skip a connection whose inputs are unchanged, wait
 * for the platform's admission line. Apply: {@link ConnectionApply}. Every typed failure goes to
 * {@link ConnectionFailures}; the status is written by the {@link ConnectionPass}, only when it changed.
 */
@ControllerConfiguration(name = "identityconnection", finalizerName = ConnectionReconciler.FINALIZER)
public class ConnectionReconciler implements ConfigurableReconciler<IdentityConnection>, Cleaner<IdentityConnection> {
    public static final String FINALIZER = "federator.dev/finalizer";

    private final ConnectionWatches watches;
    private final VendorClientCache clients;
    private final UnchangedInputs unchanged;
    private final PlatformAdmission admission;
    private final ConnectionApply apply;
    private final ConnectionFailures failures;
    private final ConnectionCleanup cleanup;
    private final ConnectionMetrics metrics;
    private final StatusRecorder statuses;
    private final Shard shard;
    private final ServiceProviderConfigMaps serviceProviderConfigMaps;

    public ConnectionReconciler(ConnectionWatches watches, VendorClientCache clients, UnchangedInputs unchanged,
                                PlatformAdmission admission, ConnectionApply apply, ConnectionFailures failures,
                                ConnectionCleanup cleanup, ConnectionMetrics metrics, StatusRecorder statuses,
                                Shard shard, ServiceProviderConfigMaps serviceProviderConfigMaps) {
        this.watches = watches;
        this.clients = clients;
        this.unchanged = unchanged;
        this.admission = admission;
        this.apply = apply;
        this.failures = failures;
        this.cleanup = cleanup;
        this.metrics = metrics;
        this.statuses = statuses;
        this.shard = shard;
        this.serviceProviderConfigMaps = serviceProviderConfigMaps;
    }

    @Override
    public UpdateControl<IdentityConnection> reconcile(IdentityConnection connection, Context<IdentityConnection> context) {
        if (!shard.owns(connection)) {
            return UpdateControl.noUpdate(); // relabelled away (a timer of ours still fired): its shard has it now
        }
        ConnectionPass pass = new ConnectionPass(connection, context, statuses);
        Duration next;
        try {
            ResolvedPlatform platform = watches.platform(connection, context);
            pass.status().platformKind = platform.vendor();
            VendorClientCache.Entry entry = clients.get(platform);
            requireSupportedType(connection, platform, entry);
            Optional<Duration> due = unchanged.untilDriftCheck(connection, pass.before(), platform,
                    watches.secretStubs());
            if (due.isPresent()) {
                // No vendor call, but the ConfigMap may have been deleted or edited: put it back from the status.
                serviceProviderConfigMaps.publish(context.getClient(), connection, pass.before().serviceProvider);
                observe(connection, pass.before());
                metrics.unchanged();
                return UpdateControl.<IdentityConnection>noUpdate().rescheduleAfter(due.get());
            }
            try (PlatformAdmission.Slot slot = admission.enter(platform.key(), ResourceID.fromResource(connection),
                    entry.http()::spareCalls).orElse(null)) {
                if (slot == null) {
                    // Nothing was read or written: the platform's line wakes this one up when its turn comes.
                    return UpdateControl.<IdentityConnection>noUpdate().rescheduleAfter(admission.parkedRecheck());
                }
                apply.apply(pass, platform, entry);
            }
            metrics.compared(connection.getMetadata().getNamespace(), connection.getMetadata().getName(),
                    connection.getMetadata().getUid(), platform.key());
            next = jitter(platform.syncInterval());
        } catch (ReconcileFailure e) {
            next = failures.report(pass, e);
        }
        observe(connection, pass.status());
        return pass.finish(next);
    }

    @Override
    public DeleteControl cleanup(IdentityConnection connection, Context<IdentityConnection> context) {
        if (!shard.owns(connection)) {
            return DeleteControl.noFinalizerRemoval(); // another shard's to delete
        }
        admission.forget(ResourceID.fromResource(connection));
        metrics.forget(connection.getMetadata().getNamespace(), connection.getMetadata().getName());
        return cleanup.delete(connection, context);
    }

    @Override
    public List<EventSource<?, IdentityConnection>> prepareEventSources(EventSourceContext<IdentityConnection> context) {
        return watches.create(context);
    }

    /**
     * Only this shard's connections: the informer's server-side label selector, and the same rule in memory for
     * events (an API server, or the test's mock server, that applies only part of a selector must not make two
     * shards act on one connection). All of them when not sharded.
     */
    @Override
    public void updateConfigurationFrom(ControllerConfigurationOverrider<IdentityConnection> configuration) {
        shard.labelSelector().ifPresent(selector -> configuration.withLabelSelector(selector)
                .withGenericFilter(shard::owns));
    }

    private static void requireSupportedType(IdentityConnection connection, ResolvedPlatform platform,
                                             VendorClientCache.Entry entry) {
        ConnectionKind kind = ConnectionKind.valueOf(connection.getSpec().type.name());
        if (!entry.provider().supportedKinds().contains(kind)) {
            throw new PlatformProblem(Reason.UnsupportedType, platform.vendor() + " cannot hold connections of type "
                    + kind + "; it supports " + entry.provider().supportedKinds());
        }
    }

    private void observe(IdentityConnection connection, IdentityConnectionStatus status) {
        metrics.record(connection.getMetadata().getNamespace(), connection.getMetadata().getName(),
                Conditions.find(status.conditions, Conditions.READY).map(c -> c.getStatus()).orElse(null),
                CertificateExpiry.notAfter(status));
    }

    private static Duration jitter(Duration interval) {
        long ms = interval.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(Math.max(1, ms / 10)));
    }
}
