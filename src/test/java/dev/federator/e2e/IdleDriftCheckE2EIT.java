package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.sandbox.LastCompared;
import dev.federator.sandbox.OperatorWrites;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sim.keycloak.KeycloakSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle drift checks cost vendor reads and no API-server write: a few connections on a platform with a 2 s sync
 * interval are compared again and again (the operator's federator_connection_last_compared_timestamp_seconds moves
 * for each, twice), while the API server's request audit shows no write of the packaged operator to any
 * IdentityConnection or its status. An edit on the vendor then does write, so the audit would have seen them.
 */
class IdleDriftCheckE2EIT {
    private static final String RESOURCE = "/identityconnections";
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("idle-drift-check", Map.of());

    @Test
    void driftChecksThatFindNothingChangedReadTheVendorAndWriteNothingToTheApiServer() {
        SandboxEnvironment env = SANDBOX.env();
        KeycloakSimulator sim = env.simulators().keycloak();
        SimulatedKeycloak keycloak = new SimulatedKeycloak(sim);
        String ns = env.newNamespace();
        String realm = keycloak.newRealm();
        env.client().resource(Manifests.secret(ns, "kc-credentials", keycloak.credentials())).create();
        var platform = Manifests.keycloakPlatform(ns, "kc", keycloak, realm, "kc-credentials");
        platform.getSpec().syncInterval = "2s";
        env.client().resource(platform).create();
        List<String> names = IntStream.range(0, 4).mapToObj(i -> "idle-" + i).toList();
        for (String name : names) {
            env.client().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "s-" + name))).create();
            env.client().resource(Manifests.oidc(ns, name, "kc", name + "-client")).create();
        }
        ConnectionScenarios.await("all Ready").untilAsserted(() -> assertThat(names)
                .allSatisfy(n -> assertThat(ConnectionProbe.ready(env.client(), ns, n)).isEqualTo("True/InSync")));
        Map<String, String> synced = lastSyncTimes(env, ns, names);
        // One drift check each after converging, so that nothing of the create passes is still on its way.
        Map<String, Double> settled = awaitCompared(env, ns, names, awaitCompared(env, ns, names, Map.of()));

        Map<String, Long> writesBefore = OperatorWrites.snapshot(env.kubernetes(), RESOURCE);
        sim.calls().reset();
        Map<String, Double> once = awaitCompared(env, ns, names, settled);
        awaitCompared(env, ns, names, once);
        Map<String, Long> idleWrites = OperatorWrites.since(writesBefore,
                OperatorWrites.snapshot(env.kubernetes(), RESOURCE));

        assertThat(idleWrites).as("the operator's writes to IdentityConnections during two idle drift checks each")
                .isEmpty();
        assertThat(sim.calls().count(c -> c.method().equals("GET") && c.route().contains("identity-provider")))
                .as("the drift checks read the vendor").isPositive();
        assertThat(sim.calls().count(c -> !c.method().equals("GET") && !c.route().contains("token")))
                .as("nor did they write to the vendor").isZero();
        assertThat(lastSyncTimes(env, ns, names)).as("lastSyncTime: the last change, untouched").isEqualTo(synced);

        sim.editOutOfBand(realm, "idle-0", idp -> idp.put("displayName", "Edited in the console"));
        ConnectionScenarios.await("the edit reverted").untilAsserted(() -> assertThat(sim.identityProvider(realm,
                "idle-0").orElseThrow().path("displayName").asText()).isNotEqualTo("Edited in the console"));
        ConnectionScenarios.await("its lastSyncTime moved").untilAsserted(() -> assertThat(
                ConnectionProbe.get(env.client(), ns, "idle-0").getStatus().lastSyncTime)
                .isNotEqualTo(synced.get("idle-0")));
        assertThat(OperatorWrites.since(writesBefore, OperatorWrites.snapshot(env.kubernetes(), RESOURCE)))
                .as("a drift correction is a change, and the audit sees its status write")
                .hasKeySatisfying(new org.assertj.core.api.Condition<>(k -> k.endsWith("/namespaces/" + ns
                        + "/identityconnections/idle-0/status"), "a write of idle-0's status"));
    }

    private static Map<String, String> lastSyncTimes(SandboxEnvironment env, String ns, List<String> names) {
        Map<String, String> times = new java.util.TreeMap<>();
        names.forEach(n -> times.put(n, ConnectionProbe.get(env.client(), ns, n).getStatus().lastSyncTime));
        return times;
    }

    /** Waits until the metric shows a comparison of every connection later than in {@code after}; returns them. */
    private static Map<String, Double> awaitCompared(SandboxEnvironment env, String ns, List<String> names,
                                                     Map<String, Double> after) {
        return Awaitility.await("every connection compared again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).until(() -> LastCompared.of(env.operator()), now -> names.stream()
                        .allMatch(n -> now.containsKey(ns + "/" + n)
                                && now.get(ns + "/" + n) > after.getOrDefault(ns + "/" + n, 0.0)));
    }
}
