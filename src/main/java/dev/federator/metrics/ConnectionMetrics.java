package dev.federator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges over the connections this replica reconciles (the leader; a standby reports none):
 * <ul>
 *   <li>{@code federator_connections{ready="True|False|Unknown"}}: how many connections are in each Ready state;</li>
 *   <li>{@code federator_signing_certificate_expiry_seconds{namespace,name}}: seconds until the SAML signing
 *   certificate of a connection expires (negative once expired), for alerts before an SSO outage;</li>
 *   <li>{@code federator_connection_last_compared_timestamp_seconds{namespace,name,platform}}: when this process last
 *   compared the connection with its vendor. A drift check that finds nothing changed writes nothing to the API
 *   server, so this, not {@code status.lastSyncTime}, shows that drift checks still happen; the drift-check schedule
 *   is computed from the same instant ({@link #lastCompared}).</li>
 * </ul>
 * Labels are the Ready state or the connection's namespace, name and platform (namespace/name of the platform
 * resource) only: never a URL, a Secret or a subject.
 */
@ApplicationScoped
public class ConnectionMetrics {
    public static final String CONNECTIONS = "federator.connections";
    public static final String CERTIFICATE_EXPIRY = "federator.signing.certificate.expiry";
    public static final String UNCHANGED = "federator.connection.reconciles.unchanged";
    public static final String LAST_COMPARED = "federator.connection.last.compared.timestamp";
    static final String[] READY_STATES = {"True", "False", "Unknown"};

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, String> readyByConnection = new ConcurrentHashMap<>();
    private final Map<String, Certificate> certificates = new ConcurrentHashMap<>();
    private final Map<String, Comparison> comparisons = new ConcurrentHashMap<>();
    private final Counter unchanged;

    public ConnectionMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (String state : READY_STATES) {
            Gauge.builder(CONNECTIONS, readyByConnection, m -> m.values().stream().filter(state::equals).count())
                    .description("IdentityConnections by the status of their Ready condition")
                    .tag("ready", state).register(registry);
        }
        unchanged = Counter.builder(UNCHANGED)
                .description("Connection reconciles that found the spec, the platform and the Secrets as the last "
                        + "successful pass left them, with the drift check not yet due: nothing read, nothing written")
                .register(registry);
    }

    /** A reconcile had nothing to do: see {@code dev.federator.connection.UnchangedInputs}. */
    public void unchanged() { unchanged.increment(); }

    /**
     * Records what a reconcile left on a connection.
     *
     * @param ready the Ready condition's status (True, False, Unknown or null when not set yet)
     * @param certificateNotAfter the SAML signing certificate's expiry, or null when the connection has none
     */
    public void record(String namespace, String name, String ready, Instant certificateNotAfter) {
        String key = namespace + "/" + name;
        readyByConnection.put(key, "True".equals(ready) || "False".equals(ready) ? ready : "Unknown");
        if (certificateNotAfter == null) {
            removeCertificate(key);
            return;
        }
        Certificate existing = certificates.get(key);
        if (existing != null) {
            existing.notAfter = certificateNotAfter;
            return;
        }
        Certificate certificate = new Certificate(certificateNotAfter);
        certificate.gauge = Gauge.builder(CERTIFICATE_EXPIRY, certificate,
                        c -> Duration.between(clock.instant(), c.notAfter).toMillis() / 1000.0)
                .description("Seconds until the SAML signing certificate of a connection expires (negative: expired)")
                .baseUnit("seconds").tags(Tags.of("namespace", namespace, "name", name))
                .strongReference(true).register(registry);
        certificates.put(key, certificate);
    }

    /**
     * A pass read the connection's vendor and compared it with the spec (whether or not it then wrote).
     *
     * @param uid tells a connection from a new one of the same name, which must not inherit the schedule
     * @param platform the platform's key (namespace/name, or name for a cluster platform)
     */
    public void compared(String namespace, String name, String uid, String platform) {
        String key = namespace + "/" + name;
        Comparison previous = comparisons.get(key);
        if (previous != null && previous.platform.equals(platform)) {
            comparisons.put(key, previous.at(uid, clock.instant()));
            return;
        }
        Comparison next = new Comparison(uid, platform, clock.instant(), Gauge.builder(LAST_COMPARED, comparisons,
                        m -> m.containsKey(key) ? m.get(key).at.toEpochMilli() / 1000.0 : Double.NaN)
                .description("When this process last compared the connection with its vendor (a drift check or any "
                        + "other pass that read it), in seconds since the epoch")
                .baseUnit("seconds").tags(Tags.of("namespace", namespace, "name", name, "platform", platform))
                .register(registry));
        comparisons.put(key, next);
        if (previous != null) {
            registry.remove(previous.gauge); // moved to another platform: the old series ends
        }
    }

    /** When this process last compared the connection with uid {@code uid}; empty before its first comparison here. */
    public Optional<Instant> lastCompared(String namespace, String name, String uid) {
        Comparison c = comparisons.get(namespace + "/" + name);
        return c == null || !c.uid.equals(uid) ? Optional.empty() : Optional.of(c.at);
    }

    /** The connection is gone (deleted, or relabelled to another shard): its series disappear. */
    public void forget(String namespace, String name) {
        String key = namespace + "/" + name;
        readyByConnection.remove(key);
        removeCertificate(key);
        Comparison removed = comparisons.remove(key);
        if (removed != null) {
            registry.remove(removed.gauge);
        }
    }

    private void removeCertificate(String key) {
        Certificate removed = certificates.remove(key);
        if (removed != null) {
            registry.remove(removed.gauge);
        }
    }

    private record Comparison(String uid, String platform, Instant at, Gauge gauge) {
        Comparison at(String newUid, Instant instant) { return new Comparison(newUid, platform, instant, gauge); }
    }

    private static final class Certificate {
        volatile Instant notAfter;
        Gauge gauge;

        Certificate(Instant notAfter) { this.notAfter = notAfter; }
    }
}
