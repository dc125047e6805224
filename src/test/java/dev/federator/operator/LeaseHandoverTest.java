package dev.federator.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.sandbox.MockKubernetes;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The end of leadership: expected on shutdown (hand the Lease over), fatal while running (exit 1). */
class LeaseHandoverTest {
    private static final String NS = "federator-system";
    private static MockKubernetes kubernetes;
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private LeaseHandover handover;

    @BeforeAll
    static void api() { kubernetes = new MockKubernetes(Path.of("crds"), NS); }

    @AfterAll
    static void stop() { kubernetes.close(); }

    @BeforeEach
    void handover() {
        kubernetes.client().leases().inNamespace(NS).withName(LeaderElection.LEASE).delete();
        handover = new LeaseHandover(kubernetes.client(), NS, "federator-0", exits::add);
    }

    @Test
    void eachProcessHasItsOwnIdentityEvenWithTheSamePodName() {
        LeaseHandover other = new LeaseHandover(kubernetes.client(), NS, "federator-0", exits::add);
        assertThat(handover.identity()).startsWith("federator-0_").isNotEqualTo(other.identity());
    }

    @Test
    void losingTheLeaseWhileRunningExitsWithOne() {
        handover.leadershipEnded();
        assertThat(exits).containsExactly(1);
    }

    @Test
    void theEndOfLeadershipDuringShutdownIsExpected() {
        handover.shutdownStarts(null);
        handover.leadershipEnded();
        assertThat(exits).isEmpty();
    }

    @Test
    void afterTheOperatorStoppedItClearsItsOwnHolder() {
        lease(handover.identity());
        handover.leadershipStarted();
        handover.shutdownStarts(null);
        handover.operatorStopped(null);
        Lease lease = lease();
        assertThat(lease.getSpec().getHolderIdentity()).as("holder").isEmpty();
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        assertThat(exits).isEmpty();
    }

    @Test
    void itLeavesAnotherReplicasLeaseAlone() {
        lease("federator-1_other");
        assertThat(handover.release()).isFalse();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("federator-1_other");
    }

    @Test
    void anUnreachableApiServerDelaysTheShutdownByTheReleaseTimeoutAtMost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(20).build();
        try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(config).build()) {
            LeaseHandover standby = new LeaseHandover(nowhere, NS, "federator-1", exits::add);
            long start = System.nanoTime();
            standby.operatorStopped(null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a standby has nothing to release")
                    .isLessThan(Duration.ofMillis(500));

            LeaseHandover leader = new LeaseHandover(nowhere, NS, "federator-0", exits::add);
            leader.leadershipStarted();
            start = System.nanoTime();
            leader.operatorStopped(null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a leader gives up after the release timeout")
                    .isBetween(LeaseHandover.RELEASE_TIMEOUT.minusMillis(500), LeaseHandover.RELEASE_TIMEOUT.plusSeconds(2));
        }
    }

    private void lease(String holder) {
        kubernetes.client().resource(new LeaseBuilder().withNewMetadata().withName(LeaderElection.LEASE)
                .withNamespace(NS).endMetadata().withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
    }

    private Lease lease() { return kubernetes.client().leases().inNamespace(NS).withName(LeaderElection.LEASE).get(); }
}
