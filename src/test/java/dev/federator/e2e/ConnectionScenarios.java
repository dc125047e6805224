package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.DeletionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End-to-end behaviour of a Keycloak connection, through the packaged operator and a Kubernetes API. Subclasses
 * supply the Keycloak or Keycloak-based platform (simulator or real server, Keycloak or ezto auth) and the
 * Kubernetes API (mock or a real cluster).
 */
abstract class ConnectionScenarios {
    protected abstract KeycloakBackend backend();

    protected abstract KubernetesClient kube();

    /** A namespace of the test's own, so scenarios never see each other's resources. */
    protected abstract String newNamespace();

    protected String ns;
    protected String realm;

    @BeforeEach
    void freshNamespaceAndRealm() {
        ns = newNamespace();
        realm = backend().newRealm();
        kube().resource(Manifests.secret(ns, "kc-credentials", backend().credentials())).create();
        kube().resource(backend().platform(ns, "kc", realm, "kc-credentials")).create();
        await("platform Ready").untilAsserted(() -> assertThat(readyReason(kube().resources(IdentityPlatform.class)
                .inNamespace(ns).withName("kc").get().getStatus() == null ? List.of()
                : kube().resources(IdentityPlatform.class).inNamespace(ns).withName("kc").get().getStatus().conditions))
                .isEqualTo("True/Verified"));
    }

    static ConditionFactory await(String what) {
        return org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
    }

    protected IdentityConnection get(String name) { return ConnectionProbe.get(kube(), ns, name); }

    private static String readyReason(List<Condition> conditions) { return ConnectionProbe.ready(conditions); }

    /** "pending" until the status reflects the current generation, then Ready's "status/reason". */
    protected String ready(String name) { return ConnectionProbe.ready(kube(), ns, name); }

    protected Optional<JsonNode> remote(String alias) { return backend().identityProvider(realm, alias); }

    protected IdentityConnection createOidc(String name, String secretValue) {
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", secretValue))).create();
        return kube().resource(Manifests.oidc(ns, name, "kc", name + "-client")).create();
    }

