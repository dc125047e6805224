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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges over the connections this replica reconciles (the leader; a standby reports none):
 * <ul>
 *   <li>{@code federator_connections{ready="True|False|Unknown"}}: how many connections are in each Ready state;</li>
 *   <li>{@code federator_signing_certificate_expiry_seconds{namespace,name}}: seconds until the SAML signing
 *   certificate of a connection expires (negative once expired), for alerts before an SSO outage.</li>
 * </ul>
 * Labels are the Ready state or the connection's namespace and name only: never a URL, a Secret or a subject.
 */
@ApplicationScoped
public class ConnectionMetrics {
    public static final String CONNECTIONS = "federator.connections";
    public static final String CERTIFICATE_EXPIRY = "federator.signing.certificate.expiry";
    public static final String UNCHANGED = "federator.connection.reconciles.unchanged";
    static final String[] READY_STATES = {"True", "False", "Unknown"};

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, String> readyByConnection = new ConcurrentHashMap<>();
    private final Map<String, Certificate> certificates = new ConcurrentHashMap<>();
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

    /** The connection is gone (deleted): its series disappear. */
    public void forget(String namespace, String name) {
        String key = namespace + "/" + name;
        readyByConnection.remove(key);
        removeCertificate(key);
    }

    private void removeCertificate(String key) {
        Certificate removed = certificates.remove(key);
        if (removed != null) {
            registry.remove(removed.gauge);
        }
    }

    private static final class Certificate {
        volatile Instant notAfter;
        Gauge gauge;

        Certificate(Instant notAfter) { this.notAfter = notAfter; }
    }
}
