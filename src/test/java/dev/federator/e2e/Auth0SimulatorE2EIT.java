package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.auth0.Auth0Simulator;
import dev.federator.provider.kit.JsonTree;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Auth0 through the packaged operator, the mock Kubernetes API and the Auth0 simulator. */
class Auth0SimulatorE2EIT {
    private static SandboxEnvironment env;
    private static Auth0Simulator auth0;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "auth0-simulator-operator.log"));
        env.startOperator(Map.of());
        auth0 = env.simulators().auth0();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    static ConditionFactory await(String what) {
        return org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
    }

    private static KubernetesClient kube() { return env.client(); }

    private static String namespace() {
        String ns = "a0-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        return ns;
    }

    private static String ready(List<Condition> conditions) {
        return conditions == null ? "none" : conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .map(c -> c.getStatus() + "/" + c.getReason()).orElse("none");
    }

    private static String ready(String ns, String name) {
        IdentityConnection c = kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).get();
        return c == null || c.getStatus() == null
                || !c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)
                ? "pending" : ready(c.getStatus().conditions);
    }

    private static Condition platformReady(String ns, String name) {
        IdentityPlatform p = kube().resources(IdentityPlatform.class).inNamespace(ns).withName(name).get();
        return p == null || p.getStatus() == null ? null : p.getStatus().conditions.stream()
                .filter(c -> c.getType().equals("Ready")).findFirst().orElse(null);
    }

    /** A platform pointing at the simulator, with its own machine-to-machine application. */
    private static void platform(String ns, String clientId, String secret) {
        kube().resource(Manifests.secret(ns, "auth0-credentials", Map.of("client-id", clientId,
                "client-secret", secret))).create();
        kube().resource(Manifests.auth0Platform(ns, "auth0", auth0.baseUrl(), "auth0-credentials")).create();
    }

    private static IdentityConnection oidc(String ns, String name) {
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "s-" + name))).create();
        return kube().resource(Manifests.oidc(ns, name, "auth0", name + "-client")).create();
    }

    @Test
    void everySampleConvergesAndUpdatesKeepServerManagedKeys() {
        String ns = namespace();
        List<IdentityConnection> applied = env.applySamples(Path.of("samples", "auth0"), ns);
        assertThat(applied).hasSize(5);
        for (IdentityConnection c : applied) {
            await(c.getMetadata().getName() + " Ready").untilAsserted(() ->
                    assertThat(ready(ns, c.getMetadata().getName())).isEqualTo("True/InSync"));
        }
        ObjectNode saml = auth0.connection("corp-adfs").orElseThrow();
        assertThat(saml.path("strategy").asText()).isEqualTo("samlp");
        String thumbprints = saml.path("options").path("thumbprints").toString();
        String googleToken = auth0.connection("corp-google").orElseThrow().path("options")
                .path("admin_refresh_token").asText();

        for (String name : List.of("auth0-adfs-saml", "auth0-google")) {
            Manifests.editConnection(kube(), ns, name, c -> { c.getSpec().displayName = "Renamed"; });
        }
        await("updated").untilAsserted(() -> {
            assertThat(auth0.connection("corp-adfs").orElseThrow().path("display_name").asText()).isEqualTo("Renamed");
            assertThat(auth0.connection("corp-google").orElseThrow().path("display_name").asText())
                    .isEqualTo("Renamed");
        });
        assertThat(auth0.connection("corp-adfs").orElseThrow().path("options").path("thumbprints").toString())
                .isEqualTo(thumbprints);
        assertThat(auth0.connection("corp-google").orElseThrow().path("options").path("admin_refresh_token")
                .asText()).isNotEmpty().isEqualTo(googleToken);
    }

    @Test
    void anExistingConnectionIsAdoptedOnlyWhenAllowed() {
        String ns = namespace();
        platform(ns, SimulatorFleet.AUTH0_CLIENT_ID, SimulatorFleet.AUTH0_CLIENT_SECRET);
        String name = "legacy-" + UUID.randomUUID().toString().substring(0, 6);
        ObjectNode legacy = JsonTree.object().put("name", name).put("strategy", "oidc").put("display_name", "Old");
        legacy.putObject("options").put("client_id", "old").put("discovery_url", "https://old.example.com");
        auth0.putDirect(legacy);
        IdentityConnection created = oidc(ns, name);
        await("refused").untilAsserted(() -> assertThat(ready(ns, name)).isEqualTo("False/AlreadyExists"));
        assertThat(auth0.connection(name).orElseThrow().path("display_name").asText()).isEqualTo("Old");

        Manifests.editConnection(kube(), ns, name, c -> { c.getSpec().adoption = AdoptionPolicy.IfExists; });
        await("adopted").untilAsserted(() -> assertThat(ready(ns, name)).isEqualTo("True/InSync"));
        ObjectNode adopted = auth0.connection(name).orElseThrow();
        assertThat(adopted.path("display_name").asText()).isEqualTo("Partner " + name);
        assertThat(adopted.path("metadata").path("federator_owner").asText()).isEqualTo(created.getMetadata().getUid());
        assertThat(adopted.path("options").path("oidc_metadata").isObject()).isTrue();
    }

    @Test
    void deletionWaitsForAuth0sAsynchronousDelete() {
        String ns = namespace();
        platform(ns, SimulatorFleet.AUTH0_CLIENT_ID, SimulatorFleet.AUTH0_CLIENT_SECRET);
        String name = "gone-" + UUID.randomUUID().toString().substring(0, 6);
        oidc(ns, name);
        await("Ready").untilAsserted(() -> assertThat(ready(ns, name)).isEqualTo("True/InSync"));
        auth0.withDeletionDelay(Duration.ofSeconds(4), Duration.ofSeconds(1));
        try {
            kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).delete();
            await("Auth0 deleting").until(() -> auth0.deleting(name));
            assertThat(kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).get())
                    .as("the finalizer holds while Auth0 still shows the connection").isNotNull();
            await("resource gone after the connection").untilAsserted(() -> {
                assertThat(kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).get()).isNull();
                assertThat(auth0.connections().stream().filter(c -> c.path("name").asText().equals(name)
                        && !c.path("_deleting").asBoolean())).isEmpty();
            });
        } finally {
            auth0.withDeletionDelay(Duration.ofMillis(500), Duration.ofMillis(500));
        }
    }

    @Test
    void wrongSecretAndMissingScopesShowOnThePlatform() {
        String ns = namespace();
        platform(ns, SimulatorFleet.AUTH0_CLIENT_ID, "not-the-secret");
        await("bad secret").untilAsserted(() -> {
            Condition c = platformReady(ns, "auth0");
            assertThat(c).isNotNull();
            assertThat(c.getStatus() + "/" + c.getReason()).isEqualTo("False/InvalidCredentials");
            assertThat(c.getMessage()).contains("client-secret").doesNotContain("not-the-secret");
        });

        String ns2 = namespace();
        auth0.withClient("reader-" + ns2, "r", List.of("read:connections", "create:connections"));
        platform(ns2, "reader-" + ns2, "r");
        await("missing scopes").untilAsserted(() -> {
            Condition c = platformReady(ns2, "auth0");
            assertThat(c).isNotNull();
            assertThat(c.getReason()).isEqualTo("MissingScope");
            assertThat(c.getMessage()).contains("read:connections_options", "update:connections_options");
        });
    }
}
