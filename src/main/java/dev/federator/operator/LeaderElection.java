package dev.federator.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Replicas elect one leader through a Lease in the operator's namespace; only the leader reconciles, so two
 * replicas never race on the same vendor connection. Each shard has its own Lease ({@code federator-leader-<key>};
 * the default shard keeps {@value #LEASE}), so every shard has a leader and its own standbys. Active in the prod profile (see application.properties).
 * <p>
 * JOSDK 5.2 would call {@code System.exit(1)} when leadership ends, which deadlocks a JVM that is already shutting
 * down (SIGTERM, failed start); {@link LeaseHandover} decides instead: a shutdown hands the Lease over, a lost
 * Lease while running ends the process.
 */
public class LeaderElection {
    /** The Lease of an unsharded operator and of the default shard. */
    public static final String LEASE = "federator-leader";
    /** A leader that vanishes without releasing the Lease (a crash, a SIGKILL) is replaced after this. */
    public static final Duration LEASE_DURATION = LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
    static final Duration RENEW_DEADLINE = LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE;
    /** A standby tries to take the Lease this often (plus jitter): the takeover time after a release. */
    static final Duration RETRY_PERIOD = LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE;
    private static final boolean EXIT_ON_STOP_LEADING = false;

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(LeaseHandover handover) {
        LeaderCallbacks callbacks = new LeaderCallbacks(handover::leadershipStarted, handover::leadershipEnded,
                leader -> {});
        return new LeaderElectionConfiguration(handover.lease(), handover.namespace(), LEASE_DURATION, RENEW_DEADLINE,
                RETRY_PERIOD, handover.identity(), callbacks, EXIT_ON_STOP_LEADING);
    }
}
