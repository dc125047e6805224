package dev.federator.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.spi.RemoteConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code federator export}: manifests for the connections a platform already has. Reads only. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = ExitCodes.ERROR, exitCodeOnExecutionException = ExitCodes.ERROR,
        description = "Write an IdentityConnection (adoption: IfExists, every managed field) and a Secret template "
                + "(the keys to fill; no value is ever read) for each connection of a platform. Managed fields the "
                + "spec cannot reproduce are named in the annotation " + ConnectionExport.NOT_EXPORTED + ".%n"
                + "Exit codes: 0 exported, 1 error.")
final class ExportCommand implements Callable<Integer> {
    private static final YAMLMapper YAML = new YAMLMapper();

    @Option(names = "--platform", required = true, description = "The IdentityPlatform (in -n) to export.")
    String platform;

    @Option(names = "--cluster-platform", description = "--platform names a ClusterIdentityPlatform.")
    boolean clusterPlatform;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one file per connection into DIR "
            + "(default: one YAML stream on standard output).")
    Path out;

    @Mixin
    SourceOptions sources;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Redactor redactor = new Redactor();
        try (KubernetesClient cluster = sources.cluster()) {
            String namespace = sources.namespace(cluster);
            LocalObjects local = new LocalObjects(namespace);
            ManifestFiles.read(sources.files(), System.in).forEach(d -> local.add(d.body()));
            ObjectSource source = cluster == null ? local : ObjectSource.layered(local, new LiveCluster(cluster));
            OperatorPieces pieces = new OperatorPieces(source, cluster, sources.operatorNamespace,
                    sources.fingerprintKeySecret, redactor);
            ObjectNode ref = JsonNodeFactory.instance.objectNode().put("name", platform);
            if (clusterPlatform) {
                ref.put("kind", "ClusterIdentityPlatform");
            }
            ResolvedPlatform resolved = pieces.resolve(reference(ref, namespace));
            VendorClientCache.Entry entry = pieces.client(resolved);
            List<RemoteConnection> remotes = entry.client().listAll().orElseThrow(() -> new IllegalStateException(
                    "the " + resolved.vendor() + " adapter cannot list connections; export needs a list call"));
            ConnectionExport export = new ConnectionExport(entry.client(), entry.provider().supportedKinds(), ref,
                    namespace);
            List<String> skipped = new ArrayList<>();
            StringBuilder stream = new StringBuilder();
            for (RemoteConnection listed : remotes) {
                // Export shows every field, so each connection is read in full (Auth0: its enabled applications).
                RemoteConnection remote = entry.client().completeListed(listed, null);
                ConnectionExport.Exported exported = export.export(remote);
                if (exported.connection() == null) {
                    skipped.add(remote.name());
                    spec.commandLine().getErr().println(redactor.redact("not exported: " + remote.name()
                            + "; no connection type fits: " + String.join("; ", exported.rejections())));
                    continue;
                }
                String yaml = yaml(exported);
                if (out == null) {
                    stream.append(yaml);
                } else {
                    Files.createDirectories(out);
                    Files.writeString(out.resolve(exported.name() + ".yaml"), redactor.redact(yaml));
                }
            }
            spec.commandLine().getOut().print(redactor.redact(stream.toString()));
            spec.commandLine().getOut().flush();
            String summary = "exported " + (remotes.size() - skipped.size()) + " of " + remotes.size()
                    + " connections of " + resolved.key() + (skipped.isEmpty() ? ""
                    : "; not exported: " + skipped);
            spec.commandLine().getErr().println(summary);
            return skipped.isEmpty() ? ExitCodes.NO_CHANGE : ExitCodes.ERROR;
        }
    }

    private static String yaml(ConnectionExport.Exported exported) throws IOException {
        String text = exported.secret() == null ? "" : YAML.writeValueAsString(exported.secret());
        return text + YAML.writeValueAsString(exported.connection());
    }

    private static IdentityConnection reference(ObjectNode platformRef, String namespace) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putObject("metadata").put("name", "export").put("namespace", namespace);
        doc.putObject("spec").set("platformRef", platformRef);
        return Serialization.jsonMapper().convertValue(doc, IdentityConnection.class);
    }
}
