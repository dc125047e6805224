package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.CaBundleRef;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.TlsSpec;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.keycloak.KeycloakSimulator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS towards vendors is always verified: a vendor behind a private CA is refused with a message that says what to
 * do, and works once the platform names the CA in spec.tls.caBundleRef. There is no switch to turn verification off.
 */
class TlsE2EIT {
    private static SandboxEnvironment env;
    private static KeycloakSimulator tlsKeycloak;

    @BeforeAll
    static void start() {
        tlsKeycloak = new KeycloakSimulator().withSelfSignedTls();
        tlsKeycloak.withAuthRealm(SimulatorFleet.KEYCLOAK_REALM)
                .withServiceClient(SimulatorFleet.KEYCLOAK_CLIENT_ID, SimulatorFleet.KEYCLOAK_CLIENT_SECRET);
        tlsKeycloak.start();
        tlsKeycloak.createRealm("tls");
        env = new SandboxEnvironment(Path.of("target", "e2e", "tls-operator.log"));
        env.alsoScanFor("a token the TLS Keycloak issued", tlsKeycloak::issuedTokens);
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (tlsKeycloak != null) {
            tlsKeycloak.close();
        }
    }

    private String ready(String ns) {
        IdentityPlatform p = env.client().resources(IdentityPlatform.class).inNamespace(ns).withName("kc").get();
        return p.getStatus() == null ? "none" : p.getStatus().conditions.stream()
                .filter(c -> c.getType().equals("Ready")).findFirst()
                .map(c -> c.getStatus() + "/" + c.getReason() + "/" + c.getMessage()).orElse("none");
    }

    @Test
    void aPrivateCaIsRefusedUntilThePlatformNamesIt() {
        String ns = "tls";
        env.kubernetes().ensureNamespace(ns);
        SimulatedKeycloak backend = new SimulatedKeycloak(tlsKeycloak);
        env.client().resource(Manifests.secret(ns, "kc-credentials", backend.credentials())).create();
        env.client().resource(Manifests.keycloakPlatform(ns, "kc", backend, "tls", "kc-credentials")).create();
        Awaitility.await("refused").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ready(ns).startsWith("False/TLSHandshakeFailed/"));
        assertThat(ready(ns)).contains("spec.tls.caBundleRef");

        env.client().resource(new ConfigMapBuilder().withNewMetadata().withName("vendor-ca").withNamespace(ns).endMetadata()
                .withData(Map.of("ca.crt", tlsKeycloak.certificatePem())).build()).create();
        Awaitility.await("platform edited").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            env.client().resources(IdentityPlatform.class).inNamespace(ns).withName("kc").edit(p -> {
                p.getSpec().tls = new TlsSpec();
                p.getSpec().tls.caBundleRef = new CaBundleRef();
                p.getSpec().tls.caBundleRef.name = "vendor-ca";
                p.getSpec().tls.caBundleRef.key = "ca.crt";
                return p;
            });
            return true;
        });
        Awaitility.await("trusted through the bundle").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ready(ns).startsWith("True/Verified"));
    }
}
