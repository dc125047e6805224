package dev.federator.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image archive the build wrote is what a registry and the Deployment expect: every blob matches its digest, the
 * entrypoint starts the fast-jar, the user is the Deployment's non-root UID, the labels say where it comes from.
 */
class ImageArchiveIT {
    private static OciArchive image;
    private static JsonNode config;

    @BeforeAll
    static void unpack() throws IOException {
        image = OciArchive.built(Path.of("target", "image-archive-it").toAbsolutePath());
        config = image.config();
    }

    @Test
    void everyBlobMatchesItsDigestAndSize() throws IOException {
        JsonNode manifestRef = image.index().path("manifests").path(0);
        assertThat(image.index().path("manifests")).hasSize(1);
        assertThat(manifestRef.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        List<JsonNode> descriptors = new ArrayList<>(List.of(manifestRef, image.manifest().path("config")));
        image.manifest().path("layers").forEach(descriptors::add);
        for (JsonNode d : descriptors) {
            Path blob = image.blob(d.path("digest").asText());
            try (InputStream in = Files.newInputStream(blob)) {
                assertThat(OciArchive.sha256(in)).as("digest of %s", blob).isEqualTo(d.path("digest").asText());
            }
            assertThat(Files.size(blob)).as("size of %s", blob).isEqualTo(d.path("size").asLong());
        }
        // The config names each layer by the digest of its uncompressed tar.
        List<String> diffIds = new ArrayList<>();
        for (Path layer : image.layers()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(layer))) {
                diffIds.add(OciArchive.sha256(in));
            }
        }
        assertThat(config.path("rootfs").path("diff_ids")).extracting(JsonNode::asText).containsExactlyElementsOf(diffIds);
    }

    @Test
    void startsTheFastJarAsTheDeploymentsNonRootUser() throws IOException {
        JsonNode c = config.path("config");
        List<String> entrypoint = new ArrayList<>();
        c.path("Entrypoint").forEach(n -> entrypoint.add(n.asText()));
        assertThat(entrypoint).startsWith("/opt/java/bin/java").endsWith("-jar", "/deployments/quarkus-run.jar")
                .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        assertThat(c.path("Cmd").isMissingNode() || c.path("Cmd").isNull()).as("no Cmd to append").isTrue();

        JsonNode pod = deployment().path("spec").path("template").path("spec");
        int runAsUser = pod.path("securityContext").path("runAsUser").asInt(-1);
        assertThat(runAsUser).as("the Deployment's runAsUser").isPositive();
        assertThat(c.path("User").asText()).isEqualTo(Integer.toString(runAsUser));
        assertThat(rootFile("etc/passwd")).contains("federator:x:" + runAsUser + ":");

        int containerPort = pod.path("containers").path(0).path("ports").path(0).path("containerPort").asInt();
        assertThat(c.path("ExposedPorts").has(containerPort + "/tcp")).as("exposes %s", containerPort).isTrue();
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("os").asText()).isEqualTo("linux");
    }

    @Test
    void labelsSayWhatItIsAndWhereItComesFrom() {
        JsonNode labels = config.path("config").path("Labels");
        String refName = image.indexRefName();
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank()
                .isEqualTo(refName.substring(refName.lastIndexOf(':') + 1));
        assertThat(labels.path("org.opencontainers.image.source").asText()).startsWith("https://");
        assertThat(labels.path("org.opencontainers.image.licenses").asText()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("Federator");
        assertThat(labels.path("dev.federator.image.debian-packages").asText())
                .as("the Debian packages the libraries came from").contains("libc6=", "zlib1g=");
    }

    @Test
    void writableOnlyInTmpAndReproducible() throws IOException {
        for (Path layer : image.layers()) {
            for (TarArchiveEntry e : OciArchive.entries(layer)) {
                // A fixed time for every file, so that the same inputs give the same digests.
                assertThat(e.getModTime().toInstant()).as(e.getName()).isEqualTo(Instant.ofEpochSecond(1));
                boolean writableByOthers = (e.getMode() & 0022) != 0;
                assertThat(writableByOthers).as("%s writable by group or others", e.getName()).isFalse();
                if (!e.getName().matches("/?tmp/?")) {
                    assertThat(e.getLongUserId()).as("owner of %s", e.getName()).isZero();
                }
            }
        }
    }

    private static String rootFile(String path) throws IOException {
        String found = null;
        for (Path layer : image.layers()) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(layer)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.getName().replaceFirst("^/", "").equals(path)) {
                        found = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        assertThat(found).as("/%s in the image", path).isNotNull();
        return found;
    }

    private static JsonNode deployment() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var docs = yaml.readerFor(JsonNode.class).readValues(Path.of("deploy", "operator.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = (JsonNode) docs.next();
                if ("Deployment".equals(doc.path("kind").asText())) {
                    return doc;
                }
            }
        }
        throw new AssertionError("deploy/operator.yaml has no Deployment");
    }
}
