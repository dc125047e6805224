package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Renders both install paths (kustomize base and Helm chart) and checks what a platform team relies on. */
class InstallManifestsTest {
    private static final Path CHART = Path.of("deploy", "helm", "federator");

    @Test
    void kustomizeBaseIsProductionReady() throws Exception {
        String rendered = kubectlKustomize("deploy/");
        Manifests m = Manifests.parse(rendered);
        m.assertProductionReady("federator-system");
        assertThat(m.one("Namespace").at("/metadata/name").asText()).isEqualTo("federator-system");
        assertThat(m.ofKind("CustomResourceDefinition")).hasSize(3);
        assertThat(m.env("QUARKUS_OPERATOR_SDK_NAMESPACES")).as("all namespaces by default")
                .isEqualTo("JOSDK_ALL_NAMESPACES");
        assertThat(m.ofKind("ServiceMonitor")).isEmpty();
    }

    /** The RBAC audit reads the base without kubectl: it must see the RBAC kustomize emits. */
    @Test
    void theAuditsRenderingOfTheBaseHasKustomizesRbac() throws Exception {
        Manifests kustomize = Manifests.parse(kubectlKustomize("deploy/"));
        java.util.List<String> kinds = java.util.List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
                "RoleBinding");
        assertThat(RenderedInstall.kustomizeBase().docs().stream().map(RenderedInstall.Doc::json)
                .filter(d -> kinds.contains(d.path("kind").asText())).toList())
                .containsExactlyInAnyOrderElementsOf(kustomize.docs.stream()
                        .filter(d -> kinds.contains(d.path("kind").asText())).toList());
    }

    @Test
    void kustomizeOverlayFromTheReadmeSetsImageAndNamespaces() throws Exception {
        Path overlay = Path.of("target", "kustomize-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [../../deploy]
                images:
                  - {name: federator, newName: registry.example.com/federator, newTag: 0.1.0}
                patches:
                  - target: {kind: Deployment, name: federator}
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/0/env/2/value     # QUARKUS_OPERATOR_SDK_NAMESPACES
                        value: team-a,team-b
                """);
        Manifests m = Manifests.parse(kubectlKustomize(overlay.toString()));
        m.assertProductionReady("federator-system");
        assertThat(m.container().path("image").asText()).isEqualTo("registry.example.com/federator:0.1.0");
        assertThat(m.env("QUARKUS_OPERATOR_SDK_NAMESPACES")).isEqualTo("team-a,team-b");
    }

    @Test
    void helmChartDefaultsAreProductionReady() throws IOException {
        Manifests m = Manifests.parse(new Helm(CHART).template().withName("federator")
                .withNamespace("federator-system").call());
        m.assertProductionReady("federator-system");
        assertThat(m.env("QUARKUS_OPERATOR_SDK_NAMESPACES")).isEqualTo("JOSDK_ALL_NAMESPACES");
        assertThat(m.clusterRoleReadsSecrets()).as("all namespaces watched: Secrets read cluster-wide").isTrue();
        assertThat(m.secretReadingNamespaces()).isEmpty();
        assertThat(m.env("QUARKUS_LOG_CONSOLE_JSON_ENABLED")).isEqualTo("false");
        assertThat(m.container().path("image").asText()).isEqualTo("federator:0.1.0-SNAPSHOT");
        assertThat(m.ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void helmValuesReachTheDeployment() throws IOException {
        Manifests m = Manifests.parse(new Helm(CHART).template().withName("sso").withNamespace("platform")
                .set("image.repository", "registry.example.com/federator").set("image.tag", "1.2.3")
                .set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b")
                .set("logFormat", "json").set("serviceMonitor.enabled", "true")
                .set("resources.requests.cpu", "250m").call());
        m.assertProductionReady("platform");
        assertThat(m.container().path("image").asText()).isEqualTo("registry.example.com/federator:1.2.3");
        assertThat(m.env("QUARKUS_OPERATOR_SDK_NAMESPACES")).isEqualTo("team-a,team-b");
        assertThat(m.clusterRoleReadsSecrets()).as("no cluster-wide Secret read when namespaces are listed").isFalse();
        assertThat(m.secretReadingNamespaces()).as("Secrets are read where connections live, and in the release "
                + "namespace for ClusterIdentityPlatform credentials").containsExactly("platform", "team-a", "team-b");
        assertThat(m.env("QUARKUS_LOG_CONSOLE_JSON_ENABLED")).isEqualTo("true");
        assertThat(m.container().at("/resources/requests/cpu").asText()).isEqualTo("250m");
        var monitor = m.one("ServiceMonitor");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("metrics");
        assertThat(m.one("Service").at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("metrics");
    }

    @Test
    void helmChartShipsTheCurrentCrds() throws IOException {
        for (String plural : new String[] {"identityconnections", "identityplatforms", "clusteridentityplatforms"}) {
            String file = plural + ".federator.dev.yaml";
            assertThat(Files.readString(CHART.resolve("crds").resolve(file)))
                    .as("deploy/helm/federator/crds/%s differs from crds/: run bin/update-crds", file)
                    .isEqualTo(Files.readString(Path.of("crds", file)));
        }
    }

    static String kubectlKustomize(String dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(false).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl is not on the PATH; the kustomize base is not rendered here (" + e.getMessage() + ")");
            throw e;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = new Thread(() -> { try { process.getErrorStream().transferTo(err); } catch (IOException ignored) { } });
        errPump.start();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        errPump.join();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, err.toString(StandardCharsets.UTF_8))
                .isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
