package dev.federator.platform;

import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.ReferencedSecrets;
import dev.federator.status.StatusRecorder;
import dev.federator.shard.Shard;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.fabric8.kubernetes.api.model.Secret;
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
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Verifies a namespaced platform's credentials, again whenever its spec or one of its Secrets changes. */
@ControllerConfiguration(name = "identityplatform")
public class IdentityPlatformReconciler implements ConfigurableReconciler<IdentityPlatform>, Cleaner<IdentityPlatform> {
    static final String SECRET_INDEX = "platform-secrets";
    private final PlatformVerifier verifier;
    private final VendorClientCache clients;
    private final ReferencedSecrets referencedSecrets;
    private final PlatformUsers users;
    private final Shard shard;

    public IdentityPlatformReconciler(PlatformVerifier verifier, VendorClientCache clients,
                                      ReferencedSecrets referencedSecrets, PlatformUsers users, Shard shard) {
        this.shard = shard;
        this.users = users;
        this.verifier = verifier;
        this.clients = clients;
        this.referencedSecrets = referencedSecrets;
    }

    @Override
    public UpdateControl<IdentityPlatform> reconcile(IdentityPlatform platform, Context<IdentityPlatform> context) {
        if (!shard.owns(platform)) {
            return UpdateControl.noUpdate(); // relabelled away (a timer of ours still fired): its shard verifies it
        }
        String ns = platform.getMetadata().getNamespace();
        PlatformStatus before = platform.getStatus();
        PlatformStatus status = StatusRecorder.copy(before, PlatformStatus.class);
        var next = verifier.verify(() -> new ResolvedPlatform(ns + "/" + platform.getMetadata().getName(), platform,
                platform.getSpec(), PlatformAccounts.vendorOf(platform.getSpec()).orElseThrow(() ->
                new PlatformProblem(Reason.InvalidPlatform, "set exactly one vendor block")), ns),
                status, platform.getMetadata().getGeneration());
        return StatusRecorder.patchIfChanged(platform, before, status).rescheduleAfter(next);
    }

    /** Only this shard's platforms: exactly one shard verifies each platform and writes its status. */
    @Override
    public void updateConfigurationFrom(ControllerConfigurationOverrider<IdentityPlatform> configuration) {
        shard.labelSelector().ifPresent(selector -> configuration.withLabelSelector(selector)
                .withGenericFilter(shard::owns));
    }

    @Override
    public DeleteControl cleanup(IdentityPlatform platform, Context<IdentityPlatform> context) {
        if (!shard.owns(platform)) {
            return DeleteControl.noFinalizerRemoval(); // another shard's to delete
        }
        String key = platform.getMetadata().getNamespace() + "/" + platform.getMetadata().getName();
        return users.cleanup(platform, key, false, clients);
    }

    @Override
    public List<EventSource<?, IdentityPlatform>> prepareEventSources(EventSourceContext<IdentityPlatform> context) {
        context.getPrimaryCache().addIndexer(SECRET_INDEX, p -> PlatformAccounts.secretNames(p.getSpec()).stream()
                .map(name -> p.getMetadata().getNamespace() + "/" + name).collect(Collectors.toList()));
        var secrets = InformerEventSourceConfiguration.from(Secret.class, IdentityPlatform.class)
                .withName("platform-secrets")
                .withItemStore(referencedSecrets.newStore(
                        key -> !context.getPrimaryCache().byIndex(SECRET_INDEX, key).isEmpty()))
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .byIndex(SECRET_INDEX, secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName())
                        .stream().filter(Objects::nonNull).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(secrets, context));
    }
}
