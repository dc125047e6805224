package dev.federator.e2e;

import static dev.federator.e2e.ConnectionScenarios.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.ServiceProviderConfigMapRef;
import dev.federator.api.v1alpha1.ServiceProviderStatus;
import dev.federator.sandbox.LastCompared;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the IdP's administrator needs, end to end: a LoginRadius SAML connection shows the values the simulator
 * returned (EntityId, ACSEndpoint, MetadataUrl, SPCertificate) in status.serviceProvider, and the opt-in ConfigMap
 * holds them, owned by the connection, written only when they change, put back when deleted, and never written over
 * when a ConfigMap of that name is someone else's. The mock API server has no garbage collector: the owner reference
 * is asserted, the deletion it causes on a real cluster is not.
 */
class ServiceProviderValuesE2EIT {
    private static final String ORG = SimulatorFleet.LOGINRADIUS_ORGANIZATION;
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("service-provider-values", Map.of());
    private static SandboxEnvironment env;
    private static LoginRadiusSimulator sim;
    private String ns;

    @BeforeAll
    static void start() {
        env = SANDBOX.env();
        sim = env.simulators().loginradius();
    }

    private KubernetesClient kube() { return env.client(); }

    @BeforeEach
    void freshNamespace() {
        ns = "sp-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        kube().resource(Manifests.secret(ns, "lr-credentials", Map.of("api-key", SimulatorFleet.LOGINRADIUS_API_KEY,
                "api-secret", SimulatorFleet.LOGINRADIUS_API_SECRET))).create();
        kube().resource(Manifests.loginRadiusPlatform(ns, "lr", sim.baseUrl(), "lr-credentials")).create();
    }

    private static String pem() {
        try (InputStream in = ServiceProviderValuesE2EIT.class.getResourceAsStream("/loginradius/idp-1.crt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private IdentityConnection saml(String name, String configMap) {
        kube().resource(Manifests.secret(ns, name + "-cert", Map.of("tls.crt", pem()))).create();
        IdentityConnection c = Manifests.loginRadiusSaml(ns, name, "lr", SimulatorFleet.LOGINRADIUS_DOMAIN, name + "-cert");
        c.getSpec().serviceProviderConfigMap = new ServiceProviderConfigMapRef(configMap);
        return kube().resource(c).create();
    }

    private IdentityConnection get(String name) {
        return kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).get();
    }

    private String ready(String name) {
        IdentityConnection c = get(name);
        return c == null || c.getStatus() == null
                || !c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration) ? "pending"
                : ConnectionProbe.ready(c.getStatus().conditions);
    }

    private ConfigMap configMap(String name) { return kube().configMaps().inNamespace(ns).withName(name).get(); }

    /** The values as the simulator holds them for the connection. */
    private Map<String, String> simulatorValues(String name) {
        ObjectNode remote = sim.connection(ORG, name).orElseThrow();
        return Map.of("entityId", remote.path("EntityId").asText(), "acsUrl", remote.path("ACSEndpoint").asText(),
                "metadataUrl", remote.path("MetadataUrl").asText(),
                "spCertificate", remote.path("SPCertificate").path("Certificate").asText());
    }

    private static Map<String, String> asMap(ServiceProviderStatus sp) {
        return Map.of("entityId", sp.entityId, "acsUrl", sp.acsUrl, "metadataUrl", sp.metadataUrl,
                "spCertificate", sp.spCertificate);
    }

    /** ConfigMap writes (create, update) in the test's namespace; the test itself makes none while this counts. */
    private long configMapWrites() {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        return env.kubernetes().requests("POST", path) + env.kubernetes().requests("PUT", path)
                + env.kubernetes().requests("PATCH", path);
    }

    @Test
    void theValuesLoginRadiusReturnsReachTheStatusAndTheConfigMap() {
        String name = "adfs-" + UUID.randomUUID().toString().substring(0, 6);
        String mapName = name + "-sp";
        IdentityConnection created = saml(name, mapName);
        await("Ready with service-provider values").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("True/InSync");
            assertThat(get(name).getStatus().serviceProvider).isNotNull();
        });
        Map<String, String> values = simulatorValues(name);
        assertThat(values.get("spCertificate")).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(values.get("entityId")).startsWith("https://lr.example.com/saml/");
        ServiceProviderStatus sp = get(name).getStatus().serviceProvider;
        assertThat(asMap(sp)).isEqualTo(values);
        assertThat(sp.redirectUri).isNull();

        await("ConfigMap published").untilAsserted(() -> assertThat(configMap(mapName)).isNotNull());
        ConfigMap map = configMap(mapName);
        assertThat(map.getData()).isEqualTo(values);
        assertThat(map.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "federator")
                .containsEntry("federator.dev/connection", name);
        OwnerReference owner = map.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(owner.getKind()).isEqualTo("IdentityConnection");
        assertThat(owner.getName()).isEqualTo(name);
        assertThat(owner.getController()).isTrue();

        // Drift checks every 3 s find the same values: they write nothing to the ConfigMap.
        long writes = configMapWrites();
        assertThat(writes).as("the count sees the operator's create").isPositive();
        // An idle drift check writes no status: the metric is what shows that one ran.
        double comparedAt = LastCompared.of(env.operator(), ns, name).orElse(0.0);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> LastCompared.of(env.operator(), ns, name)
                .orElse(0.0) > comparedAt);
        Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> configMapWrites() == writes);
        assertThat(configMapWrites()).isEqualTo(writes);

        kube().configMaps().inNamespace(ns).withName(mapName).delete();
        await("ConfigMap created again").untilAsserted(() -> {
            ConfigMap again = configMap(mapName);
            assertThat(again).isNotNull();
            assertThat(again.getData()).isEqualTo(values);
        });

        kube().configMaps().inNamespace(ns).withName(mapName).edit(m -> {
            m.getData().put("entityId", "edited by hand");
            return m;
        });
        await("a hand edit is put back").untilAsserted(() -> assertThat(configMap(mapName).getData()).isEqualTo(values));

        // Deleted on LoginRadius: created again with a new id, hence new values, which reach both.
        assertThat(sim.deleteOutOfBand(ORG, name)).isTrue();
        await("new values published").untilAsserted(() -> {
            assertThat(sim.connection(ORG, name)).isPresent();
            Map<String, String> fresh = simulatorValues(name);
            assertThat(fresh.get("entityId")).isNotEqualTo(values.get("entityId"));
            assertThat(asMap(get(name).getStatus().serviceProvider)).isEqualTo(fresh);
            assertThat(configMap(mapName).getData()).isEqualTo(fresh);
        });
    }

    @Test
    void aConfigMapThatIsNotOursIsLeftAsItIs() {
        String name = "taken-" + UUID.randomUUID().toString().substring(0, 6);
        String mapName = name + "-sp";
        kube().resource(new ConfigMapBuilder().withNewMetadata().withName(mapName).withNamespace(ns).endMetadata()
                .withData(Map.of("owner", "someone else")).build()).create();
        saml(name, mapName);
        await("refused").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/ConfigMapNotOwned"));
        IdentityConnection c = get(name);
        assertThat(c.getStatus().conditions.stream().filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow()
                .getMessage()).contains(mapName, "not created by this connection");
        // The vendor side went through: the values are in the status.
        assertThat(asMap(c.getStatus().serviceProvider)).isEqualTo(simulatorValues(name));
        ConfigMap foreign = configMap(mapName);
        assertThat(foreign.getData()).isEqualTo(Map.of("owner", "someone else"));
        assertThat(foreign.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(foreign.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(env.kubernetes().requests("PUT", "/api/v1/namespaces/" + ns + "/configmaps/" + mapName)
                + env.kubernetes().requests("PATCH", "/api/v1/namespaces/" + ns + "/configmaps/" + mapName)).isZero();
        await("warning event").untilAsserted(() -> assertThat(kube().v1().events().inNamespace(ns).list().getItems())
                .anyMatch(e -> name.equals(e.getInvolvedObject().getName()) && "ConfigMapNotOwned".equals(e.getReason())));

        // Once it is gone, the connection publishes its own.
        kube().configMaps().inNamespace(ns).withName(mapName).delete();
        Manifests.editConnection(kube(), ns, name, x -> x.getMetadata().setAnnotations(
                Map.of("federator.dev/reconcile-requested-at", "now")));
        await("published after the foreign one went").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("True/InSync");
            assertThat(configMap(mapName).getData()).isEqualTo(simulatorValues(name));
        });
    }
}
