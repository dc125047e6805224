package dev.federator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.sandbox.MockKubernetes;
import dev.federator.sandbox.Samples;
import dev.federator.sandbox.SimulatorFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * samples/ copied into a directory, file by file, with each platform pointed at its simulator: what a repository of
 * manifests looks like to {@code federator diff}.
 */
final class SampleManifests {
    private static final YAMLMapper YAML = new YAMLMapper();

    private SampleManifests() {}

    static Path write(Path dir, SimulatorFleet fleet) { return Samples.writePointedAt(dir, fleet); }

    /** The name of the (cluster) platform a vendor's sample platform file declares. */
    static String platformName(Path platformFile) {
        return Samples.read(platformFile).stream().filter(d -> d.path("kind").asText().endsWith("Platform"))
                .findFirst().orElseThrow().path("metadata").path("name").asText();
    }

    static String yaml(List<ObjectNode> docs) {
        StringBuilder text = new StringBuilder();
        for (ObjectNode doc : docs) {
            try {
                text.append(YAML.writeValueAsString(doc));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    /** Every value of every Secret in the samples: none may ever show in the CLI's output. */
    static List<String> secretValues() {
        List<String> values = new ArrayList<>();
        for (ObjectNode doc : Samples.read(Path.of("samples"))) {
            if (doc.path("kind").asText().equals("Secret")) {
                doc.path("stringData").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    static long connectionCount() {
        return Samples.read(Path.of("samples")).stream()
                .filter(d -> d.path("kind").asText().equals("IdentityConnection")).count();
    }

    /** A kubeconfig for the sandbox's API server, with a token of its own so its requests can be told apart. */
    static Path kubeconfig(Path dir, String serverUrl, String token) {
        return MockKubernetes.writeKubeconfig(dir.resolve("kubeconfig"), serverUrl, token);
    }
}
