package dev.federator.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replicas elect one leader through a Lease in the operator's namespace; only the leader reconciles, so two
 * replicas never race on the same vendor connection. Active in the prod profile (see application.properties).
 */
public class LeaderElection {
    public static final String LEASE = "federator-leader";

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(@ConfigProperty(name = "federator.namespace") String namespace) {
        return new LeaderElectionConfiguration(LEASE, namespace);
    }
}
