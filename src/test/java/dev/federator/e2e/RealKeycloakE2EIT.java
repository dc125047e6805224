package dev.federator.e2e;

import dev.federator.sandbox.SandboxEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Keycloak scenarios against the REAL Keycloak server (keycloak-quarkus-dist from Maven Central), the mock
 * Kubernetes API and the packaged operator, authenticating as an admin user through admin-cli.
 */
class RealKeycloakE2EIT extends ConnectionScenarios {
    private static RealKeycloak keycloak;
    private static SandboxEnvironment env;

    @BeforeAll
    static void start() {
        keycloak = RealKeycloak.start();
        env = new SandboxEnvironment(Path.of("target", "e2e", "real-keycloak-operator.log"));
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Override protected KeycloakBackend backend() { return keycloak; }

    @Override protected KubernetesClient kube() { return env.client(); }

    @Override
    protected String newNamespace() {
        String ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        return ns;
    }
}
