package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.sandbox.SandboxEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code federator diff} on samples/ against the simulators, through the states a pull request meets: fresh vendors
 * (all creates), the operator converged (no change, exit 0), an edit made on the vendor (the field shows), a rotated
 * Secret (changed, value never shown), a connection removed from the manifests (a deletion). Every run is checked
 * for what the stand-ins cannot: no vendor write and only GETs on the API server (by the CLI's own token).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliDiffIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLI_TOKEN = "federator-cli-test-token";
    private static final Path OUT = Path.of("target", "cli");
    private static SandboxEnvironment env;
    private static Path manifests;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        env = new SandboxEnvironment(OUT.resolve("diff-operator.log"));
        Files.createDirectories(OUT);
        Path work = Files.createTempDirectory(OUT, "diff-");
        manifests = SampleManifests.write(work.resolve("manifests"), env.simulators());
        kubeconfig = SampleManifests.kubeconfig(work, env.kubernetes().url(), CLI_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void freshSimulatorsGiveOneCreatePerConnection() throws IOException {
        CliRun text = diff("diff-fresh.txt", "diff", "--local", manifests.toString());
        assertThat(text.exit()).as(text.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(text.out()).contains("Summary: " + SampleManifests.connectionCount() + " create; exit 2")
                .contains("(secret) changed");

        JsonNode json = json(diff("diff-fresh.json", "diff", "--local", "-o", "json", manifests.toString()));
        assertThat(json.path("connections")).hasSize((int) SampleManifests.connectionCount())
                .allSatisfy(c -> assertThat(c.path("action").asText()).as(c.toString()).isEqualTo("create"));
        assertThat(json.path("exitCode").asInt()).isEqualTo(2);
        assertThat(json.path("complete").asBoolean()).isTrue();

        String stream = SampleManifests.yaml(dev.federator.sandbox.Samples.read(manifests));
        CliRun stdin = CliRun.withStdin(stream, "diff", "--local", "-");
        assertThat(stdin.exit()).isEqualTo(ExitCodes.CHANGES);
        assertThat(stdin.out()).as("the same plan from standard input").isEqualTo(text.out());
    }

    @Test
    @Order(2)
    void convergedSimulatorsGiveNoChange() {
        env.startOperator(Map.of());
        env.applySamplesAndAwaitReady();
        CliRun run = diff("diff-converged.txt", "diff", "--kubeconfig", kubeconfig.toString(), manifests.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.NO_CHANGE);
        assertThat(run.out()).contains("Summary: " + SampleManifests.connectionCount() + " nochange; exit 0")
                .doesNotContain("unknown");
        assertThat(env.kubernetes().requestsByToken(CLI_TOKEN)).as("the CLI read the cluster").isNotEmpty();
    }

    @Test
    @Order(3)
    void anOutOfBandEditShowsTheFieldWithOldAndNewValue() throws IOException {
        assertThat(env.simulators().auth0().editOutOfBand("partner-oidc",
                c -> c.put("display_name", "Edited on the dashboard"))).isTrue();
        JsonNode json = json(diff("diff-edited.json", "diff", "--kubeconfig", kubeconfig.toString(), "-o", "json",
                manifests.toString()));
        assertThat(json.path("exitCode").asInt()).isEqualTo(ExitCodes.CHANGES);
        JsonNode plan = connection(json, "auth0-partner-oidc");
        assertThat(plan.path("action").asText()).isEqualTo("update");
        assertThat(plan.path("changes")).anySatisfy(c -> {
            assertThat(c.path("path").asText()).isEqualTo("display_name");
            assertThat(c.path("old").asText()).isEqualTo("Edited on the dashboard");
            assertThat(c.path("new").asText()).isEqualTo("Partner SSO");
        });
        assertThat(json.path("summary").path("update").asInt()).isEqualTo(1);
        CliRun text = diff("diff-edited.txt", "diff", "--kubeconfig", kubeconfig.toString(), manifests.toString());
        assertThat(text.out()).contains("display_name: Edited on the dashboard -> Partner SSO");
    }

    @Test
    @Order(4)
    void aRotatedSecretShowsAsChangedAndNeverItsValue() throws IOException {
        String rotated = "rotated-Secret-Value-4711";
        for (String file : List.of("keycloak/oidc.yaml", "auth0/oidc.yaml")) {
            Path path = manifests.resolve(file);
            Files.writeString(path, Files.readString(path).replace("partner-oidc-client-secret", rotated));
        }
        CliRun text = diff("diff-rotated.txt", "diff", "--kubeconfig", kubeconfig.toString(), manifests.toString());
        JsonNode json = json(diff("diff-rotated.json", "diff", "--kubeconfig", kubeconfig.toString(), "-o", "json",
                manifests.toString()));
        for (String name : List.of("keycloak-partner-oidc", "auth0-partner-oidc")) {
            assertThat(connection(json, name).path("changes")).as(name)
                    .anySatisfy(c -> assertThat(c.path("secret").asText()).isEqualTo("changed"))
                    .allSatisfy(c -> assertThat(c.has("secret") && (c.has("old") || c.has("new"))).isFalse());
        }
        List<String> secrets = new ArrayList<>(SampleManifests.secretValues());
        secrets.add(rotated);
        for (String output : List.of(text.out(), json.toString())) {
            for (String secret : secrets) {
                assertThat(output).as("no secret value in the output").doesNotContain(secret);
            }
        }
    }

    @Test
    @Order(5)
    void aConnectionMissingFromTheManifestsIsADeletion() throws IOException {
        Path fewer = Files.createTempDirectory(OUT, "fewer-");
        for (String vendor : List.of("auth0")) {
            Path dir = Files.createDirectories(fewer.resolve(vendor));
            try (var files = Files.list(manifests.resolve(vendor))) {
                for (Path f : files.filter(f -> !f.getFileName().toString().equals("saml.yaml")).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        JsonNode json = json(diff("diff-deleted.json", "diff", "--kubeconfig", kubeconfig.toString(), "-o", "json",
                fewer.toString()));
        JsonNode deleted = connection(json, "auth0-adfs-saml");
        assertThat(deleted.path("action").asText()).isEqualTo("delete");
        assertThat(json.path("connections")).filteredOn(c -> c.path("action").asText().equals("delete")).hasSize(1);
    }

    /** Runs the CLI, keeps its output under target/cli for the docs, and checks it wrote nothing to the vendors. */
    private static CliRun diff(String keep, String... args) {
        VendorWrites.reset(env.simulators());
        CliRun run = CliRun.of(args);
        try {
            Files.writeString(OUT.resolve(keep), run.out() + run.err());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(VendorWrites.of(env.simulators())).as("vendor writes by the CLI").isEmpty();
        assertThat(VendorWrites.requests(env.simulators())).as("the CLI read the vendors").isPositive();
        assertThat(env.kubernetes().requestsByToken(CLI_TOKEN).values()).allSatisfy(requests ->
                assertThat(requests.keySet()).as("the CLI's requests to the API server").allMatch(r -> r.startsWith("GET ")));
        return run;
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.err()).isEmpty();
        return JSON.readTree(run.out());
    }

    private static JsonNode connection(JsonNode report, String name) {
        for (JsonNode c : report.path("connections")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(name + " not in " + report);
    }
}
