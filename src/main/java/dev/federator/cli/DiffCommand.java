package dev.federator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.crd.CrdValidator;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.VendorException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code federator diff}: what applying the manifests would do on the vendors. Reads only. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false, exitCodeOnInvalidInput = ExitCodes.ERROR,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        description = "Show, per IdentityConnection, what the operator would do on the vendor: create, update "
                + "(fields, old and new values; secrets only changed/unchanged), adopt, conflict, no change; and, "
                + "with the cluster, which connections the change deletes.%n"
                + "Exit codes: 0 no change, 2 changes, 1 error (invalid manifest, unreachable vendor, missing "
                + "Secret...).")
final class DiffCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = "Files, directories, or - for standard input "
            + "(e.g. kustomize build . | kubectl federator diff -).")
    List<String> manifests;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format output;

    @Mixin
    SourceOptions sources;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<ManifestFiles.Document> docs = ManifestFiles.read(manifests, System.in);
        List<ManifestFiles.Document> extra = ManifestFiles.read(sources.files(), System.in);
        Redactor redactor = new Redactor();
        try (KubernetesClient cluster = sources.cluster()) {
            String namespace = sources.namespace(cluster);
            LocalObjects local = new LocalObjects(namespace);
            docs.forEach(d -> local.add(d.body()));
            extra.forEach(d -> local.add(d.body()));
            ObjectSource source = cluster == null ? local : ObjectSource.layered(local, new LiveCluster(cluster));
            OperatorPieces pieces = new OperatorPieces(source, cluster, sources.operatorNamespace,
                    sources.fingerprintKeySecret, redactor);
            DiffReport report = run(docs, namespace, pieces);
            String text = output == Format.json ? report.json() : report.text();
            spec.commandLine().getOut().print(redactor.redact(text));
            spec.commandLine().getOut().flush();
            return report.exitCode();
        }
    }

    private DiffReport run(List<ManifestFiles.Document> docs, String namespace, OperatorPieces pieces) {
        CrdValidator validator = CrdValidator.fromClasspath();
        ConnectionPlanner planner = new ConnectionPlanner(pieces);
        List<ConnectionPlan> plans = new ArrayList<>();
        List<IdentityConnection> connections = new ArrayList<>();
        for (ManifestFiles.Document doc : docs) {
            if (!validator.knows(doc.kind())) {
                continue;
            }
            String ns = doc.kind().equals("ClusterIdentityPlatform") ? "" : LocalObjects.namespaceOf(doc.body(), namespace);
            Optional<IdentityConnection> connection = doc.kind().equals("IdentityConnection")
                    ? parse(doc, ns) : Optional.empty();
            connection.ifPresent(connections::add);
            List<String> problems = validator.validate(doc.body(), null);
            if (problems.isEmpty() && connection.isPresent()) {
                problems = transitionProblems(validator, connection.get(), pieces.source());
            }
            if (!problems.isEmpty()) {
                plans.add(ConnectionPlan.error(ns, doc.kind() + "/" + doc.name(), "Invalid", doc.source()
                        + ": the API server would reject it: " + String.join("; ", problems)));
            } else if (connection.isPresent()) {
                plans.add(planOne(planner, connection.get()));
            }
        }
        plans.addAll(Deletions.of(pieces.source(), connections));
        List<String> notes = new ArrayList<>();
        if (plans.stream().anyMatch(p -> p.changes().stream().anyMatch(c -> "unknown".equals(c.secret())))) {
            notes.add("secrets marked unknown are hidden by the vendor; comparing them needs the fingerprints the "
                    + "operator recorded in the cluster (run with cluster access, and read access to Secret "
                    + sources.operatorNamespace + "/" + sources.fingerprintKeySecret + ")");
        }
        return DiffReport.of(plans, notes);
    }

    private static Optional<IdentityConnection> parse(ManifestFiles.Document doc, String ns) {
        try {
            IdentityConnection c = Serialization.jsonMapper().convertValue(doc.body(), IdentityConnection.class);
            c.getMetadata().setNamespace(ns);
            return Optional.of(c);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the schema check reports why
        }
    }

    /**
     * The update rules (oldSelf) against the object the cluster holds. Both sides go through the model, so that
     * both carry the defaults the API server would have filled in before evaluating them.
     */
    private static List<String> transitionProblems(CrdValidator validator, IdentityConnection manifest,
                                                   ObjectSource source) {
        Optional<IdentityConnection> stored = source.connection(manifest.getMetadata().getNamespace(),
                manifest.getMetadata().getName());
        if (stored.isEmpty()) {
            return List.of();
        }
        ObjectNode old = Serialization.jsonMapper().valueToTree(stored.get());
        old.remove("status");
        return validator.validate(Serialization.jsonMapper().valueToTree(manifest), old);
    }

    /** A failure is this connection's error, never the end of the run: the others are still planned. */
    private static ConnectionPlan planOne(ConnectionPlanner planner, IdentityConnection c) {
        String ns = c.getMetadata().getNamespace();
        String name = c.getMetadata().getName();
        try {
            return planner.plan(c);
        } catch (VendorException e) {
            return ConnectionPlan.error(ns, name, e.reason().name(), "the vendor could not be read: " + e.getMessage());
        } catch (ReconcileFailure e) {
            return ConnectionPlan.error(ns, name, e.reason().name(), e.getMessage());
        } catch (NeedsCluster e) {
            return ConnectionPlan.error(ns, name, "NeedsCluster", e.getMessage());
        } catch (KubernetesClientException e) {
            return ConnectionPlan.error(ns, name, "ClusterUnreadable", "the cluster could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionPlan.error(ns, name, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }
}
