package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input the API server's schema cannot catch, kept as files under src/test/resources/bad-input-operator: the
 * packaged operator must answer each with Ready=False, the expected reason and an actionable message, and must not
 * touch the vendor.
 */
class OperatorRejectionsE2EIT {
    private static final Path CASES = Path.of("src", "test", "resources", "bad-input-operator");
    private static SandboxEnvironment env;
    private static SimulatedKeycloak keycloak;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "rejections-operator.log"));
        env.startOperator(Map.of());
        keycloak = new SimulatedKeycloak(env.simulators().keycloak());
        String ns = SandboxEnvironment.OPERATOR_NAMESPACE;
        env.client().resource(Manifests.secret(ns, "shared-kc", keycloak.credentials())).create();
        ClusterIdentityPlatform shared = Manifests.clusterKeycloakPlatform("shared-kc", keycloak, keycloak.newRealm(),
                "shared-kc");
        env.client().resource(shared).create(); // allowedNamespaces defaults to the operator's namespace only
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    static Stream<Path> cases() throws IOException {
        return Files.list(CASES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isReportedOnTheStatusAndNeverReachesTheVendor(Path file) throws IOException {
        String text = Files.readString(file);
        String reason = header(text, "expect-reason");
        String ns = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        String message = header(text, "expect-message").replace("{ns}", ns);
        env.kubernetes().ensureNamespace(ns);
        String realm = keycloak.newRealm();
        env.client().resource(Manifests.secret(ns, "kc-credentials", keycloak.credentials())).create();
        env.client().resource(Manifests.keycloakPlatform(ns, "kc", keycloak, realm, "kc-credentials")).create();

        List<ObjectNode> docs = Samples.read(file);
        Samples.apply(env.client(), docs, ns, vendor -> null);

        Awaitility.await(file.getFileName().toString()).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    IdentityConnection c = env.client().resources(IdentityConnection.class).inNamespace(ns)
                            .withName("corp").get();
                    Condition ready = c.getStatus() == null ? null : c.getStatus().conditions.stream()
                            .filter(k -> k.getType().equals("Ready")).findFirst().orElse(null);
                    assertThat(ready).isNotNull();
                    assertThat(ready.getStatus()).isEqualTo("False");
                    assertThat(ready.getReason()).isEqualTo(reason);
                    assertThat(ready.getMessage()).contains(message).doesNotContain("s3cr3t", "plain-text-in-git");
                });
        assertThat(env.simulators().keycloak().identityProviders(realm)).isEmpty();
    }

    private static String header(String text, String key) {
        return text.lines().filter(l -> l.startsWith("# " + key + ": ")).findFirst().orElseThrow()
                .substring(("# " + key + ": ").length());
    }
}
