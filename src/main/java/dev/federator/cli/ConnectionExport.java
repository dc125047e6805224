package dev.federator.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.connection.DesiredStateBuilder;
import dev.federator.connection.Differ;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One remote connection as manifests: an IdentityConnection with {@code adoption: IfExists} and every managed field
 * read back through the adapter's rendering ({@link ReverseRendering}), and a Secret template naming each key to
 * fill. Managed fields the spec cannot reproduce are named in an annotation (and by {@code diff} after applying).
 */
final class ConnectionExport {
    static final String NOT_EXPORTED = "federator.dev/not-exported";
    /** spec.connectionName's pattern in the CRD. */
    private static final java.util.regex.Pattern CONNECTION_NAME =
            java.util.regex.Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$");

    /**
     * The manifests of one connection; {@code secret} is null when the connection reads no Secret; when no type
     * fits, only {@code rejections} is set (why each type does not fit).
     */
    record Exported(String name, ObjectNode secret, ObjectNode connection, List<String> notExported,
                    List<String> rejections) {}

    private final VendorClient client;
    private final Set<ConnectionKind> kinds;
    private final ObjectNode platformRef;
    private final String namespace;
    private final DesiredStateBuilder probeBuilder;

    ConnectionExport(VendorClient client, Set<ConnectionKind> kinds, ObjectNode platformRef, String namespace) {
        this.client = client;
        this.kinds = kinds;
        this.platformRef = platformRef;
        this.namespace = namespace;
        LocalObjects probeSecrets = new LocalObjects(namespace);
        probeSecrets.add(probeSecret(namespace));
        this.probeBuilder = new DesiredStateBuilder(new SourceSecretReader(probeSecrets, new Redactor()),
                Clock.systemUTC());
    }

    Exported export(RemoteConnection remote) {
        String name = resourceName(remote.name());
        Function<ObjectNode, Rendering> render = spec -> client.render(probeBuilder.build(connection(spec, name),
                new HashMap<>()));
        Set<String> ignored = client.ownerMarkerPath().map(Set::of).orElse(Set.of());
        List<ReverseRendering.Result> results = kinds.stream().sorted()
                .map(k -> ConnectionType.valueOf(k.name()))
                .map(t -> ReverseRendering.read(t, remote.body(), render, probe(t, remote.name()), ignored))
                .toList();
        Optional<ReverseRendering.Result> best = results.stream().filter(ReverseRendering.Result::fits)
                .min(Comparator.comparingInt(ReverseRendering.Result::mismatches)
                        .thenComparing(Comparator.comparingInt(ReverseRendering.Result::evidence).reversed()));
        if (best.isEmpty()) {
            return new Exported(name, null, null, List.of(),
                    results.stream().map(ReverseRendering.Result::rejection).toList());
        }
        ObjectNode spec = best.get().spec();
        spec.put("adoption", "IfExists");
        if (!CONNECTION_NAME.matcher(remote.name()).matches()) {
            spec.remove("connectionName"); // e.g. a DevRev display name with spaces: the spec's displayName holds it
        }
        String block = ExportProbe.block(best.get().type());
        String certificate = best.get().certificatePem();
        if (certificate == null && spec.path(block).has("signingCertificateRef")) {
            // the vendor holds none: the probe's certificate must not count against the spec (validateSignature)
            ((ObjectNode) spec.path(block)).remove("signingCertificateRef");
        }
        List<String> notExported = notExported(spec, remote, render);
        ObjectNode secret = null;
        if (spec.path(block).has("clientSecretRef")) {
            ((ObjectNode) spec.path(block)).set("clientSecretRef", ref(name, "client-secret"));
            secret = secretTemplate(name, "client-secret");
        }
        if (certificate != null) {
            // A signing certificate is public: exported with its value, unlike secrets.
            ((ObjectNode) spec.path(block)).set("signingCertificateRef", ref(name, ExportProbe.CERTIFICATE_KEY));
            secret = secretTemplate(name, null);
            ((ObjectNode) secret.path("stringData")).put(ExportProbe.CERTIFICATE_KEY, certificate);
            notExported.remove(best.get().certificatePath());
        }
        ObjectNode connection = JsonNodeFactory.instance.objectNode();
        connection.put("apiVersion", "federator.dev/v1alpha1").put("kind", "IdentityConnection");
        ObjectNode metadata = connection.putObject("metadata").put("name", name).put("namespace", namespace);
        if (!notExported.isEmpty()) {
            metadata.putObject("annotations").put(NOT_EXPORTED, String.join(", ", notExported));
        }
        connection.set("spec", spec);
        return new Exported(name, secret, connection, notExported, List.of());
    }

    private ObjectNode probe(ConnectionType type, String remoteName) {
        ObjectNode spec = ExportProbe.spec(type, "probe", remoteName);
        spec.set("platformRef", platformRef.deepCopy());
        return spec;
    }

    /** Managed fields that still differ once the exported spec is rendered: what the operator would rewrite. */
    private List<String> notExported(ObjectNode spec, RemoteConnection remote, Function<ObjectNode, Rendering> render) {
        Rendering rendering = render.apply(spec);
        List<String> differ = new ArrayList<>(Differ.changedPaths(rendering, remote.body(), (path, value) -> true));
        client.ownerMarkerPath().ifPresent(differ::remove);
        return differ;
    }

    private IdentityConnection connection(ObjectNode spec, String name) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("apiVersion", "federator.dev/v1alpha1").put("kind", "IdentityConnection");
        doc.putObject("metadata").put("name", name).put("namespace", namespace).put("uid", ConnectionPlanner.NEW_UID);
        doc.set("spec", spec);
        return Serialization.jsonMapper().convertValue(doc, IdentityConnection.class);
    }

    private static ObjectNode probeSecret(String namespace) {
        ObjectNode secret = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", ExportProbe.SECRET_NAME).put("namespace", namespace);
        secret.putObject("stringData").put(ExportProbe.SECRET_KEY, ExportProbe.SECRET_MARKER)
                .put(ExportProbe.CERTIFICATE_KEY, ExportProbe.CERTIFICATE);
        return secret;
    }

    private static ObjectNode ref(String name, String key) {
        return JsonNodeFactory.instance.objectNode().put("name", name + "-secret").put("key", key);
    }

    /** @param key the key to fill in, or null when the Secret only carries public data */
    private ObjectNode secretTemplate(String name, String key) {
        ObjectNode secret = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = secret.putObject("metadata").put("name", name + "-secret").put("namespace", namespace);
        secret.put("type", "Opaque");
        ObjectNode data = secret.putObject("stringData");
        if (key != null) {
            metadata.putObject("annotations").put("federator.dev/fill-in", key + ": the value the vendor holds "
                    + "(export never reads secret values)");
            data.put(key, "");
        }
        return secret;
    }

    /** A Kubernetes object name from a vendor's connection name. */
    static String resourceName(String remoteName) {
        String name = remoteName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        name = name.isEmpty() ? "connection" : name;
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }
}
