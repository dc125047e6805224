package dev.federator.connection;

import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an adoption writes: nothing when the vendor already holds the spec. The owner marker alone is never worth a
 * write (the status' id keeps the connection ours, see {@link Ownership}), and a write-only secret the vendor hides
 * cannot be compared: when nothing else differs, the Secret's value is trusted to be what the vendor holds (export's
 * Secret template asks for exactly that) and only its fingerprint is recorded, so that a later rotation of the Secret
 * is written as usual. When a real field differs, the write happens anyway and carries the secrets and the marker.
 */
public final class QuietAdoption {
    private QuietAdoption() {}

    /**
     * @param changed the paths that differ with the fingerprints recorded so far
     * @param trustSecrets records the fingerprints of the rendering's secrets, without writing them
     * @param rediff the paths that differ once those fingerprints are recorded
     * @return the paths to write
     */
    static List<String> adopt(List<String> changed, Rendering rendering, VendorClient client,
                              Runnable trustSecrets, Supplier<List<String>> rediff) {
        if (!onlyBookkeeping(changed, rendering.writeOnlyPaths(), client)) {
            return changed;
        }
        trustSecrets.run();
        List<String> left = rediff.get();
        deferMarker(left, client);
        return left;
    }

    /** Drops the owner marker when it is the only path that differs: it goes with the next real write. */
    static void deferMarker(List<String> changed, VendorClient client) {
        client.ownerMarkerPath().filter(p -> changed.size() == 1 && changed.contains(p)).ifPresent(changed::remove);
    }

    /** Whether adopting a connection whose differing paths are {@code changed} writes nothing (federator diff asks). */
    public static boolean writesNothing(List<String> changed, Rendering rendering, VendorClient client) {
        return onlyBookkeeping(changed, rendering.writeOnlyPaths(), client);
    }

    private static boolean onlyBookkeeping(List<String> changed, Set<String> writeOnly, VendorClient client) {
        String marker = client.ownerMarkerPath().orElse(null);
        return changed.stream().allMatch(p -> writeOnly.contains(p) || p.equals(marker));
    }

}
