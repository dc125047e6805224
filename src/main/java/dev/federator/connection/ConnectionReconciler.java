package dev.federator.connection;

import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.DeletionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.metrics.ConnectionMetrics;
import dev.federator.platform.PlatformProblem;
import dev.federator.platform.PlatformAdmission;
import dev.federator.platform.PlatformResolver;
import dev.federator.platform.PlatformUsers;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.StatusCopies;
import dev.federator.platform.VendorClientCache;
import dev.federator.secrets.ReferencedSecrets;
import dev.federator.shard.Shard;
import dev.federator.shard.ShardGuard;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import dev.federator.secrets.SecretProblem;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Thin controller: resolves the platform, the Secrets and the desired state, lets {@link ConnectionSync} do the
 * vendor work, and turns every typed failure into conditions, events and a retry decision in one place.
 */
@ControllerConfiguration(name = "identityconnection", finalizerName = ConnectionReconciler.FINALIZER)
public class ConnectionReconciler implements ConfigurableReconciler<IdentityConnection>, Cleaner<IdentityConnection> {
    public static final String FINALIZER = "federator.dev/finalizer";
    static final String SECRET_INDEX = "connection-secrets";
    static final String PLATFORM_INDEX = "connection-platform";
    static final String CLUSTER_PLATFORM_INDEX = "connection-cluster-platform";
    private static final Logger LOG = Logger.getLogger(ConnectionReconciler.class);

    private final PlatformResolver resolver;
    private final VendorClientCache clients;
    private final DesiredStateBuilder desiredStates;
    private final ConnectionSync sync;
    private final EventRecorder events;
    private final RemoteSnapshots snapshots;
    private final Clock clock;
    private final CertificateExpiry certificates;
    private final ConnectionMetrics metrics;
    private final ReferencedSecrets referencedSecrets;
    private final PlatformAdmission admission;
    private final UnchangedInputs unchanged;
    private final PlatformUsers platformUsers;
    private final Shard shard;
    private final ShardGuard shardGuard;
    /** The Secret informer's store, created with the event sources: stubs with resourceVersions, no data. */
    private volatile ItemStore<Secret> secretStubs;

