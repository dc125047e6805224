package dev.federator.cli;

import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** The cluster of the current kubeconfig, through get and list only: the CLI never writes to it. */
final class LiveCluster implements ObjectSource {
    private final KubernetesClient client;

    LiveCluster(KubernetesClient client) { this.client = client; }

    KubernetesClient client() { return client; }

    public Optional<IdentityPlatform> platform(String ns, String name) {
        return Optional.ofNullable(client.resources(IdentityPlatform.class).inNamespace(ns).withName(name).get());
    }

    public Optional<ClusterIdentityPlatform> clusterPlatform(String name) {
        return Optional.ofNullable(client.resources(ClusterIdentityPlatform.class).withName(name).get());
    }

    public Optional<Secret> secret(String ns, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(ns).withName(name).get());
    }

    public Optional<ConfigMap> configMap(String ns, String name) {
        return Optional.ofNullable(client.configMaps().inNamespace(ns).withName(name).get());
    }

    public Optional<IdentityConnection> connection(String ns, String name) {
        return Optional.ofNullable(client.resources(IdentityConnection.class).inNamespace(ns).withName(name).get());
    }

    public List<IdentityConnection> connections(String ns) {
        return client.resources(IdentityConnection.class).inNamespace(ns).list().getItems();
    }

    public boolean live() { return true; }
}
