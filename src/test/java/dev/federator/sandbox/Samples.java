package dev.federator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The manifests under samples/, as a user would kubectl-apply them, except that each platform's vendor URL is
 * pointed at the local simulator for its vendor.
 */
public final class Samples {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Secret", Secret.class,
            "IdentityPlatform", IdentityPlatform.class,
            "ClusterIdentityPlatform", ClusterIdentityPlatform.class,
            "IdentityConnection", IdentityConnection.class);

    private Samples() {}

    /** Every document of every YAML file below {@code dir}, platforms first within each folder (file name order). */
    public static List<ObjectNode> read(Path dir) {
        List<ObjectNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, ObjectNode.class).readAll().stream()
                            .filter(n -> n != null && n.has("kind")).forEach(docs::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read samples from " + dir, e);
        }
        return docs;
    }

    /**
     * Applies the documents in {@code namespace}, pointed at the fleet as {@link #pointedAt} does. Returns the
     * connections created.
     */
    public static List<IdentityConnection> apply(KubernetesClient client, List<ObjectNode> docs, String namespace,
                                                 SimulatorFleet fleet) {
        return create(client, pointedAt(docs, fleet::url, fleet.idp()), namespace);
    }

    /** Applies the documents with each platform's vendor URL from {@code vendorUrl} (null: left as it is). */
    public static List<IdentityConnection> apply(KubernetesClient client, List<ObjectNode> docs, String namespace,
                                                 Function<String, String> vendorUrl) {
        return create(client, pointedAt(docs, vendorUrl, null), namespace);
    }

    private static List<IdentityConnection> create(KubernetesClient client, List<ObjectNode> copies, String namespace) {
        List<IdentityConnection> connections = new ArrayList<>();
        for (ObjectNode copy : copies) {
            String kind = copy.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                throw new IllegalArgumentException("samples may hold only " + KINDS.keySet() + ", not " + kind);
            }
            HasMetadata resource = JSON.convertValue(copy, type);
            if (!(resource instanceof ClusterIdentityPlatform)) {
                resource.getMetadata().setNamespace(namespace);
            }
            HasMetadata created = client.resource(resource).createOr(op -> op.update());
            if (created instanceof IdentityConnection c) {
                connections.add(c);
            }
        }
        return connections;
    }

    /**
     * Copies of the documents as {@link #apply} uses them: each platform's vendor URL is the fleet's simulator for
     * its vendor; each {@code saml.metadataUrl} is the fleet's IdP (same path), and the platforms of those
     * connections trust the IdP's self-signed certificate through {@code spec.tls.caBundleRef} (a Secret added first),
     * as a platform does for an IdP behind a private CA.
     */
    public static List<ObjectNode> pointedAt(List<ObjectNode> docs, SimulatorFleet fleet) {
        return pointedAt(docs, fleet::url, fleet.idp());
    }

    private static List<ObjectNode> pointedAt(List<ObjectNode> docs, Function<String, String> vendorUrl, SandboxIdp idp) {
        // From samples/ too: a platform and its connections may be copied file by file (SampleManifests).
        List<ObjectNode> all = new ArrayList<>(idp == null ? List.of() : docs);
        if (idp != null && Files.isDirectory(Path.of("samples"))) {
            all.addAll(read(Path.of("samples")));
        }
        Set<String> trustingIdp = new HashSet<>();
        for (ObjectNode doc : all) {
            if (doc.path("kind").asText().equals("IdentityConnection")
                    && doc.path("spec").path("saml").hasNonNull("metadataUrl")) {
                trustingIdp.add(doc.path("spec").path("platformRef").path("name").asText());
            }
        }
        List<ObjectNode> copies = new ArrayList<>();
        if (docs.stream().anyMatch(d -> d.path("kind").asText().equals("IdentityPlatform")
                && trustingIdp.contains(d.path("metadata").path("name").asText()))) {
            copies.add(caSecret(idp));
        }
        for (ObjectNode doc : docs) {
            ObjectNode copy = doc.deepCopy();
            String kind = copy.path("kind").asText();
            ObjectNode spec = copy.path("spec") instanceof ObjectNode s ? s : null;
            if (kind.endsWith("IdentityPlatform")) {
                pointAtSimulator(spec, vendorUrl);
                if (trustingIdp.contains(copy.path("metadata").path("name").asText()) && !spec.has("tls")) {
                    spec.putObject("tls").putObject("caBundleRef").put("kind", "Secret")
                            .put("name", SandboxIdp.CA_SECRET).put("key", SandboxIdp.CA_KEY);
                }
            } else if (idp != null && kind.equals("IdentityConnection") && spec.path("saml").hasNonNull("metadataUrl")) {
                ObjectNode saml = (ObjectNode) spec.get("saml");
                saml.put("metadataUrl", idp.url(URI.create(saml.get("metadataUrl").asText()).getRawPath()));
            }
            copies.add(copy);
        }
        return copies;
    }

    /**
     * samples/ copied into {@code dir} file by file, pointed at the fleet: the manifests a user would diff against
     * the sandbox.
     */
    public static Path writePointedAt(Path dir, SimulatorFleet fleet) {
        Path samples = Path.of("samples");
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Path target = dir.resolve(samples.relativize(file));
                Files.createDirectories(target.getParent());
                StringBuilder text = new StringBuilder();
                for (ObjectNode doc : pointedAt(read(file), fleet)) {
                    text.append(YAML.writeValueAsString(doc));
                }
                Files.writeString(target, text);
            }
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode caSecret(SandboxIdp idp) {
        ObjectNode secret = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", SandboxIdp.CA_SECRET);
        secret.putObject("stringData").put(SandboxIdp.CA_KEY, idp.caBundle());
        return secret;
    }

    private static void pointAtSimulator(ObjectNode spec, Function<String, String> vendorUrl) {
        spec.fieldNames().forEachRemaining(field -> {
            JsonNode block = spec.get(field);
            String url = block.isObject() ? vendorUrl.apply(field) : null;
            if (url != null) {
                ((ObjectNode) block).put("url", url);
            }
        });
    }
}
