package dev.federator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Platforms, Secrets and ConfigMaps given as files (--platforms, --secrets, or among the manifests, as a
 * {@code kustomize build} prints them): a CI job with credentials needs no cluster.
 */
final class LocalObjects implements ObjectSource {
    private final Map<String, ObjectNode> byKey = new HashMap<>();
    private final String defaultNamespace;

    LocalObjects(String defaultNamespace) { this.defaultNamespace = defaultNamespace; }

    void add(ObjectNode doc) {
        String kind = doc.path("kind").asText();
        String ns = kind.equals("ClusterIdentityPlatform") ? "" : namespaceOf(doc, defaultNamespace);
        byKey.put(key(kind, ns, doc.path("metadata").path("name").asText()), doc);
    }

    static String namespaceOf(ObjectNode doc, String defaultNamespace) {
        String ns = doc.path("metadata").path("namespace").asText("");
        return ns.isEmpty() ? defaultNamespace : ns;
    }

    private <T> Optional<T> get(Class<T> type, String kind, String ns, String name) {
        ObjectNode doc = byKey.get(key(kind, ns, name));
        if (doc == null) {
            return Optional.empty();
        }
        ObjectNode copy = doc.deepCopy();
        if (!ns.isEmpty()) {
            copy.with("metadata").put("namespace", ns);
        }
        return Optional.of(Serialization.jsonMapper().convertValue(copy, type));
    }

    private static String key(String kind, String ns, String name) { return kind + "/" + ns + "/" + name; }

    public Optional<IdentityPlatform> platform(String ns, String name) {
        return get(IdentityPlatform.class, "IdentityPlatform", ns, name);
    }

    public Optional<ClusterIdentityPlatform> clusterPlatform(String name) {
        return get(ClusterIdentityPlatform.class, "ClusterIdentityPlatform", "", name);
    }

    public Optional<Secret> secret(String ns, String name) { return get(Secret.class, "Secret", ns, name); }

    public Optional<ConfigMap> configMap(String ns, String name) { return get(ConfigMap.class, "ConfigMap", ns, name); }

    public Optional<IdentityConnection> connection(String ns, String name) { return Optional.empty(); }

    public List<IdentityConnection> connections(String ns) { return List.of(); }

    public boolean live() { return false; }
}