    public ConnectionReconciler(PlatformResolver resolver, VendorClientCache clients, DesiredStateBuilder desiredStates,
                                ConnectionSync sync, EventRecorder events, RemoteSnapshots snapshots, Clock clock,
                                CertificateExpiry certificates, ConnectionMetrics metrics,
                                ReferencedSecrets referencedSecrets, PlatformAdmission admission,
                                UnchangedInputs unchanged, PlatformUsers platformUsers, Shard shard,
                                ShardGuard shardGuard) {
        this.shard = shard;
        this.shardGuard = shardGuard;
        this.platformUsers = platformUsers;
        this.unchanged = unchanged;
        this.referencedSecrets = referencedSecrets;
        this.admission = admission;
        this.certificates = certificates;
        this.metrics = metrics;
        this.snapshots = snapshots;
        this.resolver = resolver;
        this.clients = clients;
        this.desiredStates = desiredStates;
        this.sync = sync;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<IdentityConnection> reconcile(IdentityConnection connection, Context<IdentityConnection> context) {
        if (!shard.owns(connection)) {
            return UpdateControl.noUpdate(); // relabelled away (a timer of ours still fired): its shard has it now
        }
        IdentityConnectionStatus before = connection.getStatus();
        IdentityConnectionStatus status = StatusCopies.copy(before, IdentityConnectionStatus.class);
        Long generation = connection.getMetadata().getGeneration();
        status.observedGeneration = generation;
        Duration next;
        PlatformAdmission.Slot slot = null;
        IdentityConnection[] persisted = new IdentityConnection[1];
        try {
            ResolvedPlatform platform = platform(connection, context);
            status.platformKind = platform.vendor();
            VendorClientCache.Entry entry = clients.get(platform);
            ConnectionKind kind = ConnectionKind.valueOf(connection.getSpec().type.name());
            if (!entry.provider().supportedKinds().contains(kind)) {
                fail(connection, status, "UnsupportedType", platform.vendor() + " cannot hold connections of type "
                        + kind + "; it supports " + entry.provider().supportedKinds(), generation);
                observe(connection, status);
                return StatusCopies.patchIfChanged(connection, before, status);
            }
            Optional<Duration> due = unchanged.untilDriftCheck(connection, before, platform, secretStubs);
            if (due.isPresent()) {
                observe(connection, before);
                metrics.unchanged();
                return UpdateControl.<IdentityConnection>noUpdate().rescheduleAfter(due.get());
            }
            slot = admission.enter(platform.key(), ResourceID.fromResource(connection), entry.http()::spareCalls)
                    .orElse(null);
            if (slot == null) {
                // Nothing was read or written: the platform's line wakes this one up when its turn comes.
                return UpdateControl.<IdentityConnection>noUpdate().rescheduleAfter(admission.parkedRecheck());
            }
            boolean steady = ConnectionSync.steady(connection, before);
            Map<String, String> secretVersions = new TreeMap<>();
            sync.sync(connection, status, platform, entry.client(), desiredStates.build(connection, secretVersions),
                    steady, pending -> persisted[0] = persistNow(connection, pending, context));
            certificates.evaluate(connection, status);
            status.inputsDigest = Conditions.isTrue(status.conditions, Conditions.READY)
                    ? unchanged.digest(connection, platform, secretVersions) : null;
            next = jitter(platform.syncInterval());
        } catch (TransientVendorException e) {
            fail(connection, status, e.reason(), e.getMessage() + "; retrying", generation);
            next = e.retryAfter().orElseGet(() -> backoff(before));
        } catch (VendorException e) {
            fail(connection, status, e.reason(), e.getMessage(), generation);
            next = Duration.ofMinutes(10); // a rejected spec waits for a change, with a slow check for vendor fixes
        } catch (SecretProblem e) {
            fail(connection, status, e.reason(), e.getMessage(), generation);
            next = Duration.ofMinutes(10); // the Secret watch brings us back as soon as it is fixed
        } catch (PlatformProblem e) {
            fail(connection, status, e.reason(), e.getMessage(), generation);
            next = Duration.ofMinutes(10); // the platform watch brings us back as soon as it is fixed
        } finally {
            if (slot != null) {
                slot.close();
            }
        }
        observe(connection, status);
        if (persisted[0] != null && status.pendingCreate == null) {
            // JOSDK patches the status as a diff from the resource this pass started with, which lacks the create
            // intent written since: that diff would leave pendingCreate behind. Diff from what was written instead.
            remember(context, context.getClient().resource(persisted[0]).editStatus(written -> {
                written.setStatus(status);
                return written;
            }));
            return UpdateControl.<IdentityConnection>noUpdate().rescheduleAfter(next);
        }
        return StatusCopies.patchIfChanged(connection, before, status).rescheduleAfter(next);
    }

    private void observe(IdentityConnection connection, IdentityConnectionStatus status) {
        metrics.record(connection.getMetadata().getNamespace(), connection.getMetadata().getName(),
                Conditions.find(status.conditions, Conditions.READY).map(c -> c.getStatus()).orElse(null),
                CertificateExpiry.notAfter(status));
    }

    @Override
    public DeleteControl cleanup(IdentityConnection connection, Context<IdentityConnection> context) {
        if (!shard.owns(connection)) {
            return DeleteControl.noFinalizerRemoval(); // another shard's to delete
        }
        admission.forget(ResourceID.fromResource(connection));
        IdentityConnectionStatus status = connection.getStatus() == null ? new IdentityConnectionStatus()
                : connection.getStatus();
        String name = connection.remoteName();
        metrics.forget(connection.getMetadata().getNamespace(), connection.getMetadata().getName());
        if (connection.getSpec().deletionPolicy() == DeletionPolicy.Orphan
                || connection.getSpec().managementPolicy() == ManagementPolicy.ObserveOnly) {
            events.normal(connection, "Orphaned", "left connection " + name + " on the vendor ("
                    + (connection.getSpec().deletionPolicy() == DeletionPolicy.Orphan ? "deletionPolicy: Orphan"
                    : "managementPolicy: ObserveOnly") + ")");
            return DeleteControl.defaultDelete();
        }
        if (neverReachedVendor(status)) {
            // Whatever state the platform and its Secrets are in (gone, unreachable, a typo in the host): there is
            // nothing of ours on the vendor, so there is nothing to wait for.
            events.normal(connection, "Released", "connection " + name + " was never created on the vendor; "
                    + "nothing to delete there");
            return DeleteControl.defaultDelete();
        }
        try {
            String platformKey = PlatformResolver.keyOf(connection);
            VendorClientCache.Entry entry = clientForDelete(connection, context, platformKey);
            Optional<RemoteConnection> remote = entry.client().find(name, status.externalId);
            if (remote.isEmpty()) {
                return DeleteControl.defaultDelete();
            }
            if (!Ownership.owns(remote.get(), status, connection.getMetadata().getUid(), entry.client())) {
                events.normal(connection, "NotDeleted", "connection " + name + " on " + platformKey
                        + " was not created or adopted by this resource; left in place");
                return DeleteControl.defaultDelete();
            }
            snapshots.forget(platformKey, name);
            if (entry.client().delete(remote.get()) == DeleteOutcome.PENDING) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
            }
            events.normal(connection, "Deleted", "deleted connection " + name + " on " + platformKey);
            return DeleteControl.defaultDelete();
        } catch (PlatformProblem | SecretProblem | VendorException e) {
            String reason = e instanceof PlatformProblem p ? p.reason() : e instanceof SecretProblem s ? s.reason()
                    : ((VendorException) e).reason();
            String message = "could not delete connection " + name + " on the vendor (" + reason + "): "
                    + e.getMessage() + ". The finalizer stays until it can. " + DeletionHints.howToForce(connection);
            reportBlockedDelete(connection, message, context);
            Duration retry = e instanceof TransientVendorException t ? t.retryAfter().orElse(Duration.ofSeconds(10))
                    : Duration.ofMinutes(1);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(retry);
        }
    }

