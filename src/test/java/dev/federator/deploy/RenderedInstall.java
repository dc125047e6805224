package dev.federator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way of installing Federator, rendered to its manifests, each with the file it came from: the kustomize base
 * (read from deploy/kustomization.yaml without kubectl) or the Helm chart with given values (through helm-java).
 */
public record RenderedInstall(String name, List<Doc> docs) {
    public static final Path KUSTOMIZE_BASE = Path.of("deploy");
    public static final Path CHART = Path.of("deploy", "helm", "federator");
    public static final String RELEASE = "federator";
    public static final String RELEASE_NAMESPACE = "federator-system";
    /** What kustomize would change in our files if the base used it; the renderer refuses them rather than ignore. */
    private static final Set<String> KUSTOMIZATION_KEYS = Set.of("apiVersion", "kind", "resources", "images");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern HELM_SOURCE = Pattern.compile("(?m)^# Source: (\\S+)");

    /** One manifest and where it came from (a file of the base, or the chart template). */
    public record Doc(String source, JsonNode json) { }

    /** Manifests given as YAML text, all from {@code source}. */
    public static RenderedInstall of(String name, String source, String yaml) {
        try {
            return new RenderedInstall(name, Manifests.parse(yaml).docs.stream().map(d -> new Doc(source, d)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kustomize base: every file its kustomization lists, as kustomize would emit them (images aside). */
    public static RenderedInstall kustomizeBase() {
        Path kustomization = KUSTOMIZE_BASE.resolve("kustomization.yaml");
        try {
            JsonNode k = YAML.readTree(kustomization.toFile());
            k.fieldNames().forEachRemaining(key -> {
                if (!KUSTOMIZATION_KEYS.contains(key)) {
                    throw new IllegalStateException(kustomization + " uses '" + key + "', which RenderedInstall does not "
                            + "apply: teach it, or the RBAC audit would judge other manifests than kustomize emits");
                }
            });
            List<Doc> docs = new ArrayList<>();
            for (JsonNode resource : k.path("resources")) {
                Path file = KUSTOMIZE_BASE.resolve(resource.asText());
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException(kustomization + " lists " + resource.asText() + ", not a file here");
                }
                for (JsonNode doc : Manifests.parse(Files.readString(file)).docs) {
                    docs.add(new Doc(file.toString(), doc));
                }
            }
            return new RenderedInstall("kustomize " + KUSTOMIZE_BASE + "/", docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Helm chart as {@code helm template federator -n federator-system} renders it, with these watchNamespaces. */
    public static RenderedInstall helm(List<String> watchNamespaces) {
        var template = new Helm(CHART).template().withName(RELEASE).withNamespace(RELEASE_NAMESPACE);
        for (int i = 0; i < watchNamespaces.size(); i++) {
            template.set("watchNamespaces[" + i + "]", watchNamespaces.get(i));
        }
        List<Doc> docs = new ArrayList<>();
        try {
            for (String chunk : template.call().split("(?m)^---\\s*$")) {
                Matcher source = HELM_SOURCE.matcher(chunk);
                String file = source.find() ? CHART.getParent().resolve(source.group(1)).toString() : CHART.toString();
                for (JsonNode doc : Manifests.parse(chunk).docs) {
                    docs.add(new Doc(file, doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedInstall(watchNamespaces.isEmpty() ? "helm " + CHART + " (all namespaces)"
                : "helm " + CHART + " --set watchNamespaces=" + watchNamespaces, docs);
    }
}
