package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.OperatorProcess;
import dev.federator.sandbox.SecretScan;
import dev.federator.sandbox.SimulatorFleet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The same scenarios on a real cluster named by KUBECONFIG (kind, k3s...): `./mvnw verify -Preal-cluster`. CRDs come
 * from crds/, the operator runs in a JVM on this machine against the cluster, and each test gets its own namespace,
 * deleted afterwards. The vendor is the Keycloak simulator on loopback, reachable from the operator's JVM.
 */
@EnabledIfSystemProperty(named = "federator.real-cluster", matches = "true")
class RealClusterE2EIT extends ConnectionScenarios {
    private static final String OPERATOR_NAMESPACE = "federator-e2e";
    static final String FIELD_MANAGER = "federator-real-cluster-e2e";
    private static KubernetesClient client;
    private static SimulatorFleet simulators;
    private static OperatorProcess operator;
    private static SecretScan secretScan;
    private static final List<String> namespaces = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        client = new KubernetesClientBuilder().build();
        installCrds(client, Path.of("crds"));
        ensureNamespace(OPERATOR_NAMESPACE);
        // Only this run's namespaces: other workloads' Secrets on the cluster are neither read nor counted.
        secretScan = SecretScan.start("RealClusterE2EIT", client,
                ns -> ns.equals(OPERATOR_NAMESPACE) || namespaces.contains(ns));
        simulators = SimulatorFleet.start();
        secretScan.addSecrets("a token a simulator issued", simulators::issuedTokens);
        operator = new OperatorProcess(OperatorProcess.defaultJar(), null, OPERATOR_NAMESPACE,
                Path.of("target", "e2e", "real-cluster-operator.log"), Map.of());
        secretScan.addOperator(operator);
        operator.start();
    }

    @AfterAll
    static void stop() {
        // Namespaces go first, while the operator still runs to release its finalizers.
        if (client != null) {
            namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
            org.awaitility.Awaitility.await("test namespaces deleted").atMost(java.time.Duration.ofMinutes(2))
                    .pollInterval(java.time.Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(namespaces.stream()
                            .filter(ns -> client.namespaces().withName(ns).get() != null).map(RealClusterE2EIT::stuck))
                            .isEmpty());
        }
        SecretScan.Report scan = null;
        try {
            if (operator != null) {
                operator.close();
            }
            if (secretScan != null) {
                scan = secretScan.finish();
            }
        } finally {
            if (simulators != null) {
                simulators.close();
            }
            if (client != null) {
                client.close();
            }
        }
        if (scan != null) {
            scan.assertClean();
        }
    }

    /**
     * The CRDs of this build, whatever installed them before: the README's {@code kubectl apply} leaves the fields
     * owned by the "kubectl" field manager, so a plain server-side apply would fail on conflicts; forcing takes them over.
     */
    static void installCrds(KubernetesClient client, Path dir) throws IOException {
        try (Stream<Path> crds = Files.list(dir)) {
            for (Path crd : crds.sorted().toList()) {
                try (InputStream in = Files.newInputStream(crd)) {
                    for (HasMetadata item : client.load(in).items()) {
                        client.resource(item).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                    }
                }
            }
        }
    }

    /** What holds a namespace that would not go away: its resources with finalizers, and why they wait. */
    private static String stuck(String ns) {
        return client.resources(IdentityConnection.class).inNamespace(ns).list().getItems().stream()
                .map(c -> c.getMetadata().getName() + " " + c.getMetadata().getFinalizers() + ": "
                        + (c.getStatus() == null ? "no status" : ConnectionProbe.ready(c.getStatus().conditions) + " "
                        + c.getStatus().conditions.stream().map(k -> k.getMessage()).toList()))
                .collect(java.util.stream.Collectors.joining("; ", ns + " holds connections [", "]"))
                + " and platforms " + client.resources(IdentityPlatform.class).inNamespace(ns).list().getItems().stream()
                .map(p -> p.getMetadata().getName() + " " + p.getMetadata().getFinalizers()).toList();
    }

    private static void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    @Override protected KeycloakBackend backend() { return new SimulatedKeycloak(simulators.keycloak()); }

    @Override protected KubernetesClient kube() { return client; }

    @Override
    protected String newNamespace() {
        String ns = "federator-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        ensureNamespace(ns);
        namespaces.add(ns);
        assertThat(client.namespaces().withName(ns).get()).isNotNull();
        return ns;
    }
}
