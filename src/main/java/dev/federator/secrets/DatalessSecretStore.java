package dev.federator.secrets;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The Secret informer's cache: keeps only name, namespace and resourceVersion of each Secret. The watch still tells
 * us when a referenced Secret changes, but the operator's memory does not grow with the size or number of Secrets
 * in the cluster, and no secret value sits in the heap between reconciles.
 */
public class DatalessSecretStore extends BasicItemStore<Secret> {
    public DatalessSecretStore() { super(Cache::metaNamespaceKeyFunc); }

    @Override
    public Secret put(String key, Secret secret) {
        Secret stub = new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(secret.getMetadata().getName())
                        .withNamespace(secret.getMetadata().getNamespace())
                        .withUid(secret.getMetadata().getUid())
                        .withResourceVersion(secret.getMetadata().getResourceVersion())
                        .build())
                .build();
        return super.put(key, stub);
    }
}
