package dev.federator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kubernetes documents from files, directories (every .yaml, .yml and .json below, in name order) or "-" (standard
 * input, e.g. {@code kustomize build | kubectl federator diff -}), as multi-document YAML. List kinds are unpacked.
 */
final class ManifestFiles {
    /** One document and where it came from, for messages. */
    record Document(String source, ObjectNode body) {
        String kind() { return body.path("kind").asText(); }

        String name() { return body.path("metadata").path("name").asText(); }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private ManifestFiles() {}

    static List<Document> read(List<String> sources, InputStream stdin) {
        List<Document> docs = new ArrayList<>();
        for (String source : sources) {
            if (source.equals("-")) {
                parse("(stdin)", stdin, docs);
                continue;
            }
            Path path = Path.of(source);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException(source + " does not exist");
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(ManifestFiles::isManifest).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        parse(file.toString(), in, docs);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }
        return docs;
    }

    private static boolean isManifest(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static void parse(String source, InputStream in, List<Document> docs) {
        try (var parser = new YAMLFactory().createParser(in)) {
            for (ObjectNode doc : YAML.readValues(parser, ObjectNode.class).readAll()) {
                if (doc == null || !doc.has("kind")) {
                    continue;
                }
                if (doc.path("kind").asText().endsWith("List") && doc.path("items").isArray()) {
                    doc.path("items").forEach(item -> docs.add(new Document(source, (ObjectNode) item)));
                } else {
                    docs.add(new Document(source, doc));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage());
        }
    }
}
