package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.operator.LeaderElection;
import dev.federator.sandbox.MockKubernetes;
import dev.federator.sandbox.OperatorProcess;
import dev.federator.sandbox.OperatorProcess.Exit;
import dev.federator.sandbox.SandboxEnvironment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * How the packaged operator ends: on SIGTERM (a rolling update, a drain, a pod deletion) it stops, releases the
 * Lease and exits 0, so that the standby replica takes over at once instead of after the lease expires; a leader that
 * loses its Lease exits 1; a start that cannot succeed ends the process with a non-zero code and the cause in the
 * log, instead of hanging.
 */
class ShutdownE2EIT {
    /** JOSDK's default lease duration, which LeaderElection keeps: a crashed leader is replaced after this. */
    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    private static final Duration EXIT_BOUND = Duration.ofSeconds(10);
    private static final String NS = SandboxEnvironment.OPERATOR_NAMESPACE;

    /** One observed state of the Lease: who held it, and when the test saw it. */
    private record Holder(Instant seen, String identity) {
        boolean released() { return identity == null || identity.isEmpty(); }

        boolean isReplica(String podName) { return identity != null && identity.startsWith(podName + "_"); }
    }

    @Test
    void onSigtermTheLeaderReleasesTheLeaseExitsZeroAndTheStandbyTakesOverAtOnce() throws IOException {
        Path dir = Path.of("target", "e2e");
        Files.deleteIfExists(dir.resolve("shutdown-leader.log"));
        Files.deleteIfExists(dir.resolve("shutdown-standby.log"));
        try (SandboxEnvironment env = new SandboxEnvironment(dir.resolve("shutdown-leader.log"))) {
            KubernetesClient kube = env.client();
            env.startOperator(Map.of("FEDERATOR_POD_NAME", "replica-a"));
            OperatorProcess leader = env.operator();
            Awaitility.await("replica-a leads").atMost(LEASE_DURATION).pollInterval(Duration.ofMillis(100))
                    .until(() -> holder(kube).isReplica("replica-a"));
            OperatorProcess standby = env.startReplica(dir.resolve("shutdown-standby.log"),
                    Map.of("FEDERATOR_POD_NAME", "replica-b"));

            String ns = env.newNamespace();
            SimulatedKeycloak keycloak = new SimulatedKeycloak(env.simulators().keycloak());
            String realm = keycloak.newRealm();
            kube.resource(Manifests.secret(ns, "kc-credentials", keycloak.credentials())).create();
            kube.resource(Manifests.keycloakPlatform(ns, "kc", keycloak, realm, "kc-credentials")).create();
            ConnectionScenarios.await("platform Ready under replica-a").until(() -> platformReady(kube, ns));
            assertThat(holder(kube).isReplica("replica-a")).as("the standby did not take over while replica-a ran")
                    .isTrue();

            List<Holder> holders = new CopyOnWriteArrayList<>();
            try (Watch ignored = kube.leases().inNamespace(NS).withName(LeaderElection.LEASE).watch(recorder(holders))) {
                Instant signalled = Instant.now();
                Optional<Exit> exit = leader.terminate(Duration.ofSeconds(30));

                assertThat(exit).as("replica-a ended within 30 s of SIGTERM (else it was killed)").isPresent();
                assertThat(exit.get().code()).as("exit code after SIGTERM").isZero();
                assertThat(exit.get().elapsed()).as("SIGTERM to exit").isLessThan(EXIT_BOUND);

                Awaitility.await("replica-b holds the Lease").atMost(LEASE_DURATION).pollInterval(Duration.ofMillis(100))
                        .until(() -> holders.stream().anyMatch(h -> h.isReplica("replica-b")));
                List<Holder> seen = List.copyOf(holders);
                Holder takeover = seen.stream().filter(h -> h.isReplica("replica-b")).findFirst().orElseThrow();
                List<Holder> before = seen.subList(0, seen.indexOf(takeover));
                assertThat(before).as("replica-a cleared the holder before replica-b took the Lease: " + seen)
                        .anyMatch(Holder::released);
                Duration toTakeover = Duration.between(signalled, takeover.seen());
                // A leader that vanished without releasing is replaced only once its lease expires.
                assertThat(toTakeover).as("SIGTERM to takeover, well before the lease duration")
                        .isLessThan(LEASE_DURATION.minusSeconds(5));
                System.out.printf("SIGTERM to exit: %d ms, SIGTERM to takeover: %d ms (lease duration %d s)%n",
                        exit.get().elapsed().toMillis(), toTakeover.toMillis(), LEASE_DURATION.toSeconds());
            }
            assertThat(Files.readString(leader.log())).as("replica-a's log")
                    .contains("released the Lease").doesNotContain("Exiting");

            kube.resource(Manifests.secret(ns, "after-client", Map.of("client-secret", "secret-after"))).create();
            kube.resource(Manifests.oidc(ns, "after", "kc", "after-client")).create();
            ConnectionScenarios.await("a new connection Ready under replica-b")
                    .until(() -> ConnectionProbe.ready(kube, ns, "after").equals("True/InSync"));

            // Leadership lost while running (another holder in the Lease): the SDK no longer exits by itself, so the
            // operator must, or two replicas would reconcile at once.
            Awaitility.await("the Lease taken from replica-b").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> kube.leases().inNamespace(NS).withName(LeaderElection.LEASE).edit(l -> {
                        l.getSpec().setHolderIdentity("intruder");
                        l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
                        return l;
                    }) != null);
            Optional<Exit> lost = standby.awaitExit(Duration.ofSeconds(30));
            assertThat(lost).as("replica-b ended after losing the Lease").isPresent();
            assertThat(lost.get().code()).as("exit code after losing the Lease").isEqualTo(1);
            assertThat(Files.readString(standby.log())).contains("Lost the Lease");
            assertThat(holder(kube).identity()).as("replica-b left the new holder alone").isEqualTo("intruder");
        }
    }

    @Test
    void aStartOnABusyHttpPortExitsNonZeroAndNamesTheCause() throws IOException {
        Path log = Path.of("target", "e2e", "shutdown-busy-port.log");
        Files.deleteIfExists(log);
        try (MockKubernetes kubernetes = new MockKubernetes(Path.of("crds"), NS);
             ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(busy.getLocalPort());
            OperatorProcess operator = new OperatorProcess(OperatorProcess.defaultJar(), kubernetes.url(), NS, log,
                    Map.of("QUARKUS_HTTP_PORT", port, "FEDERATOR_POD_NAME", "busy"));

            Optional<Exit> exit = operator.launch().awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("the process ended by itself (else it was killed after 60 s)").isPresent();
            assertThat(exit.get().code()).as("exit code").isNotZero();
            assertThat(exit.get().elapsed()).as("launch to exit").isLessThan(Duration.ofSeconds(45));
            String text = Files.readString(log);
            assertThat(text).as("the log names the cause").contains(port).containsIgnoringCase("in use");
            // Whether the Lease is won before the port fails is a race; when it is, the Lease goes back at once too
            // (this is where JOSDK's own exit used to deadlock the failed start).
            if (text.contains("New leader with identity: busy_")) {
                assertThat(text).contains("released the Lease");
            }
            System.out.printf("busy port: exit %d after %d ms%n", exit.get().code(), exit.get().elapsed().toMillis());
        }
    }

    @Test
    void aStartWithoutAnApiServerExitsNonZeroAndNamesTheCause() throws IOException {
        Path log = Path.of("target", "e2e", "shutdown-no-api-server.log");
        Files.deleteIfExists(log);
        String nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = "https://127.0.0.1:" + closed.getLocalPort();
        }
        OperatorProcess operator = new OperatorProcess(OperatorProcess.defaultJar(), nobody, NS, log, Map.of());

        Optional<Exit> exit = operator.launch().awaitExit(Duration.ofSeconds(90));

        assertThat(exit).as("the process ended by itself (else it was killed after 90 s)").isPresent();
        assertThat(exit.get().code()).as("exit code").isNotZero();
        // Most of it is the client's own retries (about 20 s) before the informers give up.
        assertThat(exit.get().elapsed()).as("launch to exit").isLessThan(Duration.ofSeconds(75));
        assertThat(Files.readString(log)).as("the log names the cause").contains("Connection refused")
                .contains(nobody.substring("https://".length()));
        System.out.printf("no API server: exit %d after %d ms%n", exit.get().code(), exit.get().elapsed().toMillis());
    }

    private static Holder holder(KubernetesClient kube) {
        Lease lease = kube.leases().inNamespace(NS).withName(LeaderElection.LEASE).get();
        return new Holder(Instant.now(), lease == null ? null : lease.getSpec().getHolderIdentity());
    }

    private static boolean platformReady(KubernetesClient kube, String ns) {
        IdentityPlatform p = kube.resources(IdentityPlatform.class).inNamespace(ns).withName("kc").get();
        return p != null && p.getStatus() != null && ConnectionProbe.ready(p.getStatus().conditions).equals("True/Verified");
    }

    private static Watcher<Lease> recorder(List<Holder> holders) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, Lease lease) {
                holders.add(new Holder(Instant.now(), lease.getSpec().getHolderIdentity()));
            }

            @Override
            public void onClose(WatcherException cause) {}
        };
    }
}
