package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.status.Conditions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample in samples/ reaches Ready against the simulators (what users copy must work), and the operator's
 * metrics and conditions describe them: connections by Ready state, SAML certificate expiry, CertificateExpiring.
 */
class SamplesE2EIT {
    private static SandboxEnvironment env;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "samples-operator.log"));
        env.startOperator(Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void everySampleBecomesReadyAndShowsInTheMetrics() throws Exception {
        // Secrets nothing references, beside the samples' and elsewhere: the operator must not hold on to them.
        String unrelated = env.newNamespace();
        for (int i = 0; i < UNRELATED_SECRETS; i++) {
            String ns = i % 5 == 0 ? "default" : unrelated;
            env.client().resource(Manifests.secret(ns, "unrelated-" + i, Map.of("blob", "x".repeat(1024)))).create();
        }
        List<IdentityConnection> applied = env.applySamplesAndAwaitReady();

        List<IdentityConnection> saml = env.connections().stream()
                .filter(c -> c.getStatus().signingCertificate != null).toList();
        assertThat(saml).as("a SAML sample with a signing certificate").isNotEmpty();
        for (IdentityConnection c : saml) {
            assertThat(Conditions.find(c.getStatus().conditions, "CertificateExpiring"))
                    .hasValueSatisfying(cond -> assertThat(cond.getStatus()).isEqualTo("False"));
        }

        HttpClient http = HttpClient.newHttpClient();
        String metrics = http.send(HttpRequest.newBuilder(URI.create(env.operator().metricsUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // The text format may or may not put a comma after the last label.
        assertThat(metrics).containsPattern("federator_connections\\{ready=\"True\",?\\} " + applied.size() + "\\.0")
                .containsPattern("federator_connections\\{ready=\"False\",?\\} 0\\.0");
        for (IdentityConnection c : saml) {
            assertThat(metrics).containsPattern("federator_signing_certificate_expiry_seconds\\{name=\""
                    + c.getMetadata().getName() + "\",namespace=\"default\",?\\} [0-9.E]+");
        }
        assertThat(metrics).as("no per-resource reconcile series").doesNotContain("resource_name=");

        int samplesSecrets = env.client().secrets().inNamespace("default").list().getItems().size() - UNRELATED_SECRETS / 5;
        var tracked = java.util.regex.Pattern.compile("(?m)^federator_secrets_tracked(\\{\\})? ([0-9.]+)$").matcher(metrics);
        assertThat(tracked.find()).as("federator_secrets_tracked in the metrics").isTrue();
        assertThat(Double.parseDouble(tracked.group(2))).as("Secrets held by the informers: the referenced ones, not "
                + "the %s unrelated", UNRELATED_SECRETS).isPositive().isLessThanOrEqualTo(samplesSecrets);
    }

    private static final int UNRELATED_SECRETS = 300;
}
