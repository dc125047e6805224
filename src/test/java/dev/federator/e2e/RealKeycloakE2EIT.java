package dev.federator.e2e;

import dev.federator.sandbox.SandboxEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.federator.it.keycloak.RealKeycloakExtension;

/**
 * The Keycloak scenarios against the REAL Keycloak server (keycloak-quarkus-dist from Maven Central), the mock
 * Kubernetes API and the packaged operator, authenticating as an admin user through admin-cli.
 */
@ExtendWith(RealKeycloakExtension.class)
class RealKeycloakE2EIT extends ConnectionScenarios {
    private static RealKeycloakBackend keycloak;
    private static SandboxEnvironment env;

    @BeforeAll
    static void start() {
        keycloak = new RealKeycloakBackend(RealKeycloakExtension.server());
        env = new SandboxEnvironment(Path.of("target", "e2e", "real-keycloak-operator.log"));
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
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
