package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sim.keycloak.KeycloakSimulator;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vendor faults and operator crashes: whatever happens, every connection ends Ready, the vendor holds exactly the
 * declared connections with the declared values, and the number of calls stays bounded.
 */
class ResilienceE2EIT {
    private static final String CREATE = "POST /admin/realms/:realm/identity-provider/instances";
    // A short vendor timeout, so that "slow answers past the client timeout" happen within the test.
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("resilience",
            Map.of("FEDERATOR_VENDOR_REQUEST_TIMEOUT", "2s"));
    private static SandboxEnvironment env;
    private static SimulatedKeycloak keycloak;
    private static KeycloakSimulator sim;
    private String ns;
    private String realm;

    @BeforeAll
    static void start() {
        env = SANDBOX.env();
        sim = env.simulators().keycloak();
        keycloak = new SimulatedKeycloak(sim);
    }

    @BeforeEach
    void platform() {
        // A test that failed between its kill and its restart must not fail every test after it.
        SANDBOX.reviveOperator();
        ns = "r-" + UUID.randomUUID().toString().substring(0, 8);
        env.kubernetes().ensureNamespace(ns);
        realm = keycloak.newRealm();
        env.client().resource(Manifests.secret(ns, "kc-credentials", keycloak.credentials())).create();
        var platform = Manifests.keycloakPlatform(ns, "kc", keycloak, realm, "kc-credentials");
        platform.getSpec().syncInterval = "10m";
        env.client().resource(platform).create();
    }

    @AfterEach
    void clearFaults() { sim.faults().clear(); }

