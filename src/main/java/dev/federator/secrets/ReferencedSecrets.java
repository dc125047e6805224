package dev.federator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The Secret informers' stores, one per controller, so that a Secret read by any reconcile is tracked by every
 * controller that references it (see {@link ReferencedSecretStore#track}). The gauge
 * {@code federator_secrets_tracked} shows what they hold: it follows the referenced Secrets, not the cluster's.
 */
@ApplicationScoped
public class ReferencedSecrets {
    public static final String TRACKED = "federator.secrets.tracked";

    private final List<ReferencedSecretStore> stores = new CopyOnWriteArrayList<>();

    public ReferencedSecrets(MeterRegistry registry) {
        Gauge.builder(TRACKED, stores, all -> all.stream().mapToInt(ReferencedSecretStore::size).sum())
                .description("Secrets the operator's informers hold (name and resource version only), summed over "
                        + "its controllers: those referenced by a connection or platform")
                .register(registry);
    }

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
