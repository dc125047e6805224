package dev.federator.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps one busy platform from holding every reconcile thread. Vendor calls wait for their platform's token
 * bucket inside the reconcile thread; with thousands of connections queued for a slow platform, all threads would
 * end up waiting there while connections of idle platforms queue behind them (measured with 16 threads: a 20 rps Auth0 platform got
 * 13 rps while Keycloak's backlog held the threads). So once the configured number of reconciles of a platform are
 * under way and its bucket is empty, further ones are deferred briefly instead of joining the wait. A platform with
 * tokens to spare admits everyone.
 */
@ApplicationScoped
public class PlatformAdmission {
    private final int maxWaiting;
    private static final Duration MIN_DEFERRAL = Duration.ofMillis(100);
    private static final Duration MAX_DEFERRAL = Duration.ofSeconds(5);

    private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** @param maxWaiting reconciles of one platform allowed to wait for its bucket at once */
    public PlatformAdmission(@org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "federator.reconcile.max-waiting-per-platform", defaultValue = "4") int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /** A reconcile's place on a platform; close it when the reconcile is done with the vendor. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A slot when the reconcile may go on now, or empty when it should be rescheduled after {@link #deferral}.
     *
     * @param expectedWait how long the platform's next call would wait for its bucket or a vendor-requested pause
     */
    public Optional<Slot> enter(String platform, Supplier<Duration> expectedWait) {
        AtomicInteger count = inFlight.computeIfAbsent(platform, k -> new AtomicInteger());
        int now = count.incrementAndGet();
        if (now > maxWaiting && !expectedWait.get().isZero()) {
            count.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(count::decrementAndGet);
    }

    /** When to try again: about as long as the reconciles ahead of this one will keep the platform busy. */
    public Duration deferral(Duration expectedWait) {
        long ms = Math.min(MAX_DEFERRAL.toMillis(), Math.max(MIN_DEFERRAL.toMillis(), expectedWait.toMillis() * maxWaiting));
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    int inFlight(String platform) {
        AtomicInteger count = inFlight.get(platform);
        return count == null ? 0 : count.get();
    }
}
