package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sandbox.SimulatorFleet;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static SimulatorFleet fleet;
    private static Path manifests;
    private static SeededConnections seeded;

    @BeforeAll
    static void seed() throws Exception {
        fleet = SimulatorFleet.start();
        Files.createDirectories(Path.of("target", "cli"));
        manifests = SampleManifests.write(Files.createTempDirectory(Path.of("target", "cli"), "export-"), fleet);
        seeded = SeededConnections.create(manifests);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth0", "keycloak", "ezto", "devrev", "loginradius", "slashid"})
    void exportedManifestsAdoptWithNothingToRewrite(String vendor) throws Exception {
        Path platformFile = manifests.resolve(vendor).resolve("00-platform.yaml");
        String platform = SampleManifests.platformName(platformFile);
        Path out = Files.createTempDirectory(Path.of("target", "cli"), "exported-" + vendor + "-");
        VendorWrites.reset(fleet);
        CliRun export = CliRun.of("export", "--local", "--platforms", platformFile.toString(), "--platform", platform,
                "--out", out.toString());
        assertThat(export.exit()).as(export.toString()).isEqualTo(ExitCodes.NO_CHANGE);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.count()).as("one file per connection").isGreaterThanOrEqualTo(seeded.withSecret(vendor));
        }
        String exported = concatenated(out);
        Files.writeString(Path.of("target", "cli", "export-" + vendor + ".yaml"), exported);
        if (vendor.equals("slashid")) {
            // oidc.provider read back by rendering each value; Apple's required options as vendorOptions, no more
            assertThat(exported).contains("provider: \"github\"", "provider: \"apple\"", "team_id: \"A1B2C3D4E5\"",
                    "key_id: \"F6G7H8I9J0\"").doesNotContain("private_key", "secret_lifetime", "external_cred_id");
        }
        seeded.fillSecretTemplates(vendor, out);

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
