package dev.federator.secrets;

import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads Secret values straight from the API server when a reconcile needs them. The informers keep no Secret data
 * (see {@link ReferencedSecretStore}), so values live only as long as one reconcile.
 */
@ApplicationScoped
public class SecretReader {
    private final KubernetesClient client;
    private final ReferencedSecrets referenced;

    public SecretReader(KubernetesClient client, ReferencedSecrets referenced) {
        this.client = client;
        this.referenced = referenced;
    }

    public Secret secret(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new SecretProblem(Reason.SecretNotFound, "Secret " + namespace + "/" + name
                    + " does not exist; create it (the connection converges as soon as it appears)");
        }
        referenced.read(secret);
        return secret;
    }

    public SecretValue value(String namespace, String name, String key) {
        return value(namespace, name, key, new java.util.HashMap<>());
    }

    /**
     * @param versionsRead gets the resourceVersion of the Secret read, under its name: what a result was computed
     *     from, as opposed to what the informer holds by the time the result is recorded
     */
    public SecretValue value(String namespace, String name, String key, java.util.Map<String, String> versionsRead) {
        Secret secret = secret(namespace, name);
        versionsRead.put(name, secret.getMetadata().getResourceVersion());
        return value(secret, key)
                .orElseThrow(() -> new SecretProblem(Reason.SecretKeyNotFound, "Secret " + namespace + "/" + name
                        + " has no key '" + key + "'; add it or fix the key in the reference"));
    }

    /** Keys of the Secret; stringData counts too, since not every API server folds it into data on write. */
    public static java.util.Set<String> keys(Secret secret) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    public static java.util.Optional<SecretValue> value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return java.util.Optional.of(SecretValue.of(new String(Base64.getDecoder().decode(secret.getData().get(key)),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return java.util.Optional.of(SecretValue.of(secret.getStringData().get(key)));
        }
        return java.util.Optional.empty();
    }
}
