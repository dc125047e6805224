package dev.federator.connection;

import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.VendorClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Drift checks of connections in steady state read a recent listing of their platform instead of one GET each:
 * a resync of a thousand connections then costs a few list pages. Our own writes are applied to the listing at
 * once, so it never makes the operator write twice; anything else is at most {@code maxAge} old.
 */
@ApplicationScoped
public class RemoteSnapshots {
    private record Snapshot(Instant takenAt, Map<String, RemoteConnection> byName) {}

    private final ConcurrentMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    public RemoteSnapshots(Clock clock) { this.clock = clock; }

    /**
     * The connection as listed, or empty when it is not there; {@code Optional.empty()} outside when the vendor has
     * no list call worth using, so the caller reads it directly.
     */
    public Optional<Optional<RemoteConnection>> find(String platform, VendorClient client, String name, Duration maxAge) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot == null || snapshot.takenAt().plus(maxAge).isBefore(clock.instant())) {
            synchronized (locks.computeIfAbsent(platform, k -> new Object())) {
                snapshot = snapshots.get(platform);
                if (snapshot == null || snapshot.takenAt().plus(maxAge).isBefore(clock.instant())) {
                    Instant takenAt = clock.instant();
                    Optional<List<RemoteConnection>> listed = client.listAll();
                    if (listed.isEmpty()) {
                        return Optional.empty();
                    }
                    snapshot = new Snapshot(takenAt, unambiguous(listed.get()));
                    snapshots.put(platform, snapshot);
                }
            }
        }
        return Optional.of(Optional.ofNullable(snapshot.byName().get(name)));
    }

    /**
     * By name, leaving out names two connections share (SlashID's OIDC and SAML collections are separate): those are
     * read directly, since the listing cannot tell which one a resource means.
     */
    private static Map<String, RemoteConnection> unambiguous(List<RemoteConnection> listed) {
        Map<String, List<RemoteConnection>> byName = listed.stream().collect(Collectors.groupingBy(RemoteConnection::name));
        Map<String, RemoteConnection> single = new ConcurrentHashMap<>();
        byName.forEach((name, remotes) -> {
            if (remotes.size() == 1) {
                single.put(name, remotes.get(0));
            }
        });
        return single;
    }

    public void written(String platform, RemoteConnection remote) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot != null) {
            snapshot.byName().put(remote.name(), remote);
        }
    }

    public void forget(String platform, String name) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot != null) {
            snapshot.byName().remove(name);
        }
    }
}
