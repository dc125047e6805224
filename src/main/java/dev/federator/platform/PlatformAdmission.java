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
import java.util.function.LongSupplier;

/**
 * Keeps one busy platform from holding every reconcile thread. Vendor calls wait for their platform's token
 * bucket inside the reconcile thread; with thousands of connections queued for a slow platform, all threads would
 * end up waiting there while connections of other platforms queue behind them. So a platform has a few reconciles
 * under way ({@code maxWaiting}), and more only while its bucket has a spare call for each of the extra ones; the
 * others are parked.
 *
 * <p>Counting spare calls, not "is a token free right now", matters: reconciles under way spend part of their time
 * on the Kubernetes API, the bucket refills meanwhile, and a test for one free token let newcomers in until a
 * 20 rps platform held all 64 threads (measured with 5,000 connections: the other platforms made no call for
 * minutes).
 *
 * <p>Parked reconciles wait in line, not on a timer: each reconcile that leaves a platform wakes the next parked
 * one (through {@link #onWakeUp}), which is then admitted even if a newcomer took the room meanwhile.
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
     * @param spareCalls calls the platform could make now without waiting for its bucket or a vendor's pause
     */
    public Optional<Slot> enter(String platform, ResourceID resource, LongSupplier spareCalls) {
        Line line = lines.computeIfAbsent(platform, k -> new Line());
        synchronized (line) {
            boolean wasWoken = line.woken.remove(resource);
            if (!wasWoken && line.inFlight >= maxWaiting && spareCalls.getAsLong() <= line.inFlight - maxWaiting) {
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
