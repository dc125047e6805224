package dev.federator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Supplies the HMAC key for fingerprints from a Secret in the operator's namespace, creating it with 32 random
 * bytes on first start. Every replica reads the same Secret, so fingerprints agree across restarts and failovers.
 */
@ApplicationScoped
public class FingerprintKeyProvider {
    public static final String KEY = "hmac-key";
    private static final Logger LOG = Logger.getLogger(FingerprintKeyProvider.class);

    @Produces
    @Singleton
    Fingerprints fingerprints(KubernetesClient client,
                              @ConfigProperty(name = "federator.namespace") String namespace,
                              @ConfigProperty(name = "federator.fingerprint-key-secret") String secretName) {
        return new Fingerprints(loadOrCreate(client, namespace, secretName));
    }

    static byte[] loadOrCreate(KubernetesClient client, String namespace, String name) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
            if (existing != null && existing.getData() != null && existing.getData().get(KEY) != null) {
                return Base64.getDecoder().decode(existing.getData().get(KEY));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace)
                        .withLabels(Map.of("app.kubernetes.io/managed-by", "federator")).endMetadata()
                        .withType("Opaque")
                        .withData(Map.of(KEY, Base64.getEncoder().encodeToString(key)))
                        .build()).create();
                LOG.infof("created the fingerprint key Secret %s/%s", namespace, name);
                return key;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Another replica created it first: read theirs.
            }
        }
        throw new IllegalStateException("could not read or create Secret " + namespace + "/" + name);
    }
}