    /**
     * No vendor call for this resource ever wrote anything: a create is always recorded as pendingCreate before it is
     * sent, and anything found on the vendor and taken over is recorded as externalId.
     */
    static boolean neverReachedVendor(IdentityConnectionStatus status) {
        return status.externalId == null && status.pendingCreate == null;
    }

    /**
     * The platform's client; when the platform or its credentials are gone already (a namespace deletion removes
     * them together with the connections), the client built from them while they existed, if this process has it.
     */
    private VendorClientCache.Entry clientForDelete(IdentityConnection connection, Context<IdentityConnection> context,
                                                    String platformKey) {
        try {
            return clients.get(platform(connection, context));
        } catch (PlatformProblem e) {
            if (!"PlatformNotFound".equals(e.reason())) {
                throw e;
            }
            return clients.cached(platformKey).orElseThrow(() -> e);
        } catch (SecretProblem e) {
            return clients.cached(platformKey).orElseThrow(() -> e);
        }
    }

    /** Says in the Ready condition (and once in an event) why the deletion waits and how to end it by hand. */
    private void reportBlockedDelete(IdentityConnection connection, String message,
                                     Context<IdentityConnection> context) {
        IdentityConnectionStatus status = StatusCopies.copy(connection.getStatus(), IdentityConnectionStatus.class);
        boolean news = Conditions.find(status.conditions, Conditions.READY)
                .map(c -> !message.equals(c.getMessage())).orElse(true);
        LOG.infof("%s/%s: %s", connection.getMetadata().getNamespace(), connection.getMetadata().getName(), message);
        if (!news) {
            return;
        }
        events.warning(connection, "DeleteFailed", message);
        Conditions.set(status.conditions, Conditions.READY, false, "DeleteFailed", message,
                connection.getMetadata().getGeneration(), clock);
        try {
            // Read-modify-write: a merge patch of a copy (persistNow) did not land on a connection being deleted.
            remember(context, context.getClient().resource(connection).editStatus(current -> {
                current.setStatus(status);
                return current;
            }));
        } catch (RuntimeException e) {
            LOG.warnf("could not write the status of %s/%s: %s", connection.getMetadata().getNamespace(),
                    connection.getMetadata().getName(), e.getMessage());
        }
    }

    private ResolvedPlatform platform(IdentityConnection connection, Context<IdentityConnection> context) {
        try {
            return shardGuard.requireOwned(connection, resolver.resolve(connection,
                    context.getSecondaryResource(IdentityPlatform.class),
                    context.getSecondaryResource(ClusterIdentityPlatform.class)));
        } catch (PlatformProblem e) {
            throw "PlatformNotFound".equals(e.reason()) ? shardGuard.explainMissingPlatform(connection, e) : e;
        }
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

    private void fail(IdentityConnection connection, IdentityConnectionStatus status, String reason, String message,
                      Long generation) {
        boolean news = Conditions.find(status.conditions, Conditions.READY)
                .map(c -> !reason.equals(c.getReason())).orElse(true);
        Conditions.set(status.conditions, Conditions.READY, false, reason, message, generation, clock);
        Conditions.set(status.conditions, Conditions.SYNCED, false, reason, message, generation, clock);
        status.inputsDigest = null;
        if (news) {
            events.warning(connection, reason, message);
        }
        LOG.infof("%s/%s not ready (%s): %s", connection.getMetadata().getNamespace(),
                connection.getMetadata().getName(), reason, message);
    }

    /** The create intent must be on the API server before the vendor call; later writes must not conflict with it. */
    private IdentityConnection persistNow(IdentityConnection connection, IdentityConnectionStatus status,
                                          Context<IdentityConnection> context) {
        IdentityConnection copy = new IdentityConnection();
        copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(connection.getMetadata().getName())
                .withNamespace(connection.getMetadata().getNamespace()).build());
        copy.setStatus(status);
        IdentityConnection written = context.getClient().resource(copy).patchStatus();
        if (written != null) {
            remember(context, written);
            connection.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        }
        return written;
    }

