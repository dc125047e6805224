package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.status.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20's round trip, per vendor: connections made out of band are exported, the Secret templates filled with
 * what the vendor holds, the manifests applied to the sandbox's API server, and the packaged operator adopts them
 * all, Ready, without one write on the vendor (neither the owner marker nor the secrets it hides).
 */
class CliExportRoundTripIT {
    private static final Path OUT = Path.of("target", "cli");
    private static SandboxEnvironment env;
    private static Path manifests;
    private static SeededConnections seeded;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(OUT);
        env = new SandboxEnvironment(OUT.resolve("roundtrip-operator.log"));
        manifests = SampleManifests.write(Files.createTempDirectory(OUT, "roundtrip-"), env.simulators());
        seeded = SeededConnections.create(manifests);
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth0", "keycloak", "ezto", "devrev", "loginradius", "slashid"})
    void exportApplyAndAdoptMakeNoVendorWrite(String vendor) throws Exception {
        Path platformFile = manifests.resolve(vendor).resolve("00-platform.yaml");
        String platform = SampleManifests.platformName(platformFile);
        Path out = Files.createTempDirectory(OUT, "roundtrip-" + vendor + "-");
        CliRun export = CliRun.of("export", "--local", "--platforms", platformFile.toString(), "--platform", platform,
                "--out", out.toString());
        assertThat(export.exit()).as(export.toString()).isEqualTo(ExitCodes.NO_CHANGE);
        seeded.fillSecretTemplates(vendor, out);
        Files.copy(platformFile, out.resolve("00-platform.yaml"));
        VendorWrites.reset(env.simulators());

        String namespace = env.newNamespace();
        List<IdentityConnection> applied = env.applySamples(out, namespace);
        assertThat(applied).as("exported connections").isNotEmpty()
                .allSatisfy(c -> assertThat(c.getSpec().adoption().name()).isEqualTo("IfExists"));
        await(vendor + ": every exported connection Ready").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(inNamespace(namespace))
                        .hasSize(applied.size()).allSatisfy(c -> assertThat(c.getStatus() != null
                                && Conditions.isTrue(c.getStatus().conditions, Conditions.READY))
                                .as("%s Ready: %s", c.getMetadata().getName(),
                                        c.getStatus() == null ? null : c.getStatus().conditions).isTrue()));
        assertThat(inNamespace(namespace)).allSatisfy(c -> assertThat(c.getStatus().externalId)
                .as("%s adopted the existing connection", c.getMetadata().getName()).isNotBlank());
        assertThat(VendorWrites.calls(env.simulators(), vendor).count()).as("%s: the operator read the vendor", vendor)
                .isPositive();
        assertThat(VendorWrites.of(env.simulators())).as("vendor writes by the adoption").isEmpty();
    }

    private static List<IdentityConnection> inNamespace(String namespace) {
        return env.client().resources(IdentityConnection.class).inNamespace(namespace).list().getItems();
    }
}
