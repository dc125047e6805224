package dev.federator.operator;

import dev.federator.shard.Shard;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What happens to the Lease when leadership ends. On shutdown (SIGTERM or a failed start) the operator first stops
 * reconciling (the operator SDK's own shutdown observer), then this clears the Lease's holder so that a standby
 * replica takes over within its retry period instead of waiting for the lease to expire. A Lease lost while running
 * (renewals failed, another replica took it) ends the process with exit code 1 through an orderly Quarkus shutdown,
 * so that Kubernetes restarts it as a standby and two replicas never reconcile at once.
 */
@Singleton
public class LeaseHandover {
    private static final Logger LOG = Logger.getLogger(LeaseHandover.class);
    /** Past this the standby takes over when the lease expires anyway; the pod's grace period must cover it. */
    static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final String namespace;
    private final String identity;
    private final String lease;
    private final IntConsumer exit;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicBoolean led = new AtomicBoolean();

    @Inject
    LeaseHandover(KubernetesClient client, @ConfigProperty(name = "federator.namespace") String namespace,
                  @ConfigProperty(name = "federator.pod-name") String podName, Shard shard) {
        this(client, namespace, podName, shard.leaseName(LeaderElection.LEASE), Quarkus::asyncExit);
    }

    LeaseHandover(KubernetesClient client, String namespace, String podName, IntConsumer exit) {
        this(client, namespace, podName, LeaderElection.LEASE, exit);
    }

    LeaseHandover(KubernetesClient client, String namespace, String podName, String lease, IntConsumer exit) {
        this.client = client;
        this.lease = lease;
        this.namespace = namespace;
        // Unique per process, as client-go does it: a restarted pod keeps its name but must not inherit its
        // predecessor's Lease, and two processes on one host never share an identity.
        this.identity = podName + "_" + UUID.randomUUID();
        this.exit = exit;
    }

    public String identity() { return identity; }

    public String namespace() { return namespace; }

    /** The Lease this process's shard elects its leader in: {@value LeaderElection#LEASE}, plus the shard's key. */
    public String lease() { return lease; }

    /** Runs before the operator SDK stops the operator: from now on, the end of leadership is expected. */
    void shutdownStarts(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        shuttingDown.set(true);
    }

    /** Runs after the operator SDK stopped the operator (its observer has the default priority): nothing reconciles. */
    void operatorStopped(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 500) ShutdownEvent event) {
        if (!led.get()) {
            return; // a standby, or leader election is off (dev and test profiles): nothing to hand over
        }
        CompletableFuture<Boolean> release = CompletableFuture.supplyAsync(this::release);
        try {
            if (release.get(RELEASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.infof("Stopped reconciling and released the Lease %s/%s for the next leader", namespace,
                        lease);
            }
        } catch (TimeoutException e) {
            release.cancel(true);
            LOG.warnf("Could not release the Lease %s/%s within %s; the next leader takes over when it expires",
                    namespace, lease, RELEASE_TIMEOUT);
        } catch (ExecutionException e) {
            LOG.warnf("Could not release the Lease %s/%s (%s); the next leader takes over when it expires",
                    namespace, lease, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The leader elector's start-leading callback. */
    void leadershipStarted() { led.set(true); }

    /** The leader elector's stop-leading callback (also called on a cancelled election, i.e. on shutdown). */
    void leadershipEnded() {
        if (shuttingDown.get()) {
            return;
        }
        LOG.errorf("Lost the Lease %s/%s while running (renewals failed or another replica took it); exiting so that "
                + "this replica restarts as a standby and never reconciles beside the new leader", namespace,
                lease);
        exit.accept(1);
    }

    /** Clears the holder if it is still this process (Fabric8's own release); false if another one holds it. */
    boolean release() {
        LeaseLock lock = new LeaseLock(namespace, lease, identity);
        LeaderCallbacks none = new LeaderCallbacks(() -> {}, () -> {}, leader -> {});
        LeaderElectionConfig config = new LeaderElectionConfig(lock, LeaderElection.LEASE_DURATION,
                LeaderElection.RENEW_DEADLINE, LeaderElection.RETRY_PERIOD, none, true, lease);
        return client.leaderElector().withConfig(config).build().release();
    }
}
