package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.api.v1alpha1.RateLimitSpec;
import dev.federator.operator.LeaderElection;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.shard.Shard;
import dev.federator.shard.ShardGuard;
import dev.federator.sim.RateLimit;
import dev.federator.sim.keycloak.KeycloakSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three shards of one install on one API server: shards a and b (FEDERATOR_SHARD) and the default shard
 * (FEDERATOR_SHARDS=a,b), each a separate operator process with its own Lease. Each platform has its own Keycloak
 * simulator, so that every vendor call is counted per platform; which process wrote which connection comes from the
 * API server's record of requests per bearer token.
 */
class ShardingE2EIT {
    private static final Path LOGS = Path.of("target", "e2e", "sharding");
    private static final String POST_INSTANCE = "POST /admin/realms/:realm/identity-provider/instances";
    private static SandboxEnvironment env;
    private static ShardProcesses shards;
    private static final List<KeycloakSimulator> simulators = new ArrayList<>();

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(LOGS.resolve("default.log"));
        shards = new ShardProcesses(env, LOGS, List.of("a", "b"));
    }

    @AfterAll
    static void stop() {
        try {
            if (env != null) {
                env.close();
            }
        } finally {
            simulators.forEach(KeycloakSimulator::close);
        }
    }

    @Test
    void eachShardReconcilesExactlyItsOwnConnectionsUnderItsOwnLease() {
        String ns = env.newNamespace();
        Map<String, KeycloakSimulator> simByShard = new java.util.TreeMap<>();
        Map<String, List<String>> connectionsByShard = new java.util.TreeMap<>();
        for (String shard : List.of("a", "b", Shard.DEFAULT)) {
            KeycloakSimulator sim = simulator(null);
            simByShard.put(shard, sim);
            String label = Shard.DEFAULT.equals(shard) ? null : shard;
            platform(ns, "p-" + shard, sim, label);
            connectionsByShard.put(shard, IntStream.range(0, 3).mapToObj(i -> connection(ns, "c-" + shard + i,
                    "p-" + shard, label)).toList());
        }
        connectionsByShard.values().stream().flatMap(List::stream).forEach(c -> awaitReady(ns, c, "True/InSync"));

        for (String shard : connectionsByShard.keySet()) {
            assertThat(shards.connectionsWrittenBy(shard).stream().filter(c -> c.startsWith(ns + "/")))
                    .as("connections in %s written by shard %s", ns, shard).containsExactlyInAnyOrderElementsOf(ShardProcesses.keys(ns, connectionsByShard.get(shard)));
            KeycloakSimulator sim = simByShard.get(shard);
            assertThat(sim.calls().countRoute(POST_INSTANCE)).as("creates on shard %s's platform", shard).isEqualTo(3);
            assertThat(sim.identityProviders("corp").stream().map(idp -> idp.path("alias").asText()))
                    .containsExactlyInAnyOrderElementsOf(connectionsByShard.get(shard));
            assertThat(env.client().leases().inNamespace(SandboxEnvironment.OPERATOR_NAMESPACE)
                    .withName(Shard.DEFAULT.equals(shard) ? LeaderElection.LEASE : LeaderElection.LEASE + "-" + shard)
                    .get().getSpec().getHolderIdentity()).as("shard %s's Lease holder", shard).isNotBlank();
        }
        assertThat(Set.of(leaseHolder(LeaderElection.LEASE), leaseHolder(LeaderElection.LEASE + "-a"),
                leaseHolder(LeaderElection.LEASE + "-b"))).as("one leader per shard, three processes").hasSize(3);
        for (String shard : List.of("a", "b", Shard.DEFAULT)) {
            assertThat(shards.process(shard).scrapeMetrics()).as("metrics of shard %s", shard)
                    .hasValueSatisfying(metrics -> assertThat(metrics)
                            .containsPattern("federator_connections\\{ready=\"True\",shard=\"" + shard + "\""));
        }
    }

    @Test
    void aConnectionLabelledForAnotherShardThanItsPlatformIsReportedAndNeverSentToTheVendor() {
        String ns = env.newNamespace();
        KeycloakSimulator sim = simulator(null);
        platform(ns, "p", sim, "a");
        String ok = connection(ns, "ok", "p", "a");
        String wrong = connection(ns, "wrong", "p", "b");
        String unlabelled = connection(ns, "unlabelled", "p", null);
        awaitReady(ns, ok, "True/InSync");
        awaitReady(ns, wrong, "False/" + ShardGuard.REASON);
        awaitReady(ns, unlabelled, "False/" + ShardGuard.REASON);

        assertThat(ConnectionProbe.get(env.client(), ns, wrong).getStatus().conditions.stream()
                .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getMessage())
                .contains("labelled sharding.federator.dev/key=a").contains("labelled sharding.federator.dev/key=b");
        assertThat(sim.calls().countRoute(POST_INSTANCE)).as("only the matching connection was created").isEqualTo(1);
        assertThat(sim.identityProviders("corp")).hasSize(1);
        assertThat(shards.connectionsWrittenBy("b")).contains(ns + "/" + wrong).doesNotContain(ns + "/" + ok);
        assertThat(shards.connectionsWrittenBy(Shard.DEFAULT)).contains(ns + "/" + unlabelled);
        assertThat(shards.connectionsWrittenBy("a")).contains(ns + "/" + ok)
                .doesNotContain(ns + "/" + wrong, ns + "/" + unlabelled);
    }

    @Test
    void relabellingAPlatformAndItsConnectionsHandsThemOverWithoutADuplicateCreateOrALostUpdate() {
        String ns = env.newNamespace();
        KeycloakSimulator sim = simulator(null);
        platform(ns, "p", sim, "a");
        List<String> names = IntStream.range(0, 4).mapToObj(i -> connection(ns, "m" + i, "p", "a")).toList();
        names.forEach(n -> awaitReady(ns, n, "True/InSync"));

        // Connections first: shard b takes them and waits with ShardMismatch (so b wrote each of them) until the
        // platform follows; an edit in between, while neither shard may call the vendor for it.
        names.forEach(n -> relabel(env.client().resources(IdentityConnection.class).inNamespace(ns).withName(n).get(), "b"));
        names.forEach(n -> awaitReady(ns, n, "False/" + ShardGuard.REASON));
        env.client().resources(IdentityConnection.class).inNamespace(ns).withName(names.get(0))
                .edit(c -> {
                    c.getSpec().displayName = "Moved to shard b";
                    return c;
                });
        relabel(env.client().resources(IdentityPlatform.class).inNamespace(ns).withName("p").get(), "b");
        names.forEach(n -> awaitReady(ns, n, "True/InSync"));
        Awaitility.await("the edit made during the move reaches the vendor").atMost(Duration.ofSeconds(60))
                .until(() -> sim.identityProvider("corp", names.get(0))
                        .map(idp -> "Moved to shard b".equals(idp.path("displayName").asText())).orElse(false));
        Map<String, Long> aAfterMove = shards.writesBy("a");

        // Another edit after the move: only b acts on it.
        env.client().resources(IdentityConnection.class).inNamespace(ns).withName(names.get(1))
                .edit(c -> {
                    c.getSpec().displayName = "Edited in shard b";
                    return c;
                });
        awaitReady(ns, names.get(1), "True/InSync");
        Awaitility.await("the later edit reaches the vendor").atMost(Duration.ofSeconds(60))
                .until(() -> sim.identityProvider("corp", names.get(1))
                        .map(idp -> "Edited in shard b".equals(idp.path("displayName").asText())).orElse(false));

        assertThat(sim.calls().countRoute(POST_INSTANCE)).as("each connection created once, before the move")
                .isEqualTo(names.size());
        assertThat(sim.identityProviders("corp")).hasSize(names.size());
        assertThat(shards.connectionsWrittenBy("b")).containsAll(ShardProcesses.keys(ns, names));
        assertThat(shards.writesBy("a")).as("shard a no longer writes the moved connections").isEqualTo(aAfterMove);
    }

    @Test
    void aClusterPlatformSharedByManyNamespacesKeepsItsVendorBudget() {
        KeycloakSimulator sim = simulator(RateLimit.of(4, 8));
        String credentials = "shared-budget-kc";
        env.client().resource(Manifests.secret(SandboxEnvironment.OPERATOR_NAMESPACE, credentials,
                new SimulatedKeycloak(sim).credentials())).create();
        ClusterIdentityPlatform platform = Manifests.clusterKeycloakPlatform("shared-budget", new SimulatedKeycloak(sim),
                "corp", credentials);
        platform.getSpec().allowedNamespaces = new AllowedNamespaces();
        platform.getSpec().allowedNamespaces.from = AllowedNamespaces.From.All;
        platform.getSpec().rateLimit = new RateLimitSpec();
        platform.getSpec().rateLimit.requestsPerSecond = 4.0;
        platform.getSpec().rateLimit.burst = 8;
        platform.getMetadata().setLabels(Map.of(Shard.LABEL, "b"));
        env.client().resource(platform).create();

        Set<String> ready = new TreeSet<>();
        List<String[]> all = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            String ns = env.newNamespace();
            for (int i = 0; i < 8; i++) {
                // One realm for all namespaces: the names on the vendor must differ.
                all.add(new String[] {ns, sharedConnection(ns, "s" + n + "-" + i, "b")});
            }
            // One per namespace labelled for another shard: it must not spend the platform's budget from there.
            all.add(new String[] {ns, sharedConnection(ns, "stray" + n, n == 0 ? "a" : null)});
        }
        for (String[] c : all) {
            awaitReady(c[0], c[1], c[1].startsWith("stray") ? "False/" + ShardGuard.REASON : "True/InSync");
            ready.add(c[0] + "/" + c[1]);
        }
        assertThat(ready).hasSize(27);
        assertThat(sim.calls().countRoute(POST_INSTANCE)).isEqualTo(24);
        assertThat(sim.calls().count(call -> call.status() == 429)).as("answers 429 from the rate-limited vendor")
                .isZero();
    }

    private static KeycloakSimulator simulator(RateLimit limit) {
        KeycloakSimulator sim = new KeycloakSimulator().withAuthRealm(SimulatorFleet.KEYCLOAK_REALM)
                .withServiceClient(SimulatorFleet.KEYCLOAK_CLIENT_ID, SimulatorFleet.KEYCLOAK_CLIENT_SECRET)
                .withRateLimit(limit);
        simulators.add(sim);
        sim.start();
        env.alsoScanFor("tokens of a shard test's Keycloak simulator", sim::issuedTokens);
        return sim;
    }

    private static void platform(String ns, String name, KeycloakSimulator sim, String shard) {
        SimulatedKeycloak keycloak = new SimulatedKeycloak(sim);
        env.client().resource(Manifests.secret(ns, name + "-kc", keycloak.credentials())).create();
        IdentityPlatform platform = Manifests.keycloakPlatform(ns, name, keycloak, "corp", name + "-kc");
        label(platform, shard);
        env.client().resource(platform).create();
    }

    private static String connection(String ns, String name, String platform, String shard) {
        env.client().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "secret-" + name)))
                .create();
        IdentityConnection c = Manifests.oidc(ns, name, platform, name + "-client");
        label(c, shard);
        env.client().resource(c).create();
        return name;
    }

    private static String sharedConnection(String ns, String name, String shard) {
        env.client().resource(Manifests.secret(ns, name + "-client", Map.of("client-secret", "secret-" + name)))
                .create();
        IdentityConnection c = Manifests.oidc(ns, name, "shared-budget", name + "-client");
        c.getSpec().platformRef = new PlatformRef(PlatformRef.Kind.ClusterIdentityPlatform, "shared-budget");
        label(c, shard);
        env.client().resource(c).create();
        return name;
    }

    private static void label(HasMetadata resource, String shard) {
        if (shard != null) {
            resource.getMetadata().setLabels(Map.of(Shard.LABEL, shard));
        }
    }

    private static void relabel(HasMetadata resource, String shard) {
        env.client().resource(resource).edit(r -> {
            r.getMetadata().setLabels(Map.of(Shard.LABEL, shard));
            return r;
        });
    }

    private static String leaseHolder(String lease) {
        return env.client().leases().inNamespace(SandboxEnvironment.OPERATOR_NAMESPACE).withName(lease).get()
                .getSpec().getHolderIdentity();
    }

    private static void awaitReady(String ns, String name, String expected) {
        Awaitility.await(ns + "/" + name + " " + expected).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(ConnectionProbe.ready(env.client(), ns, name)).isEqualTo(expected));
    }
}
