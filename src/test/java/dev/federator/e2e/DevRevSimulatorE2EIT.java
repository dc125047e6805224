package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.DeletionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sim.CallLog;
import dev.federator.sim.devrev.DevRevSimulator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DevRev connections through the packaged operator, the mock Kubernetes API and a DevRev simulator of the test's own
 * (one org per test, since the org's five-connection limit and its one-enabled rule are shared state).
 */
class DevRevSimulatorE2EIT {
    private static final String TOKEN = "e2e-devrev-token";
    private static SandboxEnvironment env;
    private DevRevSimulator devrev;
    private String ns;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "devrev-simulator-operator.log"));
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @BeforeEach
    void freshOrg() {
        devrev = new DevRevSimulator().withToken(TOKEN).start();
        ns = "d-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        kube().resource(Manifests.secret(ns, "devrev-token", Map.of("token", TOKEN))).create();
        kube().resource(Manifests.devrevPlatform(ns, "devrev", devrev.baseUrl(), "devrev-token")).create();
        await("platform Ready").untilAsserted(() -> {
            IdentityPlatform p = kube().resources(IdentityPlatform.class).inNamespace(ns).withName("devrev").get();
            assertThat(p.getStatus() == null ? "none" : reason(p.getStatus().conditions)).isEqualTo("True/Verified");
        });
    }

    @AfterEach
    void closeOrg() { devrev.close(); }

    private static KubernetesClient kube() { return env.client(); }

    private static ConditionFactory await(String what) { return ConnectionScenarios.await(what); }

    private static String reason(List<Condition> conditions) { return ConnectionProbe.ready(conditions); }

    private IdentityConnection get(String name) { return ConnectionProbe.get(kube(), ns, name); }

    private String ready(String name) { return ConnectionProbe.ready(kube(), ns, name); }

    private List<String> events(String name) { return ConnectionProbe.events(kube(), ns, name); }

    private void createOidc(String name, String secret) {
        kube().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", secret))).create();
        kube().resource(Manifests.issuerOidc(ns, name, "devrev", name + "-client")).create();
    }

    private com.fasterxml.jackson.databind.node.ObjectNode remote(String name) {
        return devrev.connection(get(name).getStatus().externalId).orElseThrow();
    }

    private int calls(String route) { return devrev.calls().countRoute(route); }

    /**
     * DevRev keeps no owner marker: after a crash between the vendor's create and the status write, only
     * {@code pendingCreate} says the connection is ours. Deleted while the operator is down, the resource must still
     * delete it on the vendor (the delete path once ignored pendingCreate and left it behind as NotDeleted).
     */
    @Test
    void aResourceDeletedAfterACrashMidCreateStillDeletesOnTheVendor() {
        devrev.faults().onlyFor(route -> route.equals(DevRevSimulator.CREATE)).delayNext(1, Duration.ofSeconds(3));
        createOidc("lost", "s");
        await("create in flight").until(() -> {
            IdentityConnection c = get("lost");
            return c != null && c.getStatus() != null && "lost".equals(c.getStatus().pendingCreate)
                    && devrev.faults().pending() == 0;
        });
        env.operator().kill();
        // The org's default social connection is always there: count only this resource's connection.
        await("the vendor finishes the create").until(() -> devrev.byDisplayName("Partner lost").size() == 1);
        kube().resources(IdentityConnection.class).inNamespace(ns).withName("lost").delete();
        env.startOperator(Map.of());

        // The restarted operator's start (up to a minute on a loaded machine) is part of this wait.
        await("deleted on the vendor, then released").atMost(Duration.ofMinutes(3))
                .until(() -> get("lost") == null && devrev.byDisplayName("Partner lost").isEmpty());
        assertThat(devrev.connections()).extracting(c -> c.path("default").asBoolean()).containsExactly(true);
        assertThat(events("lost")).anySatisfy(e -> assertThat(e).startsWith("Deleted:"))
                .noneSatisfy(e -> assertThat(e).startsWith("NotDeleted:"));
        // Found from the spec alone (display name "Partner lost"), by a process that never rendered it: one create
        // (before the crash), one delete, nothing created again.
        assertThat(calls(DevRevSimulator.CREATE)).isEqualTo(1);
        assertThat(calls(DevRevSimulator.DELETE)).isEqualTo(1);
    }

    @Test
    void createdEnabledThroughRateLimitsThenRotatedOnceThenDisabledAndDeleted() {
        devrev.faults().throttleNext(2, Duration.ofSeconds(1), true);
        createOidc("corp", "first");
        await("Ready").untilAsserted(() -> assertThat(ready("corp")).isEqualTo("True/InSync"));
        assertThat(devrev.faults().injected()).isEqualTo(2);
        assertThat(remote("corp").path("enabled").asBoolean()).isTrue(); // created disabled, then toggled
        assertThat(remote("corp").path("client_secret").asText()).isEqualTo("first");
        assertThat(calls(DevRevSimulator.CREATE)).isEqualTo(1);
        assertThat(calls(DevRevSimulator.TOGGLE)).isEqualTo(1);

        String fingerprint = get("corp").getStatus().secretFingerprints.get("client_secret");
        int updatesBefore = calls(DevRevSimulator.UPDATE);
        kube().secrets().inNamespace(ns).withName("corp-client")
                .edit(s -> { s.setData(null); s.setStringData(Map.of("client-secret", "rotated")); return s; });
        await("rotated").untilAsserted(() -> {
            assertThat(remote("corp").path("client_secret").asText()).isEqualTo("rotated");
            assertThat(get("corp").getStatus().secretFingerprints.get("client_secret")).isNotEqualTo(fingerprint);
        });
        int listsAndGets = devrev.calls().count(c -> !c.isWrite());
        // two more drift checks (syncInterval 3s) must not write again
        await("two more drift checks").atMost(Duration.ofSeconds(30))
                .until(() -> devrev.calls().count(c -> !c.isWrite()) >= listsAndGets + 2);
        assertThat(calls(DevRevSimulator.UPDATE) - updatesBefore).isEqualTo(1);
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(get("corp").getStatus())).doesNotContain("rotated");

        Manifests.editConnection(kube(), ns, "corp", c -> { c.getSpec().enabled = false; });
        await("disabled").untilAsserted(() -> assertThat(remote("corp").path("enabled").asBoolean()).isFalse());

        String id = get("corp").getStatus().externalId;
        kube().resources(IdentityConnection.class).inNamespace(ns).withName("corp").delete();
        await("deleted").untilAsserted(() -> {
            assertThat(devrev.connection(id)).isEmpty();
            assertThat(get("corp")).isNull();
        });
    }

    @Test
    void anEnabledConnectionIsDisabledBeforeItIsDeleted() {
        createOidc("corp", "s");
        await("Ready").untilAsserted(() -> assertThat(ready("corp")).isEqualTo("True/InSync"));
        String id = get("corp").getStatus().externalId;
        devrev.calls().reset();
        kube().resources(IdentityConnection.class).inNamespace(ns).withName("corp").delete();
        await("deleted").untilAsserted(() -> assertThat(get("corp")).isNull());
        assertThat(devrev.connection(id)).isEmpty();
        assertThat(devrev.calls().calls()).filteredOn(CallLog.Call::isWrite).extracting(CallLog.Call::toString)
                .containsExactly(DevRevSimulator.TOGGLE + " -> 200", DevRevSimulator.DELETE + " -> 200");
    }

    @Test
    void theLastEnabledConnectionIsReportedNotDeletedInALoop() {
        createOidc("corp", "s");
        await("Ready").untilAsserted(() -> assertThat(ready("corp")).isEqualTo("True/InSync"));
        devrev.editOutOfBand(devrev.defaultConnectionId(), c -> c.put("enabled", false));
        kube().resources(IdentityConnection.class).inNamespace(ns).withName("corp").delete();
        await("reported").untilAsserted(() -> assertThat(events("corp"))
                .anySatisfy(e -> assertThat(e).startsWith("DeleteFailed").contains("LastEnabledConnection")));
        int toggles = calls(DevRevSimulator.TOGGLE);
        assertThat(get("corp")).isNotNull();
        assertThat(devrev.connection(get("corp").getStatus().externalId)).isPresent();
        // the advice in the message works: Orphan lets the resource go and leaves the connection
        Manifests.editConnection(kube(), ns, "corp", c -> { c.getSpec().deletionPolicy = DeletionPolicy.Orphan; });
        await("orphaned").untilAsserted(() -> assertThat(get("corp")).isNull());
        assertThat(calls(DevRevSimulator.TOGGLE) - toggles).isLessThanOrEqualTo(1);
        assertThat(devrev.byDisplayName("Partner corp")).hasSize(1);
    }

    @Test
    void theSixthConnectionIsNotReadyWithTheLimitNamed() {
        for (int i = 1; i <= 6; i++) {
            createOidc("c" + i, "s");
            int n = i;
            if (i < 6) {
                await("c" + n + " Ready").untilAsserted(() -> assertThat(ready("c" + n)).isEqualTo("True/InSync"));
            }
        }
        await("limit reported").untilAsserted(() -> {
            assertThat(ready("c6")).isEqualTo("False/ConnectionLimitReached");
            Condition condition = get("c6").getStatus().conditions.stream()
                    .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
            assertThat(condition.getMessage()).contains("at most 5");
        });
        assertThat(devrev.connections()).filteredOn(c -> !c.path("type").asText().equals("social")).hasSize(5);
        assertThat(events("c6")).anySatisfy(e -> assertThat(e).startsWith("ConnectionLimitReached"));
    }
}
