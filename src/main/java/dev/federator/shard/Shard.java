package dev.federator.shard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which share of the resources this process reconciles, from the label {@value #LABEL} (as Flux's
 * {@code sharding.fluxcd.io/key}). A named shard ({@code FEDERATOR_SHARD=a}) takes what is labelled with its key;
 * the default shard (no FEDERATOR_SHARD) takes everything else: unlabelled resources and those labelled with a key
 * no shard runs for, so that nothing is left unreconciled by a typo. For that the default shard is told the named
 * shards ({@code FEDERATOR_SHARDS=a,b}); with neither set the operator is not sharded and takes everything.
 *
 * <p>The same rule is both the informers' server-side label selector (so a shard's caches, and its memory, hold only
 * its share) and {@link #owns}, the in-memory test of a resource read outside those informers.
 */
public final class Shard {
    public static final String LABEL = "sharding.federator.dev/key";
    public static final String DEFAULT = "default";
    /** A label value: what a shard's key must be, since it is matched against the label. */
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");

    private final Optional<String> key;
    private final Set<String> others;

    private Shard(Optional<String> key, Set<String> others) {
        this.key = key;
        this.others = others;
    }

    /**
     * @param key    this process's shard key, empty for the default shard
     * @param shards every named shard's key (only the default shard needs it; a named shard may list them too)
     */
    public static Shard of(Optional<String> key, List<String> shards) {
        Optional<String> own = key.map(String::trim).filter(k -> !k.isEmpty());
        own.ifPresent(k -> requireLabelValue("FEDERATOR_SHARD", k));
        if (own.filter(DEFAULT::equals).isPresent()) {
            throw new IllegalArgumentException("FEDERATOR_SHARD=default: the default shard is the one without "
                    + "FEDERATOR_SHARD; name a shard by its own key");
        }
        java.util.SortedSet<String> named = new TreeSet<>();
        for (String s : shards) {
            if (!s.isBlank()) {
                named.add(requireLabelValue("FEDERATOR_SHARDS", s.trim()));
            }
        }
        own.ifPresent(named::remove);
        return new Shard(own, java.util.Collections.unmodifiableSortedSet(named));
    }

    private static String requireLabelValue(String setting, String value) {
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(setting + " must hold label values (up to 63 letters, digits, '-', "
                    + "'_' or '.', starting and ending with a letter or digit): " + value);
        }
        return value;
    }

    /** The shard's name in the Lease, metrics and messages: its key, or {@value #DEFAULT}. */
    public String name() { return key.orElse(DEFAULT); }

    /** Whether this process reconciles only a share (false: not sharded, it takes every resource). */
    public boolean sharded() { return key.isPresent() || !others.isEmpty(); }

    /**
     * The informers' label selector; empty when not sharded. The default shard excludes each named shard with
     * {@code !=}, which (unlike {@code =}) also matches resources without the label: the same set as
     * {@code key notin (a,b)}, in the form every API server and the Fabric8 mock server understand.
     */
    public Optional<String> labelSelector() {
        if (key.isPresent()) {
            return Optional.of(LABEL + "=" + key.get());
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(",", others.stream().map(o -> LABEL + "!=" + o).toList()));
    }

    /** Whether the resource is in this shard's share, by the same rule as {@link #labelSelector()}. */
    public boolean owns(HasMetadata resource) {
        return owns(shardLabel(resource).orElse(null));
    }

    boolean owns(String label) {
        return key.map(k -> k.equals(label)).orElseGet(() -> label == null || !others.contains(label));
    }

    /** How a resource is labelled, for messages: which shard it belongs to is then plain to the reader. */
    public static String describeLabel(HasMetadata resource) {
        return shardLabel(resource).map(v -> "labelled " + LABEL + "=" + v)
                .orElse("without the label " + LABEL + " (default shard)");
    }

    public static Optional<String> shardLabel(HasMetadata resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(LABEL));
    }

    /** The Lease of this shard's replicas: one leader per shard, so shards never wait for each other. */
    public String leaseName(String base) {
        return key.map(k -> base + "-" + k).orElse(base);
    }

    @Override
    public String toString() {
        return !sharded() ? "not sharded" : "shard " + name() + " (" + labelSelector().orElseThrow() + ")";
    }
}
