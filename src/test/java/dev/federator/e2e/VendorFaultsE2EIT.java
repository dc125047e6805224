package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.Faults;
import dev.federator.sim.keycloak.KeycloakSimulator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault suite for every vendor, against one operator with a 2 s vendor timeout. All vendors' connections are
 * declared at once, each vendor's simulator armed with 5xx bursts, slow answers past the timeout, connection
 * resets and 429 storms with and without rate-limit headers (SlashID also answers 408 and applies the write later);
 * a sampler reads every status while the faults last. Each vendor's test then checks the end state, the calls and
 * what the statuses said on the way.
 */
class VendorFaultsE2EIT {
    /** Ready=False reasons that name a vendor problem; anything else while only vendor faults happen is a lie. */
    private static final Set<String> FAULT_REASONS = Set.of("VendorUnavailable", "VendorUnreachable", "RateLimited",
            "OutcomeUnknown", "NotYetVisible");
    /** The common mix, armed in this order on every vendor's simulator. */
    private static final int FAILED_503 = 4;
    private static final int RESETS = 3;
    private static final int THROTTLED_WITH_HEADERS = 4;
    private static final int SLOW = 2;
    private static final int FAILED_502 = 3;
    private static final int THROTTLED_WITHOUT_HEADERS = 4;
    private static final int COMMON_FAULTS = FAILED_503 + RESETS + THROTTLED_WITH_HEADERS + SLOW + FAILED_502
            + THROTTLED_WITHOUT_HEADERS;
    /**
     * The first faults may land on any request, reads included (retried inline when repeating is safe); the rest only
     * on writes (creates, toggles, token requests), which are never repeated blindly: there they block connections,
     * and a slow create lands on the vendor after the operator gave up waiting.
     */
    private static final int FAULTS_ON_ANY_REQUEST = 7;

    private static SandboxEnvironment env;
    private static List<FaultVendor> vendors;
    private static final Map<String, Integer> specialFaults = new ConcurrentHashMap<>();
    private static StatusSampler sampler;

