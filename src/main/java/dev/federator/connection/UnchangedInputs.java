package dev.federator.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.idp.RecheckRequests;
import dev.federator.metrics.ConnectionMetrics;
import dev.federator.platform.ResolvedPlatform;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recognises a reconcile that could not change anything: a restart, or an edit of the platform's pacing, brings
 * back every connection at once, and each would otherwise read its Secrets and write its status again.
 *
 * <p>A successful pass records a digest of what it was computed from: the connection's generation, the platform
 * (its identity and its spec without the pacing fields), the resourceVersion of every Secret it read, and the
 * operator's version (a new version may render connections differently). A later reconcile whose inputs give the
 * same digest, whose connection was Ready, and whose drift check is not yet due has nothing to do; it is rescheduled
 * for when the drift check is due: an interval after this process last compared it with the vendor. Secret versions come from the informer's stubs, so the check reads nothing from
 * the API server; a Secret the informer does not hold means a full pass.
 */
@ApplicationScoped
public class UnchangedInputs {
    /** Platform fields that decide when and how fast connections are synced, not what they look like. */
    private static final List<String> PACING = List.of("syncInterval", "rateLimit");

    private final Clock clock;
    private final String operatorVersion;
    private final ConnectionMetrics comparisons;
    /** When this process started scheduling drift checks: what the first interval after a restart counts from. */
    private final Instant started;

    public UnchangedInputs(Clock clock, @ConfigProperty(name = "quarkus.application.version") String operatorVersion,
                           ConnectionMetrics comparisons) {
        this.clock = clock;
        this.operatorVersion = operatorVersion;
        this.comparisons = comparisons;
        this.started = clock.instant();
    }

    /** What to record after a successful pass, from the Secret versions that pass actually read. */
    public String digest(IdentityConnection connection, ResolvedPlatform platform, Map<String, String> secretVersions) {
        ObjectNode spec = Serialization.jsonMapper().valueToTree(platform.spec());
        spec.remove(PACING);
        StringBuilder text = new StringBuilder()
                .append("operator=").append(operatorVersion)
                .append("\nconnection=").append(connection.getMetadata().getUid())
                .append('@').append(connection.getMetadata().getGeneration())
                .append("\nplatform=").append(platform.key()).append('/').append(platform.resource().getMetadata().getUid())
                .append(' ').append(spec);
        String recheck = RecheckRequests.requested(connection);
        if (recheck != null) {
            // A new re-check request is a new input: the pass it asks for must not be skipped.
            text.append("\nrecheck=").append(recheck);
        }
        new TreeMap<>(secretVersions).forEach((name, version) -> text.append("\nsecret=").append(name).append('@')
                .append(version));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * How long until the connection's drift check is due, if nothing it depends on has changed since its last
     * successful pass; empty when it needs a full pass now.
     *
     * @param secrets the connection controller's Secret informer store (stubs with resourceVersions)
     */
    public Optional<Duration> untilDriftCheck(IdentityConnection connection, IdentityConnectionStatus before,
                                              ResolvedPlatform platform, ItemStore<Secret> secrets) {
        if (!ConnectionSync.steady(connection, before) || before.inputsDigest == null || before.lastSyncTime == null
                || before.pendingCreate != null) {
            return Optional.empty();
        }
        Duration interval = platform.syncInterval();
        Duration left = Duration.between(clock.instant(), due(connection, before, interval));
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Map<String, String> held = new TreeMap<>();
        for (String name : SecretReferences.of(connection)) {
            Secret stub = secrets == null ? null
                    : secrets.get(Cache.namespaceKeyFunc(connection.getMetadata().getNamespace(), name));
            if (stub == null) {
                return Optional.empty();
            }
            held.put(name, stub.getMetadata().getResourceVersion());
        }
        if (!before.inputsDigest.equals(digest(connection, platform, held))) {
            return Optional.empty();
        }
        // Spread the connections a restart brought back over a tenth of the interval, as the drift checks are.
        return Optional.of(left.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis() / 10))));
    }

    /**
     * An interval after this process last compared the connection. A drift check that finds nothing changed writes
     * no status, so after a restart only {@code status.lastSyncTime} (the last change) is known, which may be long
     * ago for every connection: those are then spread over the first interval by their uid, so that a restart does
     * not make them all due at once, and each stays at its place in that interval however often it comes back.
     */
    private Instant due(IdentityConnection connection, IdentityConnectionStatus before, Duration interval) {
        var meta = connection.getMetadata();
        Optional<Instant> compared = comparisons.lastCompared(meta.getNamespace(), meta.getName(), meta.getUid());
        if (compared.isPresent()) {
            return compared.get().plus(interval);
        }
        Instant changed = Instant.parse(before.lastSyncTime).plus(interval);
        if (changed.isAfter(started)) {
            return changed;
        }
        long place = Math.floorMod(String.valueOf(meta.getUid()).hashCode(), Math.max(1, interval.toMillis()));
        return started.plusMillis(place);
    }
}
