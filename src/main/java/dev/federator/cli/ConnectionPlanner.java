package dev.federator.cli;

import dev.federator.connection.QuietAdoption;
import dev.federator.provider.spi.Lookup;
import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.cli.ConnectionPlan.Action;
import dev.federator.cli.ConnectionPlan.FieldChange;
import dev.federator.connection.Differ;
import dev.federator.connection.Ownership;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The operator's read-and-compare for one connection, stopping before any write: the same desired state, rendering,
 * lookup ({@link VendorClient#find}), ownership rule and {@link Differ} as a reconcile, with what the cluster
 * records (uid, external id, secret fingerprints) when the cluster is available.
 */
final class ConnectionPlanner {
    /** The owner uid a connection not yet in the cluster will get; shown as the new value of an owner marker. */
    static final String NEW_UID = "(uid of the new resource)";

    private final OperatorPieces pieces;

    ConnectionPlanner(OperatorPieces pieces) { this.pieces = pieces; }

    ConnectionPlan plan(IdentityConnection manifest) {
        String ns = manifest.getMetadata().getNamespace();
        String name = manifest.getMetadata().getName();
        Optional<IdentityConnection> live = pieces.source().connection(ns, name);
        IdentityConnectionStatus status = live.map(IdentityConnection::getStatus).orElse(null);
        if (status == null) {
            status = new IdentityConnectionStatus();
        }
        String uid = live.map(c -> c.getMetadata().getUid()).orElse(NEW_UID);
        manifest.getMetadata().setUid(uid);

        ResolvedPlatform platform = pieces.resolve(manifest);
        VendorClientCache.Entry entry = pieces.client(platform);
        VendorClient client = entry.client();
        DesiredConnection desired = pieces.desired().build(manifest, platform, new HashMap<>());
        Plan plan = new Plan(ns, name, platform.key(), platform.vendor(), desired.name());
        if (!entry.provider().supportedKinds().contains(desired.kind())) {
            return plan.of(Action.blocked, List.of(), Reason.UnsupportedType.name(), platform.vendor() + " cannot hold "
                    + desired.kind() + " connections; supported: " + entry.provider().supportedKinds());
        }
        Rendering rendering = client.render(desired);
        Set<String> secretPaths = secretPaths(rendering, desired);
        Optional<RemoteConnection> found = client.find(Lookup.of(desired, status.externalId));
        boolean observeOnly = manifest.getSpec().managementPolicy() == ManagementPolicy.ObserveOnly;
        if (found.isEmpty()) {
            return observeOnly ? plan.of(Action.drift, List.of(), Reason.NotFoundOnVendor.name(), "no connection named "
                    + desired.name() + " exists; ObserveOnly never creates it")
                    : plan.of(Action.create, creation(rendering, secretPaths), null, null);
        }
        RemoteConnection remote = found.get();
        boolean verifiable = pieces.knowsOperatorKey() && live.isPresent();
        IdentityConnectionStatus recorded = status;
        BiPredicate<String, String> fingerprintMatches = (path, value) -> !verifiable
                || pieces.fingerprints().of(uid, path, value).equals(recorded.secretFingerprints.get(path));
        List<String> changed = Differ.changedPaths(rendering, remote.body(), fingerprintMatches);
        List<FieldChange> changes = changes(rendering, remote, changed, secretPaths, verifiable);
        if (observeOnly) {
            client.ownerMarkerPath().ifPresent(changed::remove);
            return changed.isEmpty() ? plan.of(Action.nochange, changes, null, null) : plan.of(Action.drift,
                    changes, Reason.DriftDetected.name(), "fields differ on the vendor; ObserveOnly never writes them");
        }
        if (!Ownership.owns(remote, status, uid, client, manifest.getSpec().adoption())) {
            if (manifest.getSpec().adoption() != AdoptionPolicy.IfExists) {
                return plan.of(Action.conflict, List.of(), Reason.AlreadyExists.name(), "a connection named " + desired.name()
                        + " exists on " + platform.key() + " and was not created by this resource; set "
                        + "spec.adoption: IfExists to take it over");
            }
            // The operator's own rule: an adoption that differs only in the owner marker and hidden secrets writes nothing.
            return plan.of(Action.adopt, QuietAdoption.writesNothing(changed, rendering, client) ? List.of() : changes,
                    null, null);
        }
        List<String> immutable = new ArrayList<>(changed);
        immutable.retainAll(rendering.identityPaths());
        if (!immutable.isEmpty()) {
            return plan.of(Action.blocked, changes, Reason.ImmutableField.name(), "the vendor cannot change " + immutable
                    + " of an existing connection");
        }
        return plan.of(changed.isEmpty() ? Action.nochange : Action.update, changes, null, null);
    }

    /** Fields the vendor never shows, and fields that carry a value read from a Secret: never printed. */
    private static Set<String> secretPaths(Rendering rendering, DesiredConnection desired) {
        List<String> values = Stream.of(desired.oidc() == null ? null : desired.oidc().clientSecret(),
                desired.hosted() == null ? null : desired.hosted().clientSecret())
                .filter(v -> v != null).map(SecretValue::reveal).toList();
        Set<String> paths = new java.util.TreeSet<>(rendering.writeOnlyPaths());
        JsonTree.leaves(rendering.body()).forEach((path, value) -> {
            if (value.isValueNode() && values.contains(value.asText())) {
                paths.add(path);
            }
        });
        return paths;
    }

    private static List<FieldChange> creation(Rendering rendering, Set<String> secretPaths) {
        List<FieldChange> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : JsonTree.leaves(rendering.body()).entrySet()) {
            if (leaf.getValue().isNull()) {
                continue;
            }
            fields.add(secretPaths.contains(leaf.getKey()) ? FieldChange.secret(leaf.getKey(), "changed")
                    : FieldChange.value(leaf.getKey(), null, leaf.getValue()));
        }
        return fields;
    }

    /**
     * The differing fields with old and new values, and every secret field with its state: "unknown" for a hidden
     * one when the fingerprints the operator recorded cannot be read (no cluster, or no access to its key).
     */
    private static List<FieldChange> changes(Rendering rendering, RemoteConnection remote, List<String> changed,
                                             Set<String> secretPaths, boolean verifiable) {
        List<FieldChange> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : JsonTree.leaves(rendering.body()).entrySet()) {
            String path = leaf.getKey();
            boolean differs = changed.contains(path);
            if (secretPaths.contains(path)) {
                boolean hidden = rendering.writeOnlyPaths().contains(path);
                fields.add(FieldChange.secret(path, differs ? "changed" : hidden && !verifiable ? "unknown"
                        : "unchanged"));
            } else if (differs) {
                JsonNode old = JsonTree.at(remote.body(), path);
                fields.add(FieldChange.value(path, old.isMissingNode() ? null : old, leaf.getValue()));
            }
        }
        return fields;
    }

    /** The parts every plan of one connection shares. */
    private record Plan(String namespace, String name, String platform, String vendor, String remoteName) {
        ConnectionPlan of(Action action, List<FieldChange> changes, String reason, String message) {
            return new ConnectionPlan(namespace, name, platform, vendor, remoteName, action, changes, reason, message);
        }
    }
}
