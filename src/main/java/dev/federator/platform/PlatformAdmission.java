package dev.federator.platform;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one busy platform from holding every reconcile thread. Vendor calls wait for their platform's token
 * bucket inside the reconcile thread; with thousands of connections queued for a slow platform, all threads would
 * end up waiting there while connections of idle platforms queue behind them (measured with 16 threads: a 20 rps
 * Auth0 platform got 13 rps while Keycloak's backlog held the threads). So once the configured number of reconciles
 * of a platform are under way and its bucket is empty, further ones are parked instead of joining the wait. A
 * platform with tokens to spare admits everyone.
 *
 * <p>Parked reconciles wait in line, not on a timer: each reconcile that leaves a platform wakes the next parked
 * one (through {@link #onWakeUp}), which is then admitted even if a newcomer took the room meanwhile. Retrying on a
 * timer instead kept the buckets a fifth idle with 5,000 connections queued, as thousands of deferred reconciles
 * came back, found the platform full and were deferred again, in no particular order.
 */
@ApplicationScoped
public class PlatformAdmission {
    /** How long a parked reconcile waits for its wake-up before it asks again, in case the wake-up was lost. */
    static final Duration PARKED_RECHECK = Duration.ofSeconds(60);

    private final int maxWaiting;
    private final ConcurrentMap<String, Line> lines = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> wakeUp = id -> { };

    /** One platform's reconciles: those under way, and those parked in arrival order. */
    private static final class Line {
        int inFlight;
        final LinkedHashSet<ResourceID> parked = new LinkedHashSet<>();
        /** Woken and not yet back: admitted when they come, so that a wake-up keeps its place in line. */
        final Set<ResourceID> woken = new HashSet<>();
    }

    /** @param maxWaiting reconciles of one platform allowed to wait for its bucket at once */
    public PlatformAdmission(@org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "federator.reconcile.max-waiting-per-platform", defaultValue = "8") int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /** A reconcile's place on a platform; close it when the reconcile is done with the vendor. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Where wake-ups go: the controller's event source, which triggers a reconcile of that resource. */
    public void onWakeUp(Consumer<ResourceID> wakeUp) { this.wakeUp = wakeUp == null ? id -> { } : wakeUp; }

    /**
     * A slot when the reconcile may go on now, or empty when it is parked: it should end without touching the
     * vendor and reschedule after {@link #parkedRecheck()}; a wake-up will normally bring it back sooner.
     *
     * @param expectedWait how long the platform's next call would wait for its bucket or a vendor-requested pause
     */
    public Optional<Slot> enter(String platform, ResourceID resource, Supplier<Duration> expectedWait) {
        Line line = lines.computeIfAbsent(platform, k -> new Line());
        synchronized (line) {
            boolean wasWoken = line.woken.remove(resource);
            if (!wasWoken && line.inFlight >= maxWaiting && !expectedWait.get().isZero()) {
                line.parked.add(resource); // one already parked keeps its place
                return Optional.empty();
            }
            line.parked.remove(resource);
            line.inFlight++;
        }
        return Optional.of(() -> leave(line));
    }

    private void leave(Line line) {
        ResourceID next = null;
        synchronized (line) {
            line.inFlight--;
            Iterator<ResourceID> parked = line.parked.iterator();
            if (parked.hasNext()) {
                next = parked.next();
                parked.remove();
                line.woken.add(next);
            }
        }
        if (next != null) {
            wakeUp.accept(next);
        }
    }

    /** A resource that is gone leaves the line, so a wake-up is not spent on it. */
    public void forget(ResourceID resource) {
        lines.values().forEach(line -> {
            synchronized (line) {
                line.parked.remove(resource);
                line.woken.remove(resource);
            }
        });
    }

    /** When a parked reconcile asks again if no wake-up came: a safety net, not the way it normally comes back. */
    public Duration parkedRecheck() {
        long ms = PARKED_RECHECK.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 4 + 1));
    }

    int inFlight(String platform) {
        Line line = lines.get(platform);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.inFlight;
        }
    }

    int parked(String platform) {
        Line line = lines.get(platform);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.parked.size();
        }
    }
}