    @BeforeAll
    static void declareEverythingUnderFaults() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "vendor-faults-operator.log"));
        // A short vendor timeout, so that "slow answers past the client timeout" happen within the test.
        env.startOperator(Map.of("FEDERATOR_VENDOR_REQUEST_TIMEOUT", "2s"));
        vendors = FaultVendor.all(env.simulators());
        for (FaultVendor v : vendors) {
            env.kubernetes().ensureNamespace(ns(v));
            v.platform(kube(), ns(v));
        }
        for (FaultVendor v : vendors) {
            Awaitility.await(v + " platform Verified").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> platformReady(v).equals("True/Verified"));
        }
        for (FaultVendor v : vendors) {
            v.simulator.calls().reset();
            AtomicInteger onAnyRequest = new AtomicInteger(FAULTS_ON_ANY_REQUEST);
            v.simulator.faults().onlyFor(route -> !route.startsWith("GET ") || onAnyRequest.getAndDecrement() > 0)
                    .failNext(FAILED_503, 503).resetNext(RESETS)
                    .throttleNext(THROTTLED_WITH_HEADERS, Duration.ofSeconds(1), true)
                    .delayNext(SLOW, Duration.ofSeconds(4)).failNext(FAILED_502, 502)
                    .throttleNext(THROTTLED_WITHOUT_HEADERS, Duration.ofSeconds(1), false);
            specialFaults.put(v.vendor, v.armSpecialFaults());
        }
        sampler = new StatusSampler();
        for (FaultVendor v : vendors) {
            v.names().forEach(name -> v.declare(kube(), ns(v), name));
        }
    }

    @AfterAll
    static void stop() {
        if (sampler != null) {
            sampler.close();
        }
        if (vendors != null) {
            vendors.forEach(v -> v.simulator.faults().clear());
        }
        if (env != null) {
            env.close();
        }
    }

    static List<FaultVendor> vendors() { return vendors; }

    private static KubernetesClient kube() { return env.client(); }

    private static String ns(FaultVendor v) { return "vf-" + v.vendor; }

    private static String platformReady(FaultVendor v) {
        IdentityPlatform p = kube().resources(IdentityPlatform.class).inNamespace(ns(v)).withName(FaultVendor.PLATFORM)
                .get();
        return p == null || p.getStatus() == null ? "pending" : ConnectionProbe.ready(p.getStatus().conditions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void everyConnectionConvergesOnceThroughTheFaultsAndTheStatusesToldTheTruth(FaultVendor v) {
        Awaitility.await(v + ": every connection Ready").atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(v.names())
                        .allSatisfy(n -> assertThat(ConnectionProbe.ready(kube(), ns(v), n)).as(n).isEqualTo("True/InSync")));

        Faults faults = v.simulator.faults();
        assertThat(faults.pending()).as("every armed fault was hit").isZero();
        assertThat(faults.injected(Faults.Kind.FAIL)).isEqualTo(FAILED_503 + FAILED_502);
        assertThat(faults.injected(Faults.Kind.RESET)).isEqualTo(RESETS);
        assertThat(faults.injected(Faults.Kind.THROTTLE)).isEqualTo(THROTTLED_WITH_HEADERS + THROTTLED_WITHOUT_HEADERS);
        assertThat(faults.injected(Faults.Kind.DELAY)).isEqualTo(SLOW);
        assertThat(v.specialFaultsHit()).as("vendor-specific faults hit").isEqualTo(specialFaults.get(v.vendor));

        // Exactly the declared connections: none missing, no duplicate, no stale value, the declared secret.
        List<JsonNode> held = v.held();
        assertThat(held.stream().map(v::nameOf)).as("held by " + v).containsExactlyInAnyOrderElementsOf(v.names());
        for (JsonNode stored : held) {
            String name = v.nameOf(stored);
            assertThat(v.heldValue(stored)).as(name).isEqualTo(v.declaredValue(name));
            v.storedSecret(name, stored).ifPresent(s -> assertThat(s).as(name + " secret").isEqualTo(FaultVendor.secretOf(name)));
            IdentityConnection c = ConnectionProbe.get(kube(), ns(v), name);
            assertThat(c.getStatus().externalId).as(name + " externalId").isNotBlank();
            assertThat(c.getStatus().pendingCreate).as(name + " pendingCreate").isNull();
        }
        assertThat(v.simulator.calls().count(v::appliedCreate)).as("one create applied per connection")
                .isEqualTo(v.connections);

        // Bounded: an undisturbed create costs one pass of callsPerPass calls. A fault costs the faulted call itself
        // plus, at worst, one more whole pass (an inline retry repeats one call; a failed reconcile repeats the pass).
        int injected = COMMON_FAULTS + specialFaults.get(v.vendor);
        int bound = v.connections * v.callsPerPass + injected * (v.callsPerPass + 1);
        int calls = v.simulator.calls().count();
        assertThat(calls).as("calls to " + v + " (" + v.simulator.calls().calls().stream()
                .collect(Collectors.groupingBy(c -> c.route() + " -> " + c.status(), Collectors.counting())) + ")")
                .isLessThanOrEqualTo(bound);

        // The statuses told the truth while the faults lasted.
        assertThat(sampler.samples.get()).as("status samples").isGreaterThan(10);
        assertThat(sampler.lies.getOrDefault(v.vendor, List.of())).as("Ready=True before " + v + " held the value")
                .isEmpty();
        Map<String, Set<String>> notReady = sampler.notReady.getOrDefault(v.vendor, Map.of());
        assertThat(notReady.values().stream().flatMap(Set::stream)).as("not-ready reasons seen")
                .allSatisfy(reason -> assertThat(reason).isIn(FAULT_REASONS));
        // Every time the operator knew a connection was blocked (its warning event), the status said so too.
        Map<String, Set<String>> warned = kube().v1().events().inNamespace(ns(v)).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()))
                .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName(),
                        Collectors.mapping(Event::getReason, Collectors.toSet())));
        assertThat(warned.values().stream().flatMap(Set::stream)).as("warnings").allSatisfy(r -> assertThat(r).isIn(FAULT_REASONS));
        warned.forEach((name, reasons) -> assertThat(notReady.getOrDefault(name, Set.of())).as(name + " statuses")
                .containsAll(reasons));
        assertThat(notReady).as("connections seen blocked by the faults (writes take most of them)").isNotEmpty();
        System.out.printf("fault suite %s: %d connections, %d faults injected (%s; special %d), %d calls (bound %d), "
                        + "%d creates applied, not-ready reasons seen %s%n", v, v.connections, injected,
                Map.of("5xx", FAILED_503 + FAILED_502, "reset", RESETS, "429+headers", THROTTLED_WITH_HEADERS,
                        "429-headers", THROTTLED_WITHOUT_HEADERS, "slow", SLOW), specialFaults.get(v.vendor), calls,
                bound, v.simulator.calls().count(v::appliedCreate), notReady);
    }


    /**
     * The API server answers 409 to status writes (as when another writer got there first): once to the write after
     * the vendor create (the one that records the externalId), and to the create intent written before it on a
     * second connection. Both converge with one create each and a complete status.
     */
    @Test
    void statusWriteConflictsNeitherDuplicateTheCreateNorLoseTheStatus() {
        KeycloakSimulator sim = new KeycloakSimulator().withAuthRealm(SimulatorFleet.KEYCLOAK_REALM)
                .withServiceClient(SimulatorFleet.KEYCLOAK_CLIENT_ID, SimulatorFleet.KEYCLOAK_CLIENT_SECRET).start();
        try {
            sim.createRealm(SimulatorFleet.KEYCLOAK_REALM);
            SimulatedKeycloak keycloak = new SimulatedKeycloak(sim);
            String realm = keycloak.newRealm();
            String ns = env.newNamespace();
            kube().resource(Manifests.secret(ns, "credentials", keycloak.credentials())).create();
            kube().resource(FaultVendor.slow(keycloak.platform(ns, "kc", realm, "credentials"))).create();
            Awaitility.await("platform Verified").atMost(Duration.ofSeconds(30)).until(() -> {
                IdentityPlatform p = kube().resources(IdentityPlatform.class).inNamespace(ns).withName("kc").get();
                return p.getStatus() != null && ConnectionProbe.ready(p.getStatus().conditions).equals("True/Verified");
            });
            int conflictsBefore = env.kubernetes().conflictsAnswered();
            String base = "/apis/federator.dev/v1alpha1/namespaces/" + ns + "/identityconnections/";
            // after-create: the create intent goes through, the two writes after the vendor create conflict
            env.kubernetes().conflictStatusWrites(base + "after-create", 1, 2);
            // before-create: the create intent itself conflicts three times
            env.kubernetes().conflictStatusWrites(base + "before-create", 0, 3);
            for (String name : List.of("after-create", "before-create")) {
                kube().resource(Manifests.secret(ns, name + "-client", FaultVendor.clientSecret(name))).create();
                kube().resource(Manifests.oidc(ns, name, "kc", name + "-client")).create();
            }
            for (String name : List.of("after-create", "before-create")) {
                Awaitility.await(name + " Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> ConnectionProbe.ready(kube(), ns, name).equals("True/InSync"));
            }
            assertThat(env.kubernetes().conflictsAnswered() - conflictsBefore).as("409s answered").isEqualTo(5);
            assertThat(sim.calls().count(c -> c.route().endsWith("/identity-provider/instances")
                    && c.method().equals("POST") && c.status() == 201)).as("creates").isEqualTo(2);
            assertThat(sim.identityProviders(realm)).hasSize(2);
            for (String name : List.of("after-create", "before-create")) {
                IdentityConnection c = ConnectionProbe.get(kube(), ns, name);
                assertThat(c.getStatus().externalId).as(name)
                        .isEqualTo(sim.identityProvider(realm, name).orElseThrow().path("internalId").asText());
                assertThat(c.getStatus().pendingCreate).isNull();
                assertThat(c.getStatus().observedGeneration).isEqualTo(c.getMetadata().getGeneration());
                assertThat(c.getStatus().secretFingerprints).containsKey("config.clientSecret");
                assertThat(c.getStatus().lastSyncTime).isNotNull();
                assertThat(sim.storedSecret(realm, name)).contains(FaultVendor.secretOf(name));
                assertThat(ConnectionProbe.events(kube(), ns, name)).as(name + " events")
                        .noneMatch(e -> e.startsWith("AlreadyExists"))
                        .filteredOn(e -> e.startsWith("Created")).hasSize(1);
            }
        } finally {
            sim.close();
        }
    }

    /**
     * Watches every fault-suite connection's status while the faults last, so that every version the operator wrote
     * is seen, however soon it was replaced. A Ready=True for the current generation is checked against the vendor
     * right after it arrived: the vendor must already hold the connection with its declared value. Every Ready=False
     * reason seen is kept per connection.
     */
    private static final class StatusSampler implements AutoCloseable {
        final AtomicInteger samples = new AtomicInteger();
        final Map<String, List<String>> lies = new ConcurrentHashMap<>();
        /** vendor -> connection -> Ready=False reasons seen. */
        final Map<String, Map<String, Set<String>>> notReady = new ConcurrentHashMap<>();
        private final io.fabric8.kubernetes.client.informers.SharedIndexInformer<IdentityConnection> informer;

        StatusSampler() {
            informer = kube().resources(IdentityConnection.class).inAnyNamespace().inform(
                    new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
                        @Override
                        public void onAdd(IdentityConnection c) { sampleOne(c); }

                        @Override
                        public void onUpdate(IdentityConnection old, IdentityConnection c) { sampleOne(c); }

                        @Override
                        public void onDelete(IdentityConnection c, boolean unknown) { }
                    });
        }

        private synchronized void sampleOne(IdentityConnection c) {
            vendors.stream().filter(v -> ns(v).equals(c.getMetadata().getNamespace()))
                    .forEach(v -> sample(v, List.of(c)));
            samples.incrementAndGet();
        }

        private void sample(FaultVendor v, List<IdentityConnection> connections) {
            Map<String, List<JsonNode>> held = null;
            for (IdentityConnection c : connections) {
                if (c.getStatus() == null) {
                    continue;
                }
                String name = c.getMetadata().getName();
                Condition ready = c.getStatus().conditions.stream().filter(k -> k.getType().equals("Ready")).findFirst()
                        .orElse(null);
                if (ready == null || !Objects.equals(ready.getObservedGeneration(), c.getMetadata().getGeneration())) {
                    continue;
                }
                if ("True".equals(ready.getStatus())) {
                    if (held == null) { // read after the statuses: whatever they claim must already be there
                        held = v.held().stream().collect(Collectors.groupingBy(v::nameOf));
                    }
                    List<String> values = held.getOrDefault(name, List.of()).stream().map(v::heldValue).toList();
                    if (!values.equals(List.of(v.declaredValue(name)))) {
                        lies.computeIfAbsent(v.vendor, k -> new CopyOnWriteArrayList<>())
                                .add(name + " Ready=True while the vendor held " + values);
                    }
                    if (c.getStatus().pendingCreate != null) {
                        lies.computeIfAbsent(v.vendor, k -> new CopyOnWriteArrayList<>())
                                .add(name + " Ready=True with a create still pending");
                    }
                } else {
                    notReady.computeIfAbsent(v.vendor, k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
                            .add(ready.getMessage() != null && ready.getMessage().endsWith("; retrying")
                                    ? ready.getReason() : ready.getReason() + " (message: " + ready.getMessage() + ")");
                }
            }
        }

        @Override
        public void close() { informer.close(); }
    }
}
