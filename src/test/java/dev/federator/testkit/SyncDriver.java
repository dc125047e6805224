package dev.federator.testkit;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.connection.ConnectionSync;
import dev.federator.connection.RemoteSnapshots;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.VendorClient;
import dev.federator.secrets.Fingerprints;
import dev.federator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The operator's read-compare-write pass ({@link ConnectionSync}, real fingerprints) for connections of one platform,
 * with Kubernetes left out: a connection is a resource object and its status in memory, events are kept in a list.
 */
public final class SyncDriver {
    /** One event the pass recorded; {@code toString} is "reason: message". */
    public record Event(String reason, String message) {
        @Override public String toString() { return reason + ": " + message; }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final ConnectionSync sync;
    private final ResolvedPlatform platform;

    /** A driver for the IdentityPlatform {@code namespace/platformName} whose vendor block is {@code vendor}. */
    public SyncDriver(String namespace, String platformName, String vendor) {
        EventRecorder recorder = new EventRecorder(null, Clock.systemUTC()) {
            @Override public void normal(HasMetadata r, String reason, String message) { record(reason, message); }
            @Override public void warning(HasMetadata r, String reason, String message) { record(reason, message); }
        };
        this.sync = new ConnectionSync(new Fingerprints(new byte[32]), recorder, new RemoteSnapshots(Clock.systemUTC()),
                Clock.systemUTC());
        this.platform = new ResolvedPlatform(namespace + "/" + platformName, new IdentityPlatform(), new PlatformSpec(),
                vendor, namespace);
    }

    private void record(String reason, String message) { events.add(new Event(reason, message)); }

    public ResolvedPlatform platform() { return platform; }

    /** Every event so far as "reason: message". */
    public List<String> events() { return events.stream().map(Event::toString).toList(); }

    public List<String> reasons() { return events.stream().map(Event::reason).toList(); }

    public void clearEvents() { events.clear(); }

    /** One pass over {@code connection}; {@code steady} passes are drift checks, which may read the listing. */
    public void pass(IdentityConnection connection, IdentityConnectionStatus status, VendorClient client,
                     DesiredConnection desired, boolean steady) {
        pass(connection, status, client, desired, steady, s -> { });
    }

    /** One pass that hands the create intent to {@code persistPendingCreate}, as the controller writes it. */
    public void pass(IdentityConnection connection, IdentityConnectionStatus status, VendorClient client,
                     DesiredConnection desired, boolean steady,
                     java.util.function.Consumer<IdentityConnectionStatus> persistPendingCreate) {
        sync.sync(connection, status, platform, client, desired, steady, persistPendingCreate);
    }

    /** A new IdentityConnection of {@code type} at generation 1, not yet on any vendor. */
    public static IdentityConnection connection(String namespace, String name, String uid, ConnectionType type) {
        IdentityConnection resource = new IdentityConnection();
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid(uid)
                .withGeneration(1L).build());
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.type = type;
        resource.setSpec(spec);
        return resource;
    }
}
