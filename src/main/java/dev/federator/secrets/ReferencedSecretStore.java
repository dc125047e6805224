package dev.federator.secrets;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.Predicate;

/**
 * A Secret informer's cache that holds only the Secrets its controller references, and of those only name,
 * namespace, uid and resourceVersion. A cluster with 10,000 unrelated Secrets costs the operator nothing beyond
 * the watch traffic, and no secret value sits in the heap between reconciles.
 *
 * <p>An unreferenced Secret still passes through: the informer announces it as added and the controller maps it to
 * no resource. When a resource starts referencing a Secret that exists already, the next write to that Secret is
 * announced as an add, and {@link #track} lets a reconcile that read the Secret keep its deletion visible too.
 */
public class ReferencedSecretStore extends BasicItemStore<Secret> {
    private final Predicate<String> referenced;

    /** @param referenced whether a {@code namespace/name} key is referenced by some resource of the controller */
    public ReferencedSecretStore(Predicate<String> referenced) {
        super(Cache::metaNamespaceKeyFunc);
        this.referenced = referenced;
    }

    @Override
    public Secret put(String key, Secret secret) {
        if (!referenced.test(key)) {
            return remove(key);
        }
        return super.put(key, stub(secret));
    }

    /** Keeps a Secret a reconcile has just read, if it is referenced and not yet held, so its deletion is seen. */
    void track(Secret secret) {
        String key = Cache.metaNamespaceKeyFunc(secret);
        if (get(key) == null && referenced.test(key)) {
            super.put(key, stub(secret));
        }
    }

    private static Secret stub(Secret secret) {
        return new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(secret.getMetadata().getName())
                        .withNamespace(secret.getMetadata().getNamespace())
                        .withUid(secret.getMetadata().getUid())
                        .withResourceVersion(secret.getMetadata().getResourceVersion())
                        .build())
                .build();
    }
}
