package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.slashid.SlashIdSimulator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SlashID through the packaged operator, the mock Kubernetes API and the SlashID simulator. */
class SlashIdSimulatorE2EIT {
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("slashid-simulator", Map.of());
    private static SandboxEnvironment env;
    private static SlashIdSimulator sim;
    private String ns;

    @BeforeAll
    static void start() {
        env = SANDBOX.env();
        sim = env.simulators().slashid();
    }

    private KubernetesClient kube() { return env.client(); }

    @BeforeEach
    void platform() {
        ns = "s-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        kube().resource(Manifests.secret(ns, "sid-key", Map.of("api-key", SimulatorFleet.SLASHID_API_KEY))).create();
        kube().resource(Manifests.slashIdPlatform(ns, "sid", sim.baseUrl(), "sid-key")).create();
        ConnectionScenarios.await("platform Ready").untilAsserted(() -> {
            IdentityPlatform p = kube().resources(IdentityPlatform.class).inNamespace(ns).withName("sid").get();
            assertThat(p.getStatus() == null ? "none" : reason(p.getStatus().conditions)).isEqualTo("True/Verified");
        });
    }

    private static String reason(List<Condition> conditions) { return ConnectionProbe.ready(conditions); }

    private IdentityConnection get(String name) { return ConnectionProbe.get(kube(), ns, name); }

    private String ready(String name) { return ConnectionProbe.ready(kube(), ns, name); }

    private List<String> events(String name) { return ConnectionProbe.events(kube(), ns, name); }

    private IdentityConnection github(String name, String clientId) {
        return Manifests.slashIdGithub(ns, name, "sid", clientId, name + "-client");
    }

    @Test
    void clientIdChangeReplacesRotationWritesOnceAndDeleteRemoves() {
        String name = "gh-" + UUID.randomUUID().toString().substring(0, 6);
        String oldId = "Iv1.old" + name;
        String newId = "Iv1.new" + name;
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "first"))).create();
        kube().resource(github(name, oldId)).create();
        ConnectionScenarios.await("Ready").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
        assertThat(sim.clientSecret(oldId)).contains("first");

        kube().secrets().inNamespace(ns).withName(name + "-client")
                .edit(s -> { s.setData(null); s.setStringData(Map.of("client-secret", "second")); return s; });
        ConnectionScenarios.await("rotated").untilAsserted(() -> assertThat(sim.clientSecret(oldId)).contains("second"));

        Manifests.editConnection(kube(), ns, name, c -> { c.getSpec().oidc.clientId = newId; });
        ConnectionScenarios.await("replaced").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("True/InSync");
            assertThat(get(name).getStatus().externalId).isEqualTo(newId);
            assertThat(sim.oidcCredentials()).containsKey(newId).doesNotContainKey(oldId);
            assertThat(events(name)).anyMatch(e -> e.startsWith("Replaced") && e.contains(oldId) && e.contains(newId));
        });
        assertThat(sim.clientSecret(newId)).contains("second");
        assertThat(events(name).toString()).doesNotContain("second").doesNotContain("first");

        kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).delete();
        ConnectionScenarios.await("deleted").untilAsserted(() -> {
            assertThat(get(name)).isNull();
            assertThat(sim.oidcCredentials()).doesNotContainKey(newId);
        });
    }

    @Test
    void aCreateThatTimesOutAndLandsLaterLeavesExactlyOneCredential() {
        String name = "saml-" + UUID.randomUUID().toString().substring(0, 6);
        IdentityConnection c = Manifests.metadataSaml(ns, name, "sid", "https://idp.example.com/" + name + "/metadata");
        sim.timeoutNextWrites(1, Duration.ofSeconds(2));
        kube().resource(c).create();
        ConnectionScenarios.await("Ready after the late write").untilAsserted(() ->
                assertThat(ready(name)).isEqualTo("True/InSync"));
        List<ObjectNode> mine = sim.samlCredentials().values().stream()
                .filter(s -> s.path("label").asText().equals("Display " + name)).toList();
        assertThat(mine).hasSize(1);
        assertThat(get(name).getStatus().externalId).isEqualTo(mine.get(0).path("id").asText());
        assertThat(events(name)).anyMatch(e -> e.startsWith("OutcomeUnknown"));
        assertThat(events(name).stream().filter(e -> e.startsWith("Created")).count()).isLessThanOrEqualTo(1);
    }
}
