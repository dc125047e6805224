package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.sandbox.Samples;
import dev.federator.sandbox.SimulatorFleet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code federator export} per vendor, on simulators holding the samples' connections (created through the
 * operator's adapters): the exported manifests, with their Secret templates filled, are valid and {@code diff}
 * (the operator's own comparison) finds every connection to adopt with no field to rewrite beyond the owner marker
 * and the secrets the vendor hides. Export and diff make no vendor write.
 */
class CliExportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static SimulatorFleet fleet;
    private static Path manifests;
    /** The client secret each seeded connection holds, by vendor and remote name: what a user fills in. */
    private static final Map<String, String> SECRETS = new HashMap<>();

    @BeforeAll
    static void seed() throws Exception {
        fleet = SimulatorFleet.start();
        Files.createDirectories(Path.of("target", "cli"));
        manifests = SampleManifests.write(Files.createTempDirectory(Path.of("target", "cli"), "export-"), fleet);
        LocalObjects local = new LocalObjects("default");
        List<ObjectNode> docs = Samples.read(manifests);
        docs.forEach(local::add);
        OperatorPieces pieces = new OperatorPieces(local, null, "federator-system", "none", new Redactor());
        for (ObjectNode doc : docs) {
            if (doc.path("kind").asText().equals("IdentityConnection")) {
                IdentityConnection c = Serialization.jsonMapper().convertValue(doc, IdentityConnection.class);
                c.getMetadata().setNamespace("default");
                c.getMetadata().setUid("seeded-out-of-band");
                VendorClientCache.Entry entry = pieces.client(pieces.resolve(c));
                DesiredConnection desired = pieces.desired().build(c, new HashMap<>());
                entry.client().create(desired, entry.client().render(desired));
                SecretValue secret = desired.oidc() != null ? desired.oidc().clientSecret()
                        : desired.hosted() != null ? desired.hosted().clientSecret() : null;
                if (secret != null) {
                    SECRETS.put(entry.provider().vendor() + "/" + desired.name(), secret.reveal());
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth0", "keycloak", "ezto", "devrev", "loginradius"})
    void exportedManifestsAdoptWithNothingToRewrite(String vendor) throws Exception {
        Path platformFile = manifests.resolve(vendor).resolve("00-platform.yaml");
        String platform = Samples.read(platformFile).stream().filter(d -> d.path("kind").asText().endsWith("Platform"))
                .findFirst().orElseThrow().path("metadata").path("name").asText();
        Path out = Files.createTempDirectory(Path.of("target", "cli"), "exported-" + vendor + "-");
        VendorWrites.reset(fleet);
        CliRun export = CliRun.of("export", "--local", "--platforms", platformFile.toString(), "--platform", platform,
                "--out", out.toString());
        assertThat(export.exit()).as(export.toString()).isEqualTo(ExitCodes.NO_CHANGE);
        long seeded = SECRETS.keySet().stream().filter(k -> k.startsWith(vendor + "/")).count();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.count()).as("one file per connection").isGreaterThanOrEqualTo(seeded);
        }
        Files.writeString(Path.of("target", "cli", "export-" + vendor + ".yaml"), concatenated(out));
        fillSecretTemplates(vendor, out);

        CliRun diff = CliRun.of("diff", "--local", "-o", "json", out.toString(), platformFile.toString());
        JsonNode report = JSON.readTree(diff.out());
        assertThat(report.path("summary").path("error").asInt()).as(diff.toString()).isZero();
        assertThat(report.path("connections")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path("action").asText()).as(c.toString()).isIn("adopt", "nochange");
            assertThat(c.path("changes")).as(c.toString()).allSatisfy(change -> assertThat(
                    change.has("secret") || change.path("path").asText().toLowerCase().contains("owner")).isTrue());
        });
        assertThat(VendorWrites.of(fleet)).as("vendor writes by export and diff").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"slashid"})
    void aVendorWithoutAListCallIsAClearError(String vendor) {
        Path platformFile = manifests.resolve(vendor).resolve("00-platform.yaml");
        CliRun export = CliRun.of("export", "--local", "--platforms", platformFile.toString(), "--platform",
                "slashid-prod");
        assertThat(export.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(export.err()).contains("cannot list connections");
    }

    /** What the user does with the templates: put in the value the vendor holds. */
    private static void fillSecretTemplates(String vendor, Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                List<ObjectNode> docs = YAML.readValues(YAML.getFactory().createParser(file.toFile()), ObjectNode.class)
                        .readAll();
                String remote = docs.get(docs.size() - 1).path("spec").path("connectionName").asText();
                for (ObjectNode doc : docs) {
                    if (doc.path("kind").asText().equals("Secret") && doc.path("stringData").has("client-secret")) {
                        assertThat(doc.path("stringData").path("client-secret").asText()).as("template").isEmpty();
                        ((ObjectNode) doc.path("stringData")).put("client-secret",
                                SECRETS.getOrDefault(vendor + "/" + remote, "unknown-secret"));
                    }
                }
                Files.writeString(file, SampleManifests.yaml(docs));
            }
        }
    }

    private static String concatenated(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
