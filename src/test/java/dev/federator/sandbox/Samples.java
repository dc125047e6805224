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
import java.util.List;
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
     * Applies the documents in {@code namespace}; {@code vendorUrl} gives the simulator URL for a vendor block
     * (auth0, keycloak...). Returns the connections created.
     */
    public static List<IdentityConnection> apply(KubernetesClient client, List<ObjectNode> docs, String namespace,
                                                 Function<String, String> vendorUrl) {
        List<IdentityConnection> connections = new ArrayList<>();
        for (ObjectNode doc : docs) {
            ObjectNode copy = doc.deepCopy();
            String kind = copy.path("kind").asText();
            if (kind.endsWith("IdentityPlatform")) {
                pointAtSimulator((ObjectNode) copy.path("spec"), vendorUrl);
            }
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

    /** Copies of the documents with each platform's vendor URL from {@code vendorUrl}, as {@link #apply} uses them. */
    public static List<ObjectNode> pointedAt(List<ObjectNode> docs, Function<String, String> vendorUrl) {
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode doc : docs) {
            ObjectNode copy = doc.deepCopy();
            if (copy.path("kind").asText().endsWith("IdentityPlatform")) {
                pointAtSimulator((ObjectNode) copy.path("spec"), vendorUrl);
            }
            copies.add(copy);
        }
        return copies;
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