    private List<String> eventReasons(String name) {
        return kube().v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    @Test
    void createUpdateRotateAndDelete() {
        String name = "corp-" + UUID.randomUUID().toString().substring(0, 6);
        createOidc(name, "first-secret");
        await("created and Ready").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
        JsonNode created = remote(name).orElseThrow();
        assertThat(created.path("config").path("clientId").asText()).isEqualTo("client-" + name);
        assertThat(created.path("config").path("clientSecret").asText()).isNotBlank();
        assertThat(get(name).getStatus().externalId).isNotBlank();
        await("Created event").untilAsserted(() -> assertThat(eventReasons(name)).contains("Created"));
        backend().storedSecret(realm, name).ifPresent(s -> assertThat(s).isEqualTo("first-secret"));

        Manifests.editConnection(kube(), ns, name, c -> { c.getSpec().displayName = "Renamed"; });
        await("display name updated").untilAsserted(() ->
                assertThat(remote(name).orElseThrow().path("displayName").asText()).isEqualTo("Renamed"));

        String fingerprint = get(name).getStatus().secretFingerprints.get("config.clientSecret");
        kube().secrets().inNamespace(ns).withName(name + "-client")
                .edit(s -> { s.setData(null); s.setStringData(Map.of("client-secret", "rotated-secret")); return s; });
        await("rotated secret written").untilAsserted(() -> {
            assertThat(get(name).getStatus().secretFingerprints.get("config.clientSecret")).isNotEqualTo(fingerprint);
            backend().storedSecret(realm, name).ifPresent(s -> assertThat(s).isEqualTo("rotated-secret"));
        });
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(get(name).getStatus())).doesNotContain("rotated-secret");

        kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).delete();
        await("deleted on the vendor").untilAsserted(() -> {
            assertThat(remote(name)).isEmpty();
            assertThat(get(name)).isNull();
        });
    }

    @Test
    void anOutOfBandEditIsReverted() {
        String name = "drift-" + UUID.randomUUID().toString().substring(0, 6);
        createOidc(name, "s");
        await("Ready").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
        backend().editOutOfBand(realm, name, idp -> {
            idp.put("displayName", "Edited in the console");
            ((ObjectNode) idp.path("config")).put("tokenUrl", "https://evil.example.com/token");
        });
        await("reverted").untilAsserted(() -> {
            JsonNode idp = remote(name).orElseThrow();
            assertThat(idp.path("displayName").asText()).isEqualTo("Partner " + name);
            assertThat(idp.path("config").path("tokenUrl").asText()).isEqualTo("https://idp.example.com/token");
        });
        // The event follows the vendor write; on a busy machine it can land a moment after the revert is visible.
        await("Updated event").untilAsserted(() -> assertThat(eventReasons(name)).contains("Updated"));
        backend().storedSecret(realm, name).ifPresent(s -> assertThat(s).isEqualTo("s"));
    }

    @Test
    void observeOnlyReportsDriftAndNeverWrites() {
        String name = "observe-" + UUID.randomUUID().toString().substring(0, 6);
        ObjectNode foreign = foreign(name, "Set by hand");
        backend().createDirectly(realm, foreign);
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "s"))).create();
        IdentityConnection c = Manifests.oidc(ns, name, "kc", name + "-client");
        c.getSpec().managementPolicy = ManagementPolicy.ObserveOnly;
        kube().resource(c).create();
        await("drift reported").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("False/DriftDetected");
            assertThat(get(name).getStatus().drift).contains("displayName", "config.clientId");
        });
        JsonNode after = remote(name).orElseThrow();
        assertThat(after.path("displayName").asText()).isEqualTo("Set by hand");
        assertThat(after.path("config").has("federatorOwnerId")).isFalse();
    }

    @Test
    void aForeignConnectionIsAdoptedOnlyWhenAllowed() {
        String name = "adopt-" + UUID.randomUUID().toString().substring(0, 6);
        backend().createDirectly(realm, foreign(name, "Theirs"));
        createOidc(name, "s");
        await("conflict reported").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/AlreadyExists"));
        assertThat(remote(name).orElseThrow().path("displayName").asText()).isEqualTo("Theirs");

        Manifests.editConnection(kube(), ns, name, x -> { x.getSpec().adoption = AdoptionPolicy.IfExists; });
        await("adopted").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("True/InSync");
            assertThat(remote(name).orElseThrow().path("displayName").asText()).isEqualTo("Partner " + name);
        });
        await("Adopted event").untilAsserted(() -> assertThat(eventReasons(name)).contains("Adopted"));
    }

    @Test
    void orphanLeavesTheRemoteConnection() {
        String name = "orphan-" + UUID.randomUUID().toString().substring(0, 6);
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "s"))).create();
        IdentityConnection c = Manifests.oidc(ns, name, "kc", name + "-client");
        c.getSpec().deletionPolicy = DeletionPolicy.Orphan;
        kube().resource(c).create();
        await("Ready").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
        kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).delete();
        await("resource gone").untilAsserted(() -> assertThat(get(name)).isNull());
        assertThat(remote(name)).isPresent();
    }

    @Test
    void aMissingSecretIsReportedAndConvergesWhenItAppears() {
        String name = "late-" + UUID.randomUUID().toString().substring(0, 6);
        kube().resource(Manifests.oidc(ns, name, "kc", name + "-client")).create();
        await("SecretNotFound").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/SecretNotFound"));
        assertThat(remote(name)).isEmpty();
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "s"))).create();
        await("converged").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
    }

    private static ObjectNode foreign(String alias, String displayName) {
        ObjectNode idp = dev.federator.provider.kit.JsonTree.object();
        idp.put("alias", alias).put("providerId", "oidc").put("displayName", displayName).put("enabled", true);
        idp.putObject("config").put("clientId", "someone-else").put("authorizationUrl", "https://x.example.com/a")
                .put("tokenUrl", "https://x.example.com/t").put("clientAuthMethod", "client_secret_post");
        return idp;
    }
}
