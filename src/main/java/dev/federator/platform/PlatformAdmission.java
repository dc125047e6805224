package dev.federator.platform;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

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
 * one (through {@link #onWakeUp}), handing it its seat.
 */
@ApplicationScoped
public class PlatformAdmission {
    /** How long a parked reconcile waits for its wake-up before it asks again, in case the wake-up was lost. */
    static final Duration PARKED_RECHECK = Duration.ofSeconds(60);
    /** How long a seat is kept for a woken reconcile that has not come yet. */
    static final Duration SEAT_KEPT = Duration.ofMinutes(2);

    private final int maxWaiting;
    private final ConcurrentMap<String, Line> lines = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> wakeUp = id -> { };

    /** One platform's reconciles: those under way, and those parked in arrival order. */
    private static final class Line {
        int inFlight;
        final LinkedHashSet<ResourceID> parked = new LinkedHashSet<>();
        /** Woken and not yet back, with when: each holds a seat, counted in inFlight, until it comes. */
        final LinkedHashMap<ResourceID, Long> woken = new LinkedHashMap<>();

        /** A woken reconcile that never came (its resource failed before asking, say) gives its seat back. */
        void expireSeats(long now) {
            Iterator<Long> oldest = woken.values().iterator();
            while (oldest.hasNext() && now - oldest.next() > SEAT_KEPT.toNanos()) {
                oldest.remove();
                inFlight--;
            }
        }
    }

    /** @param maxWaiting reconciles of one platform under way at once, beyond which each needs a spare call */
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
            line.expireSeats(System.nanoTime());
            if (line.woken.remove(resource) == null) { // a woken one takes the seat kept for it
                if (line.inFlight >= maxWaiting && spareCalls.getAsLong() <= line.inFlight - maxWaiting) {
                    line.parked.add(resource); // one already parked keeps its place
                    return Optional.empty();
                }
                line.parked.remove(resource);
                line.inFlight++;
            }
        }
        return Optional.of(() -> leave(line));
    }

    /**
     * The seat passes straight to the next parked reconcile and stays counted while its wake-up travels: counting
     * it only on arrival let newcomers take the room meanwhile, and the platform's reconciles grew past every bound.
     */
    private void leave(Line line) {
        ResourceID next = null;
        synchronized (line) {
            Iterator<ResourceID> parked = line.parked.iterator();
            if (parked.hasNext()) {
                next = parked.next();
                parked.remove();
                line.woken.put(next, System.nanoTime());
            } else {
                line.inFlight--;
            }
        }
        if (next != null) {
            wakeUp.accept(next);
        }
    }

    /** A resource that is gone leaves the line; a seat kept for it goes to the next one. */
    public void forget(ResourceID resource) {
        lines.values().forEach(line -> {
            boolean heldSeat;
            synchronized (line) {
                line.parked.remove(resource);
                heldSeat = line.woken.remove(resource) != null;
            }
            if (heldSeat) {
                leave(line);
            }
        });
    }

    /** When a parked reconcile asks again if no wake-up came: a safety net, not the way it normally comes back. */
    public Duration parkedRecheck() {
        long ms = PARKED_RECHECK.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 4 + 1));
    }

    int inFlight(String platform) { return read(platform, line -> line.inFlight); }

    int parked(String platform) { return read(platform, line -> line.parked.size()); }

    private int read(String platform, ToIntFunction<Line> what) {
        Line line = lines.get(platform);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return what.applyAsInt(line);
        }
    }
}
