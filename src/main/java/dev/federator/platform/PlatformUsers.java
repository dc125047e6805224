package dev.federator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which connections still use a platform, as the connection controller's cache knows them. A platform keeps its
 * finalizer while any do: a namespace deletion removes platforms, Secrets and connections in one sweep, and the
 * connections still need the platform to delete what they created on the vendor.
 */
@ApplicationScoped
public class PlatformUsers {
    /** Names ({@code namespace/name}) of the connections that refer to the platform with this cache key. */
    @FunctionalInterface
    public interface Lookup {
        List<String> connectionsUsing(String platformKey, boolean clusterScoped);
    }

    /** How soon a platform waiting for its connections looks again at first; the wait grows with the deletion's age. */
    static final Duration FIRST_RECHECK = Duration.ofSeconds(2);
    /** A platform held by a connection that cannot delete may wait for days: it looks again no less often than this. */
    static final Duration LAST_RECHECK = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(PlatformUsers.class);
    private final Clock clock;
    private volatile Lookup lookup;

    public PlatformUsers(Clock clock) { this.clock = clock; }

    /** Set once the connection cache is synced, cleared when it stops: before that, nobody can tell. */
    public void publish(Lookup lookup) { this.lookup = lookup; }

    /** Empty while the connection cache is not synced (after a restart): treat the platform as still in use. */
    public Optional<List<String>> of(String platformKey, boolean clusterScoped) {
        Lookup current = lookup;
        return current == null ? Optional.empty() : Optional.of(current.connectionsUsing(platformKey, clusterScoped));
    }

    /**
     * @return why the platform must wait, or empty when no connection uses it any longer
     */
    public Optional<String> holdOn(String platformKey, boolean clusterScoped) {
        Optional<List<String>> users = of(platformKey, clusterScoped);
        if (users.isEmpty()) {
            return Optional.of("the connection cache is not synced yet");
        }
        if (users.get().isEmpty()) {
            return Optional.empty();
        }
        List<String> names = users.get();
        return Optional.of(names.size() + " connection(s) still use it, e.g. " + names.subList(0, Math.min(3, names.size()))
                + "; it is removed once they are deleted (a connection that cannot delete on the vendor says how to "
                + "force it in its Ready condition)");
    }

    /**
     * The platform controllers' cleanup: keep the finalizer while connections use the platform (looking again sooner
     * while the deletion is young, as a namespace sweep usually is), otherwise forget its client and let it go.
     */
    public DeleteControl cleanup(HasMetadata platform, String key, boolean clusterScoped, VendorClientCache clients) {
        Optional<String> hold = holdOn(key, clusterScoped);
        if (hold.isEmpty()) {
            clients.evict(key);
            return DeleteControl.defaultDelete();
        }
        Duration age = deletionAge(platform);
        // Once at INFO, when the wait starts; afterwards the connections' own conditions say what holds them.
        LOG.logf(age.compareTo(FIRST_RECHECK) < 0 ? Logger.Level.INFO : Logger.Level.DEBUG,
                "%s %s is being deleted and waits: %s", platform.getKind(), key, hold.get());
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(recheckAfter(age));
    }

    static Duration recheckAfter(Duration deletionAge) {
        Duration tenth = deletionAge.dividedBy(10);
        return tenth.compareTo(FIRST_RECHECK) < 0 ? FIRST_RECHECK
                : tenth.compareTo(LAST_RECHECK) > 0 ? LAST_RECHECK : tenth;
    }

    private Duration deletionAge(HasMetadata platform) {
        String since = platform.getMetadata().getDeletionTimestamp();
        if (since == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(Instant.parse(since), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
