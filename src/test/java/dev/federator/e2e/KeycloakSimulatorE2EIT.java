package dev.federator.e2e;

import dev.federator.sandbox.SandboxEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Keycloak scenarios against the simulator, the mock Kubernetes API and the packaged operator. */
class KeycloakSimulatorE2EIT extends ConnectionScenarios {
    private static SandboxEnvironment env;
    private static SimulatedKeycloak backend;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "keycloak-simulator-operator.log"));
        env.startOperator(Map.of());
        backend = new SimulatedKeycloak(env.simulators().keycloak());
    }

    /**
     * Closing the environment runs its secret scan: "first-secret", "rotated-secret" and the platform's client secret
     * must show nowhere in the operator's log, events, statuses or metrics.
     */
    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Override protected KeycloakBackend backend() { return backend; }

    @Override protected KubernetesClient kube() { return env.client(); }

    @Override protected String newNamespace() { return env.newNamespace(); }
}
