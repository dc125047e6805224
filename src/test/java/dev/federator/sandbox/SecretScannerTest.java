package dev.federator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret scan can fail: planted secrets are found in every place and form it looks at. */
class SecretScannerTest {
    private static final String SECRET = "planted-secret-value-42";
    private static final String B64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void findsAPlantedSecretInEveryPlaceAndFormAndNeverPrintsIt() {
        SecretScanner scanner = new SecretScanner();
        assertThat(scanner.addFromSecret("Secret ns/x", "client-secret", SECRET)).isTrue();
        scanner.scanLines(SecretScanner.LOG_LINES, "op.log", "clean line\nGET /token?client_secret=" + SECRET + "\n");
        scanner.scan(SecretScanner.EVENTS, "Event ns/e", "{\"message\":\"data: " + B64 + "\"}");
        scanner.scan(SecretScanner.STATUSES, "status of IdentityConnection ns/c",
                "{\"conditions\":[{\"message\":\"bad " + B64.replace("=", "") + "\"}]}");
        scanner.scanLines(SecretScanner.METRIC_LINES, "metrics", "a_total{x=\"y\"} 1\nb_total 2\nc{s=\"" + SECRET + "\"} 3\n");
        scanner.scan(SecretScanner.EVENTS, "Event ns/clean", "{\"message\":\"nothing here\"}");

        assertThat(scanner.hits()).hasSize(4);
        assertThat(scanner.hits()).anySatisfy(h -> assertThat(h).startsWith("logLines op.log:2: secret pla…(23 chars)")
                .contains("Secret ns/x key client-secret", "(plain)"));
        assertThat(scanner.hits()).anySatisfy(h -> assertThat(h).startsWith("events Event ns/e").contains("(base64)"));
        assertThat(scanner.hits()).anySatisfy(h -> assertThat(h).startsWith("statuses status of IdentityConnection ns/c"));
        assertThat(scanner.hits()).anySatisfy(h -> assertThat(h).startsWith("metricLines metrics:3"));
        assertThat(String.join("\n", scanner.hits())).doesNotContain(SECRET, B64.substring(0, 8));
        assertThat(scanner.scanned(SecretScanner.LOG_LINES)).isEqualTo(2);
        assertThat(scanner.scanned(SecretScanner.EVENTS)).isEqualTo(2);
        assertThat(scanner.scanned(SecretScanner.STATUSES)).isEqualTo(1);
        assertThat(scanner.scanned(SecretScanner.METRIC_LINES)).isEqualTo(3);
        assertThat(scanner.report("t", 1, 1).path("hits").asInt()).isEqualTo(4);
        assertThat(scanner.report("t", 1, 1).toString()).doesNotContain(SECRET);
    }

    @Test
    void aUrlEncodedSecretIsFound() {
        SecretScanner scanner = new SecretScanner();
        scanner.add("SimulatorFleet.X", "p@ss word+/x!");
        scanner.scan(SecretScanner.LOG_LINES, "op.log:1", "POST body client_secret=p%40ss+word%2B%2Fx%21&grant=x");
        assertThat(scanner.hits()).singleElement().asString().contains("(URL-encoded)").doesNotContain("word");
    }

