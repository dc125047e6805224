package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What the build ships beside the operator (after {@code package}): the CycloneDX SBOM lists exactly what the
 * operator runs with, the chart archive holds the chart as committed and renders as it does, and the OLM bundle is
 * the one OlmBundleTest validates.
 */
class ShippedArtifactsIT {
    private static final Path TARGET = Path.of("target");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void sbomListsEveryShippedJarAndNoTestDependency() throws IOException {
        Path sbom = TARGET.resolve("bom.json");
        Path jar = TARGET.resolve("quarkus-app/quarkus-run.jar");
        if (System.getProperty("maven.offline", "").equals("offline=true")) { // pom.xml: failsafe's properties
            assumeTrue(Files.exists(sbom) && !Files.getLastModifiedTime(sbom).toInstant()
                    .isBefore(Files.getLastModifiedTime(jar).toInstant()),
                    "offline build: cyclonedx-maven-plugin requires online mode, so this build made no SBOM");
        }
        assertThat(Files.getLastModifiedTime(sbom).toInstant()).as("target/bom.json made by this build")
                .isAfterOrEqualTo(Files.getLastModifiedTime(jar).toInstant());
        JsonNode bom = JSON.readTree(sbom.toFile());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("federator");
        Set<String> jars = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : bom.path("components")) {
            jars.add(c.path("group").asText() + "." + c.path("name").asText() + "-" + c.path("version").asText() + ".jar");
            names.add(c.path("name").asText());
            assertThat(c.path("purl").asText()).startsWith("pkg:maven/");
        }
        // The CLI (federator diff) checks manifests with the CRD's schema and CEL rules, so those validators ship.
        assertThat(names).contains("quarkus-operator-sdk", "bucket4j_jdk17-core", "failsafe", "quarkus-micrometer",
                "picocli", "json-schema-validator");
        assertThat(names).as("test-only dependencies").doesNotContain("helm-java", "assertj-core", "junit-jupiter-api",
                "awaitility", "quarkus-junit5", "kubernetes-server-mock", "jib-core", "luaj-jse");
        List<String> shipped;
        try (Stream<Path> lib = Stream.concat(Files.list(TARGET.resolve("quarkus-app/lib/main")),
                Files.list(TARGET.resolve("quarkus-app/lib/boot")))) {
            shipped = lib.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(shipped).hasSizeGreaterThan(50);
        assertThat(jars).as("every jar in target/quarkus-app/lib is in the SBOM").containsAll(shipped);
    }

    @Test
    void chartArchiveHoldsTheCommittedChartAndRendersLikeIt() throws IOException {
        JsonNode chartYaml = YAML.readTree(RenderedInstall.CHART.resolve("Chart.yaml").toFile());
        Path archive = TARGET.resolve("federator-" + chartYaml.path("version").asText() + ".tgz");
        assertThat(archive).exists();
        Map<String, byte[]> entries = tarGz(archive);
        try (Stream<Path> files = Files.walk(RenderedInstall.CHART)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String entry = "federator/" + RenderedInstall.CHART.relativize(f).toString().replace('\\', '/');
                assertThat(entries).as(entry).containsKey(entry);
                if (entry.equals("federator/Chart.yaml")) { // helm package writes it anew from its fields
                    assertThat(YAML.readTree(entries.get(entry))).isEqualTo(YAML.readTree(f.toFile()));
                } else {
                    assertThat(entries.get(entry)).as(entry).isEqualTo(Files.readAllBytes(f));
                }
            }
        }
        String fromArchive = new Helm(archive).template().withName("federator").withNamespace("federator-system")
                .set("grafanaDashboard.enabled", "true").set("prometheusRule.enabled", "true").call();
        String fromDirectory = new Helm(RenderedInstall.CHART).template().withName("federator")
                .withNamespace("federator-system").set("grafanaDashboard.enabled", "true")
                .set("prometheusRule.enabled", "true").call();
        assertThat(Manifests.parse(fromArchive).docs).isEqualTo(Manifests.parse(fromDirectory).docs);
    }

    @Test
    void olmBundleIsTheOneOlmBundleMakesFromTheBase() throws IOException {
        Path built = TARGET.resolve("bundle/federator");
        Path fresh = TARGET.resolve("olm-bundle-check/federator");
        JsonNode csv = YAML.readTree(built.resolve("manifests/federator.clusterserviceversion.yaml").toFile());
        OlmBundle.write(fresh, csv.at("/spec/version").asText());
        assertThat(files(built)).isEqualTo(files(fresh)).containsKey("metadata/annotations.yaml").hasSizeGreaterThan(4);
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        return files;
    }

    /** The regular files of a .tar.gz by name (ustar; names of up to 100 + 155 characters, as helm writes them). */
    static Map<String, byte[]> tarGz(Path archive) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (header[156] == '0' || header[156] == 0) {
                    entries.put(prefix.isEmpty() ? name : prefix + "/" + name, body);
                }
            }
        }
        return entries;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
