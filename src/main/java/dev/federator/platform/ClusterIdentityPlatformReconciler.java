package dev.federator.platform;

import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.ReferencedSecrets;
import dev.federator.status.StatusRecorder;
import dev.federator.shard.Shard;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Verifies a cluster-scoped platform, whose Secrets live in the operator's namespace. Watched cluster-wide even when
 * the operator watches only some namespaces (QUARKUS_OPERATOR_SDK_NAMESPACES): naming the namespaces here makes QOSDK
 * ignore the operator-wide list, which would otherwise make it watch a cluster-scoped kind "in" those namespaces and
 * see none of it.
 */
@ControllerConfiguration(name = "clusteridentityplatform",
        informer = @Informer(namespaces = Constants.WATCH_ALL_NAMESPACES))
public class ClusterIdentityPlatformReconciler
        implements ConfigurableReconciler<ClusterIdentityPlatform>, Cleaner<ClusterIdentityPlatform> {
    static final String SECRET_INDEX = "cluster-platform-secrets";
    private final PlatformVerifier verifier;
    private final VendorClientCache clients;
    private final PlatformResolver resolver;
    private final ReferencedSecrets referencedSecrets;
    private final PlatformUsers users;
    private final Shard shard;

    public ClusterIdentityPlatformReconciler(PlatformVerifier verifier, VendorClientCache clients,
                                             PlatformResolver resolver, ReferencedSecrets referencedSecrets,
                                             PlatformUsers users, Shard shard) {
        this.shard = shard;
        this.users = users;
        this.referencedSecrets = referencedSecrets;
        this.verifier = verifier;
        this.clients = clients;
        this.resolver = resolver;
    }

    @Override
    public UpdateControl<ClusterIdentityPlatform> reconcile(ClusterIdentityPlatform platform,
                                                            Context<ClusterIdentityPlatform> context) {
        if (!shard.owns(platform)) {
            return UpdateControl.noUpdate(); // relabelled away (a timer of ours still fired): its shard verifies it
        }
        PlatformStatus before = platform.getStatus();
        PlatformStatus status = StatusRecorder.copy(before, PlatformStatus.class);
        var next = verifier.verify(() -> new ResolvedPlatform(platform.getMetadata().getName(), platform,
                platform.getSpec(), PlatformAccounts.vendorOf(platform.getSpec()).orElseThrow(() ->
                new PlatformProblem(Reason.InvalidPlatform, "set exactly one vendor block")),
                resolver.operatorNamespace()), status, platform.getMetadata().getGeneration());
        return StatusRecorder.patchIfChanged(platform, before, status).rescheduleAfter(next);
    }

    /** Only this shard's platforms: exactly one shard verifies each platform and writes its status. */
    @Override
    public void updateConfigurationFrom(ControllerConfigurationOverrider<ClusterIdentityPlatform> configuration) {
        shard.labelSelector().ifPresent(selector -> configuration.withLabelSelector(selector)
                .withGenericFilter(shard::owns));
    }

    @Override
    public DeleteControl cleanup(ClusterIdentityPlatform platform, Context<ClusterIdentityPlatform> context) {
        if (!shard.owns(platform)) {
            return DeleteControl.noFinalizerRemoval(); // another shard's to delete
        }
        String key = platform.getMetadata().getName();
        return users.cleanup(platform, key, true, clients);
    }

    @Override
    public List<EventSource<?, ClusterIdentityPlatform>> prepareEventSources(
            EventSourceContext<ClusterIdentityPlatform> context) {
        context.getPrimaryCache().addIndexer(SECRET_INDEX, p -> List.copyOf(PlatformAccounts.secretNames(p.getSpec())));
        var secrets = InformerEventSourceConfiguration.from(Secret.class, ClusterIdentityPlatform.class)
                .withName("cluster-platform-secrets")
                .withNamespaces(java.util.Set.of(resolver.operatorNamespace()))
                .withItemStore(referencedSecrets.newStore(key -> key.startsWith(resolver.operatorNamespace() + "/")
                        && !context.getPrimaryCache().byIndex(SECRET_INDEX,
                                key.substring(resolver.operatorNamespace().length() + 1)).isEmpty()))
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .byIndex(SECRET_INDEX, secret.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(secrets, context));
    }
}
