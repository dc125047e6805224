package dev.federator.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** How often a platform waiting for its connections looks again. */
    public static final Duration RECHECK = Duration.ofSeconds(2);
    private volatile Lookup lookup;

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
}