    private void declare(String name) {
        env.client().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "secret-" + name))).create();
        env.client().resource(Manifests.oidc(ns, name, "kc", name + "-client")).create();
    }

    private boolean ready(String name) {
        IdentityConnection c = env.client().resources(IdentityConnection.class).inNamespace(ns).withName(name).get();
        return c != null && c.getStatus() != null && c.getStatus().conditions.stream()
                .anyMatch(k -> k.getType().equals("Ready") && k.getStatus().equals("True"));
    }

    @Test
    void manyConnectionsConvergeThroughFiveHundredsResetsSlownessAndRateLimits() {
        sim.calls().reset();
        sim.faults().failNext(15, 503).resetNext(8).throttleNext(10, Duration.ofSeconds(1), true)
                .delayNext(3, Duration.ofSeconds(4)).failNext(5, 502).throttleNext(10, Duration.ofSeconds(1), false);
        int injected = 51;
        List<String> names = IntStream.range(0, 25).mapToObj(i -> "conn-" + i).toList();
        names.forEach(this::declare);

        Awaitility.await("all Ready through the faults").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(names).allMatch(this::ready));

        assertThat(sim.faults().pending()).as("every armed fault was hit").isZero();
        assertThat(sim.identityProviders(realm)).as("exactly the declared connections").hasSize(names.size());
        for (String name : names) {
            assertThat(sim.identityProvider(realm, name).orElseThrow().path("config").path("clientId").asText())
                    .isEqualTo("client-" + name);
            assertThat(sim.storedSecret(realm, name)).contains("secret-" + name);
        }
        int created = sim.calls().count(c -> c.route().equals(CREATE) && c.status() == 201);
        assertThat(created).as("one successful create per connection").isEqualTo(names.size());
        // Bounded: per connection a read, a create, a read-back and the token/verify traffic, plus the faults' retries.
        assertThat(sim.calls().count()).as("calls stay bounded").isLessThan(names.size() * 8 + injected * 3);
    }

    private String readyReason(String kind, String name) {
        var conditions = kind.equals("platform")
                ? env.client().resources(dev.federator.api.v1alpha1.IdentityPlatform.class).inNamespace(ns).withName(name)
                .get().getStatus().conditions
                : env.client().resources(IdentityConnection.class).inNamespace(ns).withName(name).get().getStatus().conditions;
        return conditions.stream().filter(k -> k.getType().equals("Ready")).findFirst()
                .map(k -> k.getStatus() + "/" + k.getReason()).orElse("none");
    }

    private void awaitReason(String kind, String name, String expected) {
        Awaitility.await(kind + " " + name + " " + expected).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> readyReason(kind, name).equals(expected));
    }

    @Test
    void survivesVendorDeletesSecretChurnRevokedCredentialsAndAPlatformDeletedWhileInUse() {
        // The operator writes the platform too (finalizer, status): retry an optimistic-lock conflict as kubectl would.
        Awaitility.await("platform edited").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            env.client().resources(dev.federator.api.v1alpha1.IdentityPlatform.class).inNamespace(ns).withName("kc")
                    .edit(p -> { p.getSpec().syncInterval = "2s"; return p; });
            return true;
        });
        declare("life");
        awaitReason("connection", "life", "True/InSync");

        sim.deleteOutOfBand(realm, "life");
        Awaitility.await("recreated after a vendor-side delete").atMost(Duration.ofSeconds(60))
                .until(() -> sim.identityProvider(realm, "life").isPresent());
        Awaitility.await("Recreated event").atMost(Duration.ofSeconds(30)).until(() -> env.client().v1().events()
                .inNamespace(ns).list().getItems().stream().anyMatch(e -> "Recreated".equals(e.getReason())));

        env.client().secrets().inNamespace(ns).withName("life-client").delete();
        awaitReason("connection", "life", "False/SecretNotFound");
        env.client().resource(Manifests.secret(ns, "life-client", Map.of("client-secret", "secret-life-2"))).create();
        awaitReason("connection", "life", "True/InSync");
        Awaitility.await("new secret written").atMost(Duration.ofSeconds(30))
                .until(() -> sim.storedSecret(realm, "life").orElse("").equals("secret-life-2"));

        Map<String, String> good = keycloak.credentials();
        env.client().secrets().inNamespace(ns).withName("kc-credentials").edit(sec -> {
            sec.setData(null);
            sec.setStringData(Map.of("client-id", good.get("client-id"), "client-secret", "revoked"));
            return sec;
        });
        awaitReason("platform", "kc", "False/InvalidCredentials");
        env.client().secrets().inNamespace(ns).withName("kc-credentials")
                .edit(sec -> { sec.setData(null); sec.setStringData(good); return sec; });
        awaitReason("platform", "kc", "True/Verified");

        // A platform in use stays (Terminating) until its connections are gone: they delete on the vendor through it.
        var platform = env.client().resources(dev.federator.api.v1alpha1.IdentityPlatform.class).inNamespace(ns)
                .withName("kc");
        platform.delete();
        Awaitility.await("platform Terminating").atMost(Duration.ofSeconds(10))
                .until(() -> platform.get().getMetadata().getDeletionTimestamp() != null);
        sim.deleteOutOfBand(realm, "life");
        Awaitility.await("still served: recreated through the Terminating platform").atMost(Duration.ofSeconds(60))
                .until(() -> sim.identityProvider(realm, "life").isPresent());
        assertThat(platform.get()).as("held by its finalizer while 'life' uses it").isNotNull();
        env.client().resources(IdentityConnection.class).inNamespace(ns).withName("life").delete();
        Awaitility.await("connection, then platform gone").atMost(Duration.ofSeconds(30)).until(() -> platform.get() == null
                && env.client().resources(IdentityConnection.class).inNamespace(ns).withName("life").get() == null);
        assertThat(sim.identityProvider(realm, "life")).as("deleted on the vendor through the Terminating platform")
                .isEmpty();
    }

    @Test
    void aCrashBetweenTheVendorCreateAndTheStatusWriteCreatesNoDuplicate() {
        sim.faults().onlyFor(route -> route.equals(CREATE)).delayNext(1, Duration.ofSeconds(3));
        declare("crash");
        // The create intent reaches the API server before the vendor call; kill the operator while the call hangs, i.e.
        // once the simulator holds the create (its delay fault taken), not merely once the intent is written: on a busy
        // machine a kill between the two would test a crash before the create instead.
        Awaitility.await("create in flight").atMost(Duration.ofSeconds(30)).until(() -> {
            IdentityConnection c = env.client().resources(IdentityConnection.class).inNamespace(ns).withName("crash").get();
            return c != null && c.getStatus() != null && "crash".equals(c.getStatus().pendingCreate)
                    && sim.faults().pending() == 0;
        });
        env.operator().kill();
        Awaitility.await("the vendor finishes the create").atMost(Duration.ofSeconds(30))
                .until(() -> sim.identityProvider(realm, "crash").isPresent());
        SANDBOX.restartOperator();

        Awaitility.await("Ready after restart").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready("crash"));
        IdentityConnection c = env.client().resources(IdentityConnection.class).inNamespace(ns).withName("crash").get();
        assertThat(c.getStatus().pendingCreate).isNull();
        assertThat(c.getStatus().externalId)
                .isEqualTo(sim.identityProvider(realm, "crash").orElseThrow().path("internalId").asText());
        assertThat(sim.identityProviders(realm)).hasSize(1);
        assertThat(c.getStatus().conditions.stream().map(Condition::getReason)).doesNotContain("AlreadyExists");
    }

    /**
     * A pacing edit of the platform and a restart bring every connection back; one in sync, with the same spec,
     * platform and Secrets, must cost neither a Secret read, a vendor call nor a status write. A rotation still goes
     * straight through afterwards.
     */
    @Test
    void aRestartOrAPacingEditReadsAndWritesNothingForConnectionsInSync() {
        List<String> names = IntStream.range(0, 6).mapToObj(i -> "calm-" + i).toList();
        names.forEach(this::declare);
        Awaitility.await("all Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> names.stream().allMatch(this::ready));
        // Passes that events of the creates queued (the Secrets' own, the platform's status) are not what is measured.
        int[] seen = {-1};
        Awaitility.await("the vendor quiet for 2 s").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    int now = sim.calls().count();
                    boolean quiet = now == seen[0];
                    seen[0] = now;
                    return quiet;
                });
        Map<String, String> versions = resourceVersions(names);
        sim.calls().reset();
        long secretReads = env.kubernetes().requests("GET", "/api/v1/namespaces/" + ns + "/secrets/calm-");

        double before = unchangedReconciles();
        Awaitility.await("platform edited").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            env.client().resources(dev.federator.api.v1alpha1.IdentityPlatform.class).inNamespace(ns).withName("kc")
                    .edit(p -> { p.getSpec().syncInterval = "15m"; return p; });
            return true;
        });
        Awaitility.await("every connection of the platform came back and found nothing to do")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> unchangedReconciles() >= before + names.size());

        env.operator().close();
        SANDBOX.restartOperator();
        Awaitility.await("after the restart, every connection came back and found nothing to do")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> unchangedReconciles() >= names.size());

        assertThat(resourceVersions(names)).as("no status written").isEqualTo(versions);
        assertThat(sim.calls().calls().stream().filter(c -> c.route().contains("identity-provider")).toList())
                .as("no connection read or written on the vendor").isEmpty();
        assertThat(env.kubernetes().requests("GET", "/api/v1/namespaces/" + ns + "/secrets/calm-"))
                .as("no Secret read").isEqualTo(secretReads);

        env.client().secrets().inNamespace(ns).withName("calm-0-client").edit(s -> {
            s.setData(null);
            s.setStringData(Map.of("client-secret", "rotated"));
            return s;
        });
        Awaitility.await("a rotation still reaches the vendor").atMost(Duration.ofSeconds(30))
                .until(() -> sim.storedSecret(realm, "calm-0").orElse("").equals("rotated"));
    }

    private Map<String, String> resourceVersions(List<String> names) {
        Map<String, String> versions = new java.util.TreeMap<>();
        for (String name : names) {
            versions.put(name, env.client().resources(IdentityConnection.class).inNamespace(ns).withName(name).get()
                    .getMetadata().getResourceVersion());
        }
        return versions;
    }

    private double unchangedReconciles() {
        var m = java.util.regex.Pattern.compile("(?m)^federator_connection_reconciles_unchanged_total(?:\\{\\})? (\\S+)$")
                .matcher(env.operator().scrapeMetrics().orElse(""));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
