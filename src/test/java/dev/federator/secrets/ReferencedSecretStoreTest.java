package dev.federator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferencedSecretStoreTest {
    private final Set<String> referenced = new HashSet<>();
    private final ReferencedSecrets secrets = new ReferencedSecrets(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    private final ReferencedSecretStore store = secrets.newStore(referenced::contains);

    private static Secret secret(String ns, String name, String rv) {
        return new SecretBuilder().withNewMetadata().withNamespace(ns).withName(name).withResourceVersion(rv)
                .withUid("uid-" + name).endMetadata().withData(Map.of("client-secret", "c2VjcmV0")).build();
    }

    @Test
    void anUnreferencedSecretIsNotKept() {
        assertThat(store.put("other/blob", secret("other", "blob", "1"))).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void aReferencedSecretIsKeptWithoutItsData() {
        referenced.add("team/client");
        store.put("team/client", secret("team", "client", "7"));
        Secret kept = store.get("team/client");
        assertThat(kept.getData()).isNullOrEmpty();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getMetadata().getUid()).isEqualTo("uid-client");
    }

    @Test
    void aSecretNoLongerReferencedIsDroppedOnItsNextChange() {
        referenced.add("team/client");
        store.put("team/client", secret("team", "client", "1"));
        referenced.clear();
        assertThat(store.put("team/client", secret("team", "client", "2"))).as("the old entry is handed back")
                .isNotNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void aSecretReadByAReconcileIsTrackedWhenReferencedSoItsDeletionIsSeen() {
        store.put("team/client", secret("team", "client", "1")); // announced before anything referenced it
        assertThat(store.size()).isZero();
        secrets.read(secret("team", "unrelated", "1"));
        referenced.add("team/client");
        secrets.read(secret("team", "client", "1"));
        assertThat(store.keySet().toList()).containsExactly("team/client");
        assertThat(store.get("team/client").getData()).isNullOrEmpty();
    }
}
