package dev.federator.e2e;

import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
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

    @AfterAll
    static void stop() throws java.io.IOException {
        if (env == null) {
            return;
        }
        try {
            // Every secret value the scenarios used: none may show in the operator's log, events or statuses.
            java.util.List<String> secrets = java.util.List.of("first-secret", "rotated-secret",
                    SimulatorFleet.KEYCLOAK_CLIENT_SECRET);
            String log = java.nio.file.Files.readString(env.operator().log());
            String events = env.client().v1().events().inAnyNamespace().list().getItems().toString();
            String statuses = io.fabric8.kubernetes.client.utils.Serialization.asJson(env.connections());
            for (String secret : secrets) {
                org.assertj.core.api.Assertions.assertThat(log).as("operator log").doesNotContain(secret);
                org.assertj.core.api.Assertions.assertThat(events).as("events").doesNotContain(secret);
                org.assertj.core.api.Assertions.assertThat(statuses).as("statuses").doesNotContain(secret);
            }
        } finally {
            env.close();
        }
    }

    @Override protected KeycloakBackend backend() { return backend; }

    @Override protected KubernetesClient kube() { return env.client(); }

    @Override protected String newNamespace() { return env.newNamespace(); }
}
