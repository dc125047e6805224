package dev.federator.e2e;

import static dev.federator.e2e.ConnectionScenarios.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
import dev.federator.provider.kit.JsonTree;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LoginRadius SAML connections through the packaged operator, the mock Kubernetes API and the simulator. */
class LoginRadiusSimulatorE2EIT {
    private static final String ORG = SimulatorFleet.LOGINRADIUS_ORGANIZATION;
    // Debug logging on Federator's own code: even then the credentials must not show up.
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("loginradius-simulator",
            Map.of("QUARKUS_LOG_CATEGORY__DEV_FEDERATOR__LEVEL", "DEBUG"));
    private static SandboxEnvironment env;
    private static LoginRadiusSimulator sim;
    private String ns;

    @BeforeAll
    static void start() {
        env = SANDBOX.env();
        sim = env.simulators().loginradius();
        sim.unverify(ORG, "pending.example.com");
    }

    private KubernetesClient kube() { return env.client(); }

    @BeforeEach
    void freshNamespace() {
        ns = "lr-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        platform("lr", SimulatorFleet.LOGINRADIUS_API_SECRET);
        await("platform Ready").untilAsserted(() -> assertThat(platformReady("lr")).isEqualTo("True/Verified"));
    }

    private void platform(String name, String apiSecret) {
        kube().resource(Manifests.secret(ns, name + "-credentials", Map.of("api-key",
                SimulatorFleet.LOGINRADIUS_API_KEY, "api-secret", apiSecret))).create();
        kube().resource(Manifests.loginRadiusPlatform(ns, name, sim.baseUrl(), name + "-credentials")).create();
    }

    private static String pem(int n) {
        try (InputStream in = LoginRadiusSimulatorE2EIT.class.getResourceAsStream("/loginradius/idp-" + n + ".crt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Der(int n) { return base64Of(pem(n)); }

    private static String base64Of(String pem) { return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""); }

    private IdentityConnection saml(String name, String domain) {
        kube().resource(Manifests.secret(ns, name + "-cert", Map.of("tls.crt", pem(1)))).create();
        return kube().resource(Manifests.loginRadiusSaml(ns, name, "lr", domain, name + "-cert")).create();
    }

    private IdentityConnection get(String name) {
        return kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).get();
    }

    private static String readyOf(List<Condition> conditions) {
        return conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .map(c -> c.getStatus() + "/" + c.getReason()).orElse("none");
    }

    private String platformReady(String name) {
        IdentityPlatform p = kube().resources(IdentityPlatform.class).inNamespace(ns).withName(name).get();
        return p == null || p.getStatus() == null ? "pending" : readyOf(p.getStatus().conditions);
    }

    private String ready(String name) {
        IdentityConnection c = get(name);
        if (c == null || c.getStatus() == null
                || !c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)) {
            return "pending";
        }
        return readyOf(c.getStatus().conditions);
    }

    private Optional<ObjectNode> remote(String name) { return sim.connection(ORG, name); }

    private List<Event> events() { return kube().v1().events().inNamespace(ns).list().getItems(); }

    private List<String> eventReasons(String name) {
        return events().stream().filter(e -> name.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    @Test
    void samlCreateRotateCertificateAndDelete() {
        String name = "adfs-" + UUID.randomUUID().toString().substring(0, 6);
        saml(name, SimulatorFleet.LOGINRADIUS_DOMAIN);
        await("created and Ready").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
        ObjectNode created = remote(name).orElseThrow();
        assertThat(created.path("ConnectionType").asText()).isEqualTo("saml_custom");
        assertThat(created.path("Attributes").path("Email").asText()).isEqualTo("mail");
        assertThat(created.path("IDPCertificate").path("Certificate").asText())
                .startsWith("-----BEGIN CERTIFICATE-----")
                .satisfies(c -> assertThat(base64Of(c)).isEqualTo(base64Der(1)));
        assertThat(get(name).getStatus().externalId).isEqualTo(created.path("Id").asText());
        assertThat(get(name).getStatus().signingCertificate.notAfter)
                .isEqualTo(created.path("IDPCertificate").path("NotAfter").asText());
        await("Created event").untilAsserted(() -> assertThat(eventReasons(name)).contains("Created"));

        kube().secrets().inNamespace(ns).withName(name + "-cert")
                .edit(s -> { s.setData(null); s.setStringData(Map.of("tls.crt", pem(2))); return s; });
        await("certificate rotated").untilAsserted(() -> {
            ObjectNode rotated = remote(name).orElseThrow();
            assertThat(rotated.path("IDPCertificate").path("Certificate").asText())
                .startsWith("-----BEGIN CERTIFICATE-----")
                .satisfies(c -> assertThat(base64Of(c)).isEqualTo(base64Der(2)));
            assertThat(get(name).getStatus().signingCertificate.notAfter)
                    .isEqualTo(rotated.path("IDPCertificate").path("NotAfter").asText());
        });

        kube().resources(IdentityConnection.class).inNamespace(ns).withName(name).delete();
        await("deleted on LoginRadius").untilAsserted(() -> {
            assertThat(remote(name)).isEmpty();
            assertThat(get(name)).isNull();
        });
    }

    @Test
    void anUnverifiedDomainIsReportedWithoutARetryLoop() {
        String name = "pending-" + UUID.randomUUID().toString().substring(0, 6);
        int postsBefore = posts();
        saml(name, "pending.example.com");
        await("DomainNotVerified").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/DomainNotVerified"));
        assertThat(get(name).getStatus().conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getMessage()).contains("pending.example.com", "spec.domains");
        // Several sync intervals later the create was still tried only once.
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9))
                .until(() -> posts() == postsBefore + 1);
        assertThat(remote(name)).isEmpty();
    }

