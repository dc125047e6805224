package dev.federator.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decides, per platform, when a listing is cheaper than reading each new connection before creating it.
 *
 * <p>A listing answers every new connection of its platform for as long as it is trusted; a direct read answers
 * one. Which is cheaper depends on how many new connections will come, which nobody knows in advance, so this is
 * the ski-rental rule: read directly until the direct reads of the current window (as long as a listing is trusted)
 * have cost as much as one listing of the platform, then list. Whatever the mix, that costs at most about twice the
 * cheaper choice made in hindsight: a bulk create pays a few reads, one listing and then nothing but its creates
 * (close to one call per connection), while one new connection on a platform holding 5,000 pays one read and never a
 * 50-page listing. Listings taken by drift checks serve new connections for free while they are fresh.
 */
final class NewConnectionReads {
    /**
     * The cost assumed for a platform never listed before: the pages of a 500-connection account. A bulk create pays
     * five reads before its first listing (and, on Auth0, whose listing also reads the applications of each of our
     * own connections, about as many reads of those), and up to five new connections per sync interval never list a
     * platform of unknown size; once listed, its real page count is used.
     */
    static final int UNKNOWN_LISTING_COST = 5;

    private record Window(Instant start, int reads) {}

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    NewConnectionReads(Clock clock) { this.clock = clock; }

    /** Whether the direct reads of the current window have cost at least {@code listingCost} calls. */
    boolean listingPaysOff(String platform, int listingCost, Duration window) {
        Window current = windows.get(platform);
        return current != null && open(current, window, clock.instant()) && current.reads() >= listingCost;
    }

    void readDirectly(String platform, Duration window) {
        Instant now = clock.instant();
        windows.compute(platform, (key, current) -> current == null || !open(current, window, now)
                ? new Window(now, 1) : new Window(current.start(), current.reads() + 1));
    }

    /** A listing was taken: the reads it replaces start counting again. */
    void listed(String platform) { windows.remove(platform); }

    private static boolean open(Window window, Duration length, Instant now) {
        return window.start().plus(length).isAfter(now);
    }
}
