package dev.federator.connection;

import dev.federator.provider.spi.Reason;
import dev.federator.platform.PlatformProblem;
import dev.federator.shard.ShardGuard;
import dev.federator.shard.Shard;
import dev.federator.idp.RecheckRequests;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.platform.PlatformAdmission;
import dev.federator.platform.PlatformResolver;
import dev.federator.platform.PlatformUsers;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.secrets.ReferencedSecrets;
import dev.federator.serviceprovider.ServiceProviderConfigMaps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What brings a connection back: its Secrets, its platform (either kind), its turn in the platform's admission line,
 * changes in the platform's set of users, and its service-provider ConfigMap. Indexes the connections by what they
 * reference.
 */
@ApplicationScoped
public class ConnectionWatches {
    static final String SECRET_INDEX = "connection-secrets";
    static final String PLATFORM_INDEX = "connection-platform";
    static final String CLUSTER_PLATFORM_INDEX = "connection-cluster-platform";
    private final ReferencedSecrets referencedSecrets;
    private final PlatformAdmission admission;
    private final PlatformUsers platformUsers;
    private final PlatformResolver resolver;
    private final Shard shard;
    private final ShardGuard shardGuard;
    private final ServiceProviderConfigMaps serviceProviderConfigMaps;
    /** The Secret informer's store, created with the event sources: stubs with resourceVersions, no data. */
    private volatile ItemStore<Secret> secretStubs;

    public ConnectionWatches(ReferencedSecrets referencedSecrets, PlatformAdmission admission,
                             PlatformUsers platformUsers, PlatformResolver resolver, Shard shard,
                             ShardGuard shardGuard, ServiceProviderConfigMaps serviceProviderConfigMaps) {
        this.referencedSecrets = referencedSecrets;
        this.admission = admission;
        this.platformUsers = platformUsers;
        this.resolver = resolver;
        this.shard = shard;
        this.shardGuard = shardGuard;
        this.serviceProviderConfigMaps = serviceProviderConfigMaps;
    }

    ItemStore<Secret> secretStubs() { return secretStubs; }

    /** The connection's platform, as the platform watches last saw it. */
    ResolvedPlatform platform(IdentityConnection connection, Context<IdentityConnection> context) {
        try {
            return shardGuard.requireOwned(connection, resolver.resolve(connection,
                    context.getSecondaryResource(IdentityPlatform.class),
                    context.getSecondaryResource(ClusterIdentityPlatform.class)));
        } catch (PlatformProblem e) {
            // Not in this shard's informers may mean: in another shard. Say so rather than "not found".
            throw e.reason() == Reason.PlatformNotFound ? shardGuard.explainMissingPlatform(connection, e) : e;
        }
    }

    List<EventSource<?, IdentityConnection>> create(EventSourceContext<IdentityConnection> context) {
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
                new InformerEventSource<>(clusterPlatforms, context), new AdmissionWakeUps(admission), new RecheckRequests(),
                serviceProviderConfigMaps.eventSource(context),
                new PlatformUsersFeed(platformUsers, (key, clusterScoped) -> cache
                        .byIndex(clusterScoped ? CLUSTER_PLATFORM_INDEX : PLATFORM_INDEX, key).stream()
                        .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).toList()));
    }

    private static Set<ResourceID> ids(List<IdentityConnection> connections) {
        return connections.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