    private static int posts() { return sim.calls().countRoute("POST /v2/manage/organizations/:orgId/connections"); }

    @Test
    void aConnectionDeletedOnLoginRadiusIsCreatedAgain() {
        String name = "gone-" + UUID.randomUUID().toString().substring(0, 6);
        saml(name, SimulatorFleet.LOGINRADIUS_DOMAIN);
        await("created").untilAsserted(() -> assertThat(ready(name)).isEqualTo("True/InSync"));
        String firstId = get(name).getStatus().externalId;
        assertThat(sim.deleteOutOfBand(ORG, name)).isTrue();
        await("recreated").untilAsserted(() -> {
            assertThat(remote(name)).isPresent();
            assertThat(get(name).getStatus().externalId).isNotEqualTo(firstId)
                    .isEqualTo(remote(name).orElseThrow().path("Id").asText());
            assertThat(eventReasons(name)).contains("Recreated");
        });
    }

    @Test
    void aDuplicateNameIsAdoptedOnlyWithAdoptionIfExists() {
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        String foreignId = sim.putDirect(ORG, JsonTree.object().put("Name", name)
                .put("Domain", SimulatorFleet.LOGINRADIUS_DOMAIN)).path("Id").asText();
        saml(name, SimulatorFleet.LOGINRADIUS_DOMAIN);
        await("refused").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/AlreadyExists"));
        Manifests.editConnection(kube(), ns, name, c -> { c.getSpec().adoption = AdoptionPolicy.IfExists; });
        await("adopted").untilAsserted(() -> {
            assertThat(ready(name)).isEqualTo("True/InSync");
            assertThat(get(name).getStatus().externalId).isEqualTo(foreignId);
            assertThat(remote(name).orElseThrow().path("IDPEntityId").asText()).isEqualTo("http://idp.example.com/" + name);
        });
        await("Adopted event").untilAsserted(() -> assertThat(eventReasons(name)).contains("Adopted"));
    }

    /**
     * The paths that print the most about credentials: refused credentials and a refused connection, with debug
     * logging on. Closing the environment then scans the log, events, statuses and metrics for the API key, the API
     * secret and the wrong secret (plain, base64 and URL-encoded); here only what is not a value: no query string
     * carrying credentials, and the operator did say what went wrong.
     */
    @Test
    void theApiKeyAndSecretAppearNowhereTheOperatorWrites() throws Exception {
        String wrongSecret = "not-the-secret-" + UUID.randomUUID();
        platform("wrong", wrongSecret);
        await("credentials refused").untilAsserted(() ->
                assertThat(platformReady("wrong")).isEqualTo("False/InvalidCredentials"));
        String name = "mask-" + UUID.randomUUID().toString().substring(0, 6);
        saml(name, "elsewhere.example.org");
        await("domain refused").untilAsserted(() -> assertThat(ready(name)).isEqualTo("False/DomainNotInOrganization"));

        List<String> printed = new ArrayList<>();
        printed.add(Files.readString(SANDBOX.log()));
        printed.add(env.operator().scrapeMetrics().orElseThrow());
        events().forEach(e -> printed.add(e.getReason() + " " + e.getMessage()));
        kube().resources(IdentityPlatform.class).inNamespace(ns).list().getItems()
                .forEach(p -> printed.add(String.valueOf(p.getStatus().conditions)));
        kube().resources(IdentityConnection.class).inNamespace(ns).list().getItems()
                .forEach(c -> printed.add(String.valueOf(c.getStatus().conditions)));
        assertThat(printed.get(1)).contains("federator"); // the metrics were really read
        assertThat(String.join("\n", printed)).contains("InvalidCredentials", "8150")
                .doesNotContain("apikey=", "apisecret=");
    }
}