    @Test
    void anIssuedTokenIsFoundWholeOrByItsSignature() {
        SecretScanner scanner = new SecretScanner();
        scanner.add("a token a simulator issued", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ");
        scanner.scan(SecretScanner.LOG_LINES, "op.log:1", "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ");
        scanner.scan(SecretScanner.LOG_LINES, "op.log:2", "truncated ...c2lnbmF0dXJlLXNpZ25hdHVyZQ");
        scanner.scan(SecretScanner.LOG_LINES, "op.log:3", "same header, another token eyJhbGciOiJSUzI1NiJ9.e30.b3RoZXI");
        assertThat(scanner.hits()).hasSize(2);
        assertThat(scanner.hits().get(1)).contains("op.log:2", "(token signature)");
    }

    @Test
    void aLineOfAMultiLineSecretIsFound() {
        SecretScanner scanner = new SecretScanner();
        scanner.addFromSecret("Secret ns/k", "private-key",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n");
        scanner.scan(SecretScanner.LOG_LINES, "op.log:1", "key MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        scanner.scan(SecretScanner.LOG_LINES, "op.log:2", "-----BEGIN PRIVATE KEY----- is only a header");
        assertThat(scanner.hits()).singleElement().asString().contains("line of a multi-line value");
    }

    @Test
    void shortValuesIdentifiersAndCertificatesAreNotSecrets() {
        SecretScanner scanner = new SecretScanner();
        assertThat(scanner.addFromSecret("S", "client-secret", "rotated")).isFalse();
        assertThat(scanner.addFromSecret("S", "client-id", "5mOI1uVh0wKp3xTzQeXb8NcR2aLd7YfG")).isFalse();
        assertThat(scanner.addFromSecret("S", "username", "administrator")).isFalse();
        assertThat(scanner.addFromSecret("S", "tls.crt",
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n")).isFalse();
        assertThat(scanner.addFromSecret("S", "api-key", "change-me-api-key")).isTrue();
        assertThat(scanner.values()).isEqualTo(1);
    }

    @Test
    void theEnvironmentScanWatchesSecretsEventsAndStatusesAndFailsOnAHit(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("operator.log");
        Files.writeString(log, "started\nclean\n");
        try (MockKubernetes kube = new MockKubernetes(Path.of("crds"), "ns")) {
            SecretScan scan = SecretScan.start("SecretScannerTest", kube.client(), ns -> true);
            scan.addOperator(new OperatorProcess(Path.of("none.jar"), kube.url(), "ns", log, Map.of()));
            kube.client().resource(new SecretBuilder().withNewMetadata().withNamespace("ns").withName("s").endMetadata()
                    .withStringData(Map.of("client-secret", "before-rotation")).build()).create();
            // Rotated: the first value is gone from the API server, the scan still knows it.
            kube.client().secrets().inNamespace("ns").withName("s")
                    .edit(s -> { s.setData(null); s.setStringData(Map.of("client-secret", SECRET)); return s; });
            kube.client().v1().events().inNamespace("ns").resource(new EventBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName("e1").withNamespace("ns").build())
                    .withReason("Leak").withMessage("value " + B64).build()).create();
            IdentityPlatform p = new IdentityPlatform();
            p.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").build());
            p = kube.client().resource(p).create();
            p.setStatus(new PlatformStatus());
            p.getStatus().conditions = List.of(new ConditionBuilder().withType("Ready").withStatus("False")
                    .withMessage("refused before-rotation").build());
            kube.client().resource(p).updateStatus();
            // The status is overwritten: the scan saw the version that leaked.
            p.getStatus().conditions = List.of(new ConditionBuilder().withType("Ready").withStatus("True").build());
            kube.client().resource(p).updateStatus();
            Files.writeString(log, "leaked " + SECRET + "\n", java.nio.file.StandardOpenOption.APPEND);

            // The watches are asynchronous: wait until both secret values and both status versions were delivered.
            org.awaitility.Awaitility.await().until(() -> scan.secretValuesSeen() == 2 && scan.statusesSeen() == 2);
            SecretScan.Report report = scan.finish();
            assertThat(report.counts().path("secretValues").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(report.hits()).anySatisfy(h -> assertThat(h).startsWith("logLines operator.log:3"))
                    .anySatisfy(h -> assertThat(h).startsWith("events Event ns/e1 (reason Leak)").contains("base64"))
                    .anySatisfy(h -> assertThat(h).startsWith("statuses status of IdentityPlatform ns/p")
                            .contains("bef…(15 chars) from Secret ns/s key client-secret"));
            assertThatThrownBy(report::assertClean).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("secret scan of SecretScannerTest").hasMessageNotContaining(SECRET);
            assertThat(new ObjectMapper().readTree(SecretScan.REPORTS.resolve(report.name() + ".json").toFile())
                    .path("hits").asInt()).isEqualTo(report.hits().size());
        }
    }

    @Test
    void theSummaryAddsUpTheReports(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.json"), "{\"name\":\"A\",\"operatorRuns\":2,\"metricScrapes\":2,"
                + "\"secretValues\":5,\"logLines\":100,\"events\":7,\"statuses\":9,\"metricLines\":300,\"hits\":0}");
        Files.writeString(dir.resolve("B.json"), "{\"name\":\"B\",\"operatorRuns\":1,\"metricScrapes\":1,"
                + "\"secretValues\":3,\"logLines\":50,\"events\":1,\"statuses\":2,\"metricLines\":150,\"hits\":1,"
                + "\"hitLocations\":[\"logLines x.log:3: secret abc…(9 chars) from S (plain)\"]}");
        var summary = new SecretScanSummary(dir).summarize();
        assertThat(SecretScanSummary.line(summary)).isEqualTo("secret scan: 3 operator runs in 2 environments, "
                + "8 secret values, 150 log lines, 8 events, 11 statuses, 450 metric lines (3 scrapes): 1 hits");
        assertThat(summary.path("hitLocations").get(0).asText()).startsWith("B: logLines x.log:3");
        assertThat(Files.exists(dir.resolve("summary.json"))).isTrue();
    }

    /** Every end-to-end class runs the operator through a scanned environment or starts a scan of its own. */
    @Test
    void everyEndToEndClassIsScanned() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/java/dev/federator/e2e"))) {
            List<Path> e2e = files.filter(p -> p.getFileName().toString().endsWith("E2EIT.java")).toList();
            assertThat(e2e).hasSizeGreaterThanOrEqualTo(12);
            for (Path p : e2e) {
                String source = Files.readString(p);
                assertThat(source.contains("new SandboxEnvironment(") || source.contains("new SandboxPerClass(")
                        || source.contains("SecretScan.start("))
                        .as(p + " runs the operator without a secret scan").isTrue();
            }
        }
    }
}
