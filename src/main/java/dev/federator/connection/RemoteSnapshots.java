package dev.federator.connection;

import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Drift checks of connections in steady state read a recent listing of their platform instead of one GET each:
 * a resync of a thousand connections then costs a few list pages. Our own writes are applied to the listing at
 * once, so it never makes the operator write twice; anything else is at most {@code maxAge} old.
 *
 * <p>New connections use the same listing to learn that they are not on the vendor yet ({@link #findNew}), but only
 * when listing is cheaper than reading each one: see {@link NewConnectionReads}.
 */
@ApplicationScoped
public class RemoteSnapshots {
    /**
     * Connections per page of the paged listings (Keycloak, ezto, Auth0). The unpaged ones (LoginRadius, DevRev)
     * cost one call whatever their size: for them the estimate errs towards reading directly, never towards listing.
     */
    static final int PAGE = 100;

    /** @param written names whose entry is our own write's result, which is already complete */
    private record Snapshot(Instant takenAt, Map<String, RemoteConnection> byName, Set<String> ambiguous, int pages,
                            Set<String> written) {
        boolean fresh(Instant now, Duration maxAge) { return !takenAt.plus(maxAge).isBefore(now); }

        /** Outer empty for a name two listed connections share: the listing cannot tell which one is meant. */
        Optional<Optional<RemoteConnection>> answer(String name) {
            return ambiguous.contains(name) ? Optional.empty() : Optional.of(Optional.ofNullable(byName.get(name)));
        }
    }

    private final ConcurrentMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    private final NewConnectionReads newReads;
    private final Clock clock;

    public RemoteSnapshots(Clock clock) {
        this.clock = clock;
        this.newReads = new NewConnectionReads(clock);
    }

    /**
     * The connection as listed and completed for {@code rendering} ({@link VendorClient#completeListed}: the one
     * per-connection read a listing leaves out, made only for the connection compared), or empty when it is not
     * there; {@code Optional.empty()} outside when the vendor has no list call worth using, so the caller reads it
     * directly.
     */
    public Optional<Optional<RemoteConnection>> find(String platform, VendorClient client, String name, Duration maxAge,
                                                     Rendering rendering) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot == null || !snapshot.fresh(clock.instant(), maxAge)) {
            snapshot = listIfStale(platform, client, maxAge);
            if (snapshot == null) {
                return Optional.empty();
            }
        }
        Optional<Optional<RemoteConnection>> answer = snapshot.answer(name);
        if (answer.isEmpty() || answer.get().isEmpty() || snapshot.written().contains(name)) {
            return answer;
        }
        return Optional.of(Optional.of(client.completeListed(answer.get().get(), rendering)));
    }

    /**
     * For a connection no pass has created yet: the listing's answer (not completed, since only its absence is used)
     * when a listing no older than {@code maxAge} is at hand, or when reading the new connections one by one has lately
     * cost as much as a listing of the platform does ({@link NewConnectionReads}); otherwise {@code Optional.empty()},
     * and the caller reads it directly and says so with {@link #readNewDirectly}.
     */
    public Optional<Optional<RemoteConnection>> findNew(String platform, VendorClient client, String name,
                                                        Duration maxAge) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot == null || !snapshot.fresh(clock.instant(), maxAge)) {
            int listingCost = snapshot == null ? NewConnectionReads.UNKNOWN_LISTING_COST : snapshot.pages();
            if (!newReads.listingPaysOff(platform, listingCost, maxAge)) {
                return Optional.empty();
            }
            snapshot = listIfStale(platform, client, maxAge);
            if (snapshot == null) {
                return Optional.empty();
            }
        }
        return snapshot.answer(name);
    }

    /** A new connection was read from the vendor directly, because no listing was at hand or worth taking. */
    public void readNewDirectly(String platform, Duration window) { newReads.readDirectly(platform, window); }

    /** One listing per platform at a time: callers that waited for it use the one just taken. */
    private Snapshot listIfStale(String platform, VendorClient client, Duration maxAge) {
        synchronized (locks.computeIfAbsent(platform, k -> new Object())) {
            Snapshot snapshot = snapshots.get(platform);
            if (snapshot != null && snapshot.fresh(clock.instant(), maxAge)) {
                return snapshot;
            }
            Instant takenAt = clock.instant();
            Optional<List<RemoteConnection>> listed = client.listAll();
            if (listed.isEmpty()) {
                return null;
            }
            int pages = Math.max(1, (listed.get().size() + PAGE - 1) / PAGE);
            // SlashID's OIDC and SAML collections are separate, so two connections may share a name: those are read
            // directly, never answered (and never found absent) from the listing.
            Map<String, List<RemoteConnection>> byName = listed.get().stream()
                    .collect(Collectors.groupingBy(RemoteConnection::name));
            Map<String, RemoteConnection> single = new ConcurrentHashMap<>();
            Set<String> ambiguous = new HashSet<>();
            byName.forEach((name, remotes) -> {
                if (remotes.size() == 1) {
                    single.put(name, remotes.get(0));
                } else {
                    ambiguous.add(name);
                }
            });
            snapshot = new Snapshot(takenAt, single, Set.copyOf(ambiguous), pages, ConcurrentHashMap.newKeySet());
            snapshots.put(platform, snapshot);
            newReads.listed(platform);
            return snapshot;
        }
    }

    public void written(String platform, RemoteConnection remote) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot != null) {
            snapshot.byName().put(remote.name(), remote);
            snapshot.written().add(remote.name());
        }
    }

    public void forget(String platform, String name) {
        Snapshot snapshot = snapshots.get(platform);
        if (snapshot != null) {
            snapshot.byName().remove(name);
            snapshot.written().remove(name);
        }
    }
}
