package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sandbox.SimulatorFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gives a clear error per connection and exit 1, never a plan that looks complete: a manifest the API
 * server would reject (the bad-input catalogue's rules), a vendor that does not answer, a Secret that is missing.
 * The other connections are still planned.
 */
class CliDiffErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimulatorFleet fleet;
    private static Path manifests;

    @BeforeAll
    static void start() throws Exception {
        fleet = SimulatorFleet.start();
        Files.createDirectories(Path.of("target", "cli"));
        manifests = SampleManifests.write(Files.createTempDirectory(Path.of("target", "cli"), "errors-"), fleet);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aManifestTheApiServerWouldRejectIsReportedWithTheCrdRule() throws Exception {
        Path bad = Path.of("src", "test", "resources", "bad-input", "oidc-empty-client-id.yaml");
        CliRun run = CliRun.of("diff", "--local", "-o", "json", manifests.resolve("keycloak").toString(), bad.toString());
        JsonNode report = JSON.readTree(run.out());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(report.path("complete").asBoolean()).isFalse();
        assertThat(report.path("connections")).anySatisfy(c -> {
            assertThat(c.path("action").asText()).isEqualTo("error");
            assertThat(c.path("reason").asText()).isEqualTo("Invalid");
            assertThat(c.path("message").asText()).contains("spec.oidc.clientId: must be at least 1");
        });
        assertThat(report.path("summary").path("create").asInt()).as("the valid ones are still planned").isPositive();
        assertThat(CliRun.of("diff", "--local", bad.toString()).out()).contains("INCOMPLETE");
    }

    @Test
    void anUnreachableVendorIsAnErrorForEachOfItsConnections() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target", "cli"), "unreachable-");
        try (var files = Files.list(manifests.resolve("auth0"))) {
            for (Path f : files.toList()) {
                Files.writeString(dir.resolve(f.getFileName()), Files.readString(f)
                        .replace(fleet.url("auth0"), "http://127.0.0.1:1"));
            }
        }
        CliRun run = CliRun.of("diff", "--local", "-o", "json", dir.toString(), manifests.resolve("loginradius").toString());
        JsonNode report = JSON.readTree(run.out());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(report.path("connections")).filteredOn(c -> c.path("name").asText().startsWith("auth0-"))
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.path("action").asText()).isEqualTo("error");
                    assertThat(c.path("message").asText()).contains("vendor could not be read");
                });
        assertThat(report.path("connections")).filteredOn(c -> c.path("name").asText().startsWith("loginradius-"))
                .allSatisfy(c -> assertThat(c.path("action").asText()).isEqualTo("create"));
    }

    @Test
    void aMissingSecretIsAnErrorForTheConnectionThatNeedsIt() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target", "cli"), "missing-secret-");
        Files.copy(manifests.resolve("keycloak/00-platform.yaml"), dir.resolve("00-platform.yaml"));
        String oidc = Files.readString(manifests.resolve("keycloak/oidc.yaml"));
        Files.writeString(dir.resolve("oidc.yaml"), oidc.substring(oidc.indexOf("---", 3)));
        Files.copy(manifests.resolve("keycloak/okta.yaml"), dir.resolve("okta.yaml"));
        CliRun run = CliRun.of("diff", "--local", dir.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("default/keycloak-partner-oidc: error [SecretNotFound]")
                .contains("Secret default/partner-oidc-client does not exist")
                .contains("default/keycloak-okta (keycloak default/keycloak-corp, corp-okta): create")
                .contains("INCOMPLETE");
    }
}
