package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.CallLog;
import dev.federator.sim.ezto.EztoSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak scenarios through the ezto transport (Authentication header, static token, a non-default
 * spec.ezto.pathTemplate) against an ezto simulator, the mock Kubernetes API and the packaged operator; plus ezto's
 * own statuses: 402 waits for a spec change, 503 converges by itself. The sandbox's fleet simulator covers the
 * default path template through samples/ezto.
 */
class EztoSimulatorE2EIT extends ConnectionScenarios {
    private static final String PATH_TEMPLATE = "/api/v1/workspaces/{workspace}/identity-providers";
    private static final String CREATE_ROUTE = "POST /api/v1/workspaces/:workspace/identity-providers";
    private static SandboxEnvironment env;
    private static EztoSimulator sim;
    private static SimulatedEzto backend;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "ezto-simulator-operator.log"));
        env.startOperator(Map.of());
        sim = new EztoSimulator(null, 0, PATH_TEMPLATE).withApiToken(SimulatorFleet.EZTO_TOKEN).start();
        backend = new SimulatedEzto(sim, PATH_TEMPLATE);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @Override protected KeycloakBackend backend() { return backend; }

    @Override protected KubernetesClient kube() { return env.client(); }

    @Override protected String newNamespace() { return env.newNamespace(); }

    private static int calls(Predicate<CallLog.Call> which) { return sim.calls().count(which); }

    @Test
    void validButFailedWaitsForASpecChangeWithoutARetryLoop() {
        String name = "pay-" + UUID.randomUUID().toString().substring(0, 6);
        Predicate<CallLog.Call> refused = c -> c.route().equals(CREATE_ROUTE) && c.status() == 402;
        int before = calls(refused);
        sim.answerPaymentRequired(name);
        createOidc(name, "s");
        await("402 reported").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/VendorRejected"));
        assertThat(get(name).getStatus().conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getMessage()).contains("402");
        // Several drift-check periods (3 s) pass without a retry loop. The Secret's own add event may arrive while the
        // first pass runs and cause one more pass (seen once in CI); after that, nothing until the spec changes.
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                .until(() -> calls(refused) - before <= 2);
        assertThat(remote(name)).isEmpty();

        sim.clearPaymentRequired(name);
        Manifests.editConnection(kube(), ns, name, c -> { c.getSpec().displayName = "After the fix"; });
        await("created after the spec change").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("True/InSync");
            assertThat(remote(name).orElseThrow().path("displayName").asText()).isEqualTo("After the fix");
        });
    }

    @Test
    void serviceUnavailableIsRetriedUntilTheConnectionConverges() {
        String name = "busy-" + UUID.randomUUID().toString().substring(0, 6);
        Predicate<CallLog.Call> unavailable = c -> c.route().equals(CREATE_ROUTE) && c.status() == 503;
        int before = calls(unavailable);
        sim.faults().onlyFor(CREATE_ROUTE::equals).failNext(2, 503);
        try {
            createOidc(name, "s");
            await("converged after 503s").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
            assertThat(calls(unavailable)).isEqualTo(before + 2);
            assertThat(remote(name)).isPresent();
        } finally {
            sim.faults().clear();
        }
    }
}
