package dev.federator.serviceprovider;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.ServiceProviderConfigMapRef;
import dev.federator.api.v1alpha1.ServiceProviderStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The opt-in {@code spec.serviceProviderConfigMap}: status.serviceProvider as ConfigMap data, for tools that should
 * not read custom resources (a portal that mails the values to the customer). Created owned by the connection, so
 * Kubernetes deletes it with the connection; written only when its content differs from what the informer holds, so a
 * drift check that changes nothing writes nothing; created again when deleted (the informer brings the connection
 * back). A ConfigMap of that name that is not ours is never written.
 */
@ApplicationScoped
public class ServiceProviderConfigMaps {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "federator";
    /** Names the connection, for people and selectors; the owner reference is what links them. */
    public static final String CONNECTION_LABEL = "federator.dev/connection";
    private static final int LABEL_VALUE_MAX = 63;
    private volatile InformerEventSource<ConfigMap, IdentityConnection> informer;

    /** Our ConfigMaps only (label-selected), mapped to their connection by the controller owner reference. */
    public EventSource<?, IdentityConnection> eventSource(EventSourceContext<IdentityConnection> context) {
        var configuration = InformerEventSourceConfiguration.from(ConfigMap.class, IdentityConnection.class)
                .withName("service-provider-configmaps")
                .withLabelSelector(MANAGED_BY + "=" + MANAGER)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(IdentityConnection.class))
                .withPrimaryToSecondaryMapper((IdentityConnection c) -> c.getSpec().serviceProviderConfigMap == null
                        ? Set.of()
                        : Set.of(new ResourceID(c.getSpec().serviceProviderConfigMap.name, c.getMetadata().getNamespace())))
                .build();
        informer = new InformerEventSource<>(configuration, context);
        return informer;
    }

    /**
     * Makes the connection's ConfigMap hold {@code values}, when the spec asks for one and any value is known.
     *
     * @throws ReconcileFailure {@link Reason#ConfigMapNotOwned} when a ConfigMap of that name exists and is not ours
     */
    public void publish(KubernetesClient client, IdentityConnection connection, ServiceProviderStatus values) {
        ServiceProviderConfigMapRef ref = connection.getSpec().serviceProviderConfigMap;
        if (ref == null || values == null || informer == null) {
            return;
        }
        String namespace = connection.getMetadata().getNamespace();
        ConfigMap desired = desired(connection, ref.name, values);
        Optional<ConfigMap> current = informer.get(new ResourceID(ref.name, namespace));
        if (current.isEmpty()) {
            try {
                ConfigMap created = client.configMaps().inNamespace(namespace).resource(desired).create();
                informer.handleRecentResourceCreate(ResourceID.fromResource(created), created);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw notOwned(connection, ref.name); // not labelled as ours, so not in the informer
                }
                throw e;
            }
            return;
        }
        ConfigMap held = current.get();
        if (!ownedBy(held, connection)) {
            throw notOwned(connection, ref.name);
        }
        if (Objects.equals(held.getData(), desired.getData())
                && held.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())) {
            return;
        }
        desired.getMetadata().setResourceVersion(held.getMetadata().getResourceVersion());
        ConfigMap updated = client.configMaps().inNamespace(namespace).resource(desired).update();
        informer.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, held);
    }

    static ConfigMap desired(IdentityConnection connection, String name, ServiceProviderStatus values) {
        // No blockOwnerDeletion: it would need a grant on identityconnections/finalizers, and background deletion
        // of the connection's dependents needs none.
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion(connection.getApiVersion())
                .withKind(connection.getKind()).withName(connection.getMetadata().getName())
                .withUid(connection.getMetadata().getUid()).withController(true).build();
        return new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace(connection.getMetadata().getNamespace())
                .withLabels(Map.of(MANAGED_BY, MANAGER, CONNECTION_LABEL, labelValue(connection.getMetadata().getName())))
                .withOwnerReferences(owner).endMetadata()
                .withData(ServiceProviderValues.data(values)).build();
    }

    static boolean ownedBy(ConfigMap map, IdentityConnection connection) {
        return map.getMetadata().getOwnerReferences().stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
                && connection.getMetadata().getUid().equals(o.getUid()));
    }

    /** Object names may be longer than a label value: the first 63 characters, ending in a letter or digit. */
    static String labelValue(String name) {
        String value = name.length() > LABEL_VALUE_MAX ? name.substring(0, LABEL_VALUE_MAX) : name;
        return value.replaceAll("[^A-Za-z0-9]+$", "");
    }

    private static ReconcileFailure notOwned(IdentityConnection connection, String name) {
        return new ConfigMapNotOwned("ConfigMap " + connection.getMetadata().getNamespace() + "/" + name
                + " named by spec.serviceProviderConfigMap exists and was not created by this connection; Federator "
                + "leaves it as it is: delete it, or name another ConfigMap");
    }

    /** A failure of the pass' publishing step; the vendor side of the pass is done by then. */
    static final class ConfigMapNotOwned extends ReconcileFailure {
        ConfigMapNotOwned(String message) { super(Reason.ConfigMapNotOwned, message, null); }
    }
}
