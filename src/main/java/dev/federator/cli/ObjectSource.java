package dev.federator.cli;

import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;

/** Where the CLI reads platforms, Secrets and existing connections: given files, the cluster, or both. Read-only. */
interface ObjectSource {
    Optional<IdentityPlatform> platform(String namespace, String name);

    Optional<ClusterIdentityPlatform> clusterPlatform(String name);

    Optional<Secret> secret(String namespace, String name);

    Optional<ConfigMap> configMap(String namespace, String name);

    /** The connection as the cluster holds it (uid, status), when this source is a cluster. */
    Optional<IdentityConnection> connection(String namespace, String name);

    /** Every connection the cluster holds in the namespace; empty without a cluster. */
    List<IdentityConnection> connections(String namespace);

    /** Whether this source sees the cluster (its connections, statuses and the operator's fingerprint key). */
    boolean live();

    /** {@code first}'s objects where it has them, else {@code then}'s. */
    static ObjectSource layered(ObjectSource first, ObjectSource then) {
        return new ObjectSource() {
            public Optional<IdentityPlatform> platform(String ns, String name) {
                return first.platform(ns, name).or(() -> then.platform(ns, name));
            }

            public Optional<ClusterIdentityPlatform> clusterPlatform(String name) {
                return first.clusterPlatform(name).or(() -> then.clusterPlatform(name));
            }

            public Optional<Secret> secret(String ns, String name) {
                return first.secret(ns, name).or(() -> then.secret(ns, name));
            }

            public Optional<ConfigMap> configMap(String ns, String name) {
                return first.configMap(ns, name).or(() -> then.configMap(ns, name));
            }

            public Optional<IdentityConnection> connection(String ns, String name) {
                return first.connection(ns, name).or(() -> then.connection(ns, name));
            }

            public List<IdentityConnection> connections(String ns) {
                return first.live() ? first.connections(ns) : then.connections(ns);
            }

            public boolean live() { return first.live() || then.live(); }
        };
    }
}
