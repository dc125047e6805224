package dev.federator.platform;

import dev.federator.api.v1alpha1.PlatformSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;

/**
 * A platform a connection may use, with where its Secrets live.
 *
 * @param key namespace/name for an IdentityPlatform, name for a ClusterIdentityPlatform: the cache key
 * @param secretNamespace the platform's own namespace, or the operator's for a cluster platform
 */
public record ResolvedPlatform(String key, HasMetadata resource, PlatformSpec spec, String vendor,
                               String secretNamespace) {
    public long generation() {
        Long g = resource.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    public Duration syncInterval() { return Durations.parse(spec.syncInterval, Duration.ofMinutes(10)); }
}
