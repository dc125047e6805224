package dev.federator.shard;

import dev.federator.provider.spi.Reason;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.platform.PlatformProblem;
import dev.federator.platform.ResolvedPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps every vendor call for a platform in the platform's shard, so that the platform's rate limit is spent by one
 * process only. A shard sees only the platforms labelled for it; a connection whose platform it does not see is
 * either waiting for a platform that does not exist (PlatformNotFound) or labelled for another shard than its
 * platform. The latter gets {@value #REASON} and no vendor call, here or anywhere: the platform's shard never sees the
 * connection. The user fixes it by labelling the connection like its platform (or moving both).
 */
@ApplicationScoped
public class ShardGuard {
    public static final Reason REASON = Reason.ShardMismatch;

    private final KubernetesClient client;
    private final Shard shard;

    public ShardGuard(KubernetesClient client, Shard shard) {
        this.client = client;
        this.shard = shard;
    }

    /**
     * The platform, if it is this shard's. The informers' label selectors already keep other shards' platforms out of
     * the cache; this holds the guarantee even where they do not (an API server that mishandles a selector, a cache
     * still holding a platform just relabelled away).
     */
    public ResolvedPlatform requireOwned(IdentityConnection connection, ResolvedPlatform platform) {
        if (shard.owns(platform.resource())) {
            return platform;
        }
        throw mismatch(connection, platform.resource(), connection.getSpec().platformRef);
    }

    /**
     * What to report for a connection whose platform is not in this shard's cache: {@code notFound}, unless the
     * platform exists in another shard. One GET, only on this failure path (a connection that cannot sync).
     */
    public PlatformProblem explainMissingPlatform(IdentityConnection connection, PlatformProblem notFound) {
        if (!shard.sharded()) {
            return notFound;
        }
        PlatformRef ref = connection.getSpec().platformRef;
        HasMetadata platform = ref.kind() == PlatformRef.Kind.IdentityPlatform
                ? client.resources(IdentityPlatform.class).inNamespace(connection.getMetadata().getNamespace())
                        .withName(ref.name).get()
                : client.resources(ClusterIdentityPlatform.class).withName(ref.name).get();
        if (platform == null || shard.owns(platform)) {
            return notFound; // gone, or just relabelled into this shard and not in the cache yet: the watch follows
        }
        return mismatch(connection, platform, ref);
    }

    private PlatformProblem mismatch(IdentityConnection connection, HasMetadata platform, PlatformRef ref) {
        return new PlatformProblem(REASON, ref.kind() + " " + ref.name + " is " + Shard.describeLabel(platform)
                + ", this connection is " + Shard.describeLabel(connection) + " (reconciled by shard " + shard.name()
                + "). All connections of a platform are reconciled by the platform's shard, so that together they keep "
                + "within its rate limit: give this connection the platform's " + Shard.LABEL + " label. Nothing was "
                + "sent to the vendor");
    }
}
