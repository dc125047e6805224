package dev.federator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The Secret informers' stores, one per controller, so that a Secret read by any reconcile is tracked by every
 * controller that references it (see {@link ReferencedSecretStore#track}).
 */
@ApplicationScoped
public class ReferencedSecrets {
    private final List<ReferencedSecretStore> stores = new CopyOnWriteArrayList<>();

    /** A store for one controller's Secret informer; {@code referenced} tests {@code namespace/name} keys. */
    public ReferencedSecretStore newStore(Predicate<String> referenced) {
        ReferencedSecretStore store = new ReferencedSecretStore(referenced);
        stores.add(store);
        return store;
    }

    void read(Secret secret) {
        if (secret.getMetadata() != null && secret.getMetadata().getName() != null) {
            stores.forEach(store -> store.track(secret));
        }
    }
}
