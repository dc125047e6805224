package dev.federator.cli;

import dev.federator.api.v1alpha1.DeletionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.cli.ConnectionPlan.Action;
import dev.federator.platform.PlatformResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Connections the cluster holds that the manifests no longer contain, in the manifests' namespaces and on the
 * platforms they use: what an apply with pruning (Argo CD, Flux, kubectl apply --prune) deletes.
 */
final class Deletions {
    private Deletions() {}

    static List<ConnectionPlan> of(ObjectSource cluster, List<IdentityConnection> manifests) {
        List<ConnectionPlan> plans = new ArrayList<>();
        if (!cluster.live()) {
            return plans;
        }
        Set<String> namespaces = new TreeSet<>();
        Set<String> platforms = new TreeSet<>();
        Set<String> kept = new TreeSet<>();
        for (IdentityConnection c : manifests) {
            namespaces.add(c.getMetadata().getNamespace());
            platforms.add(PlatformResolver.keyOf(c));
            kept.add(c.getMetadata().getNamespace() + "/" + c.getMetadata().getName());
        }
        for (String ns : namespaces) {
            for (IdentityConnection c : cluster.connections(ns)) {
                String platform = PlatformResolver.keyOf(c);
                if (!platforms.contains(platform) || kept.contains(ns + "/" + c.getMetadata().getName())) {
                    continue;
                }
                boolean orphan = c.getSpec().deletionPolicy() == DeletionPolicy.Orphan;
                plans.add(new ConnectionPlan(ns, c.getMetadata().getName(), platform, null, c.remoteName(),
                        Action.delete, List.of(), orphan ? "Orphan" : "Delete", orphan
                        ? "deletionPolicy Orphan: the resource goes, the vendor's connection stays"
                        : "not in the manifests: pruning the resource deletes the connection on the vendor"));
            }
        }
        return plans;
    }
}