    /**
     * JOSDK caches the writes it makes itself, not these: without this, a pass that an event queues meanwhile starts
     * from the version the watch has not replaced yet, without the create intent or with it still pending (and then
     * reports a vendor-side delete as "Created", or cannot skip a connection whose inputs are unchanged).
     */
    private static void remember(Context<IdentityConnection> context, IdentityConnection written) {
        if (written == null) {
            return;
        }
        var primaries = context.eventSourceRetriever().getControllerEventSource();
        ResourceID id = ResourceID.fromResource(written);
        primaries.get(id).ifPresent(held -> primaries.handleRecentResourceUpdate(id, written, held));
    }

    private static Duration jitter(Duration interval) {
        long ms = interval.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(Math.max(1, ms / 10)));
    }

    /** Exponential backoff from how long the connection has been failing transiently, 5 s up to 5 min. */
    private Duration backoff(IdentityConnectionStatus before) {
        Optional<String> since = before == null ? Optional.empty()
                : Conditions.find(before.conditions, Conditions.SYNCED)
                .filter(c -> "False".equals(c.getStatus())).map(c -> c.getLastTransitionTime());
        long failingSeconds = since.map(t -> Duration.between(java.time.Instant.parse(t), clock.instant()).getSeconds())
                .orElse(0L);
        long base = Math.min(300, Math.max(5, failingSeconds));
        return Duration.ofMillis(base * 1000 + ThreadLocalRandom.current().nextLong(base * 250 + 1));
    }

    @Override
    public List<EventSource<?, IdentityConnection>> prepareEventSources(EventSourceContext<IdentityConnection> context) {
        var cache = context.getPrimaryCache();
        cache.addIndexer(SECRET_INDEX, c -> SecretReferences.of(c).stream()
                .map(name -> c.getMetadata().getNamespace() + "/" + name).collect(Collectors.toList()));
        cache.addIndexer(PLATFORM_INDEX, c -> c.getSpec().platformRef.kind() == PlatformRef.Kind.IdentityPlatform
                ? List.of(PlatformResolver.keyOf(c)) : List.of());
        cache.addIndexer(CLUSTER_PLATFORM_INDEX, c ->
                c.getSpec().platformRef.kind() == PlatformRef.Kind.ClusterIdentityPlatform
                        ? List.of(PlatformResolver.keyOf(c)) : List.of());

        secretStubs = referencedSecrets.newStore(key -> !cache.byIndex(SECRET_INDEX, key).isEmpty());
        var secrets = InformerEventSourceConfiguration.from(Secret.class, IdentityConnection.class)
                .withName("connection-secrets")
                .withItemStore(secretStubs)
                .withSecondaryToPrimaryMapper(s -> ids(cache.byIndex(SECRET_INDEX,
                        s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())))
                .build();
        var platforms = InformerEventSourceConfiguration.from(IdentityPlatform.class, IdentityConnection.class)
                .withName("connection-platforms")
                .withLabelSelector(shard.labelSelector().orElse(null))
                .withSecondaryToPrimaryMapper(p -> ids(cache.byIndex(PLATFORM_INDEX,
                        p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((IdentityConnection c) ->
                        c.getSpec().platformRef.kind() == PlatformRef.Kind.IdentityPlatform
                                ? Set.of(new ResourceID(c.getSpec().platformRef.name, c.getMetadata().getNamespace()))
                                : Set.of())
                .build();
        var clusterPlatforms = InformerEventSourceConfiguration
                .from(ClusterIdentityPlatform.class, IdentityConnection.class)
                .withName("connection-cluster-platforms")
                .withLabelSelector(shard.labelSelector().orElse(null))
                // Cluster-scoped: watched cluster-wide even when the controller watches only some namespaces.
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(p -> ids(cache.byIndex(CLUSTER_PLATFORM_INDEX, p.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((IdentityConnection c) ->
                        c.getSpec().platformRef.kind() == PlatformRef.Kind.ClusterIdentityPlatform
                                ? Set.of(new ResourceID(c.getSpec().platformRef.name)) : Set.of())
                .build();
        return List.of(new InformerEventSource<>(secrets, context), new InformerEventSource<>(platforms, context),
                new InformerEventSource<>(clusterPlatforms, context), new AdmissionWakeUps(admission),
                new PlatformUsersFeed(platformUsers, (key, clusterScoped) -> cache
                        .byIndex(clusterScoped ? CLUSTER_PLATFORM_INDEX : PLATFORM_INDEX, key).stream()
                        .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).toList()));
    }

    private static Set<ResourceID> ids(List<IdentityConnection> connections) {
        return connections.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
