package dev.federator.contract;

import dev.federator.provider.spi.Lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.connection.ConnectionLookup;
import dev.federator.connection.ConnectionSync;
import dev.federator.connection.Ownership;
import dev.federator.platform.VendorRegistry;
import dev.federator.sim.CallLog;
import dev.federator.status.Conditions;
import dev.federator.testkit.SyncDriver;
import dev.federator.testkit.VendorClients;
import dev.federator.provider.kit.CallObserver;
import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Drives connections through one vendor's adapter, found the way the operator finds it (ServiceLoader through the
 * VendorRegistry), against that vendor's simulator, with the operator's own read-compare-write pass
 * ({@link ConnectionSync}, real fingerprints). Kubernetes is left out: a connection is a resource object and its
 * status in memory.
 *
 * @param <S> the vendor's simulator, or what reaches the real vendor
 */
public final class ContractHarness<S extends AutoCloseable> implements AutoCloseable {
    private static final String NAMESPACE = "contract";

    private final VendorFixture<S> fixture;
    private final VendorProvider provider;
    private final S sim;
    private final WireTap wire = new WireTap();
    private final VendorHttp http;
    private final RecordingClient client;
    private final SyncDriver sync;

    public ContractHarness(VendorFixture<S> fixture, VendorRegistry registry) {
        this.fixture = fixture;
        this.provider = registry.provider(fixture.vendor()).orElseThrow(() -> new IllegalStateException(
                "no VendorProvider registered for " + fixture.vendor()));
        this.sim = fixture.start();
        // Faster than any vendor's default pace: the contract is about what is written, not how fast.
        this.http = VendorClients.http(wire, new RatePolicy(100, 100), CallObserver.NONE);
        this.client = new RecordingClient(newClient());
        this.sync = new SyncDriver(NAMESPACE, fixture.vendor(), fixture.vendor());
    }

    /** A client of the same account that has never rendered or written anything, as after an operator restart. */
    public VendorClient newClient() { return provider.connect(fixture.account(sim), http); }

    public S sim() { return sim; }

    public VendorFixture<S> fixture() { return fixture; }

    public VendorClient client() { return client; }

    /** What the operator asked the adapter to write since the last {@link #resetLogs()}. */
    public List<String> adapterWrites() { return client.writes(); }

    public List<String> events() { return sync.reasons(); }

    public WireTap wire() { return wire; }

    /** The simulator's write calls since the last {@link #resetLogs()}, token requests left out. */
    public List<CallLog.Call> vendorWrites() {
        List<CallLog.Call> calls = fixture.callLog(sim).map(CallLog::calls).orElseGet(wire::calls);
        return calls.stream().filter(CallLog.Call::isWrite).filter(c -> !fixture.isTokenRequest(c)).toList();
    }

    public void resetLogs() {
        fixture.callLog(sim).ifPresent(CallLog::reset);
        wire.resetCalls();
        client.reset();
        sync.clearEvents();
    }

    /** A new IdentityConnection (not yet on any vendor) for {@code desired}, with its own uid. */
    public Connection connection(DesiredConnection desired) {
        IdentityConnection resource = new IdentityConnection();
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(desired.name()).withNamespace(NAMESPACE)
                .withUid(desired.ownerId()).withGeneration(1L).build());
        resource.setSpec(ResourceSpecs.of(desired));
        return new Connection(resource, new IdentityConnectionStatus());
    }

    /** One IdentityConnection and the status the operator keeps for it between passes. */
    public final class Connection {
        private final IdentityConnection resource;
        private final IdentityConnectionStatus status;

        private Connection(IdentityConnection resource, IdentityConnectionStatus status) {
            this.resource = resource;
            this.status = status;
        }

        public IdentityConnectionStatus status() { return status; }

        public Connection adoption(AdoptionPolicy policy) {
            resource.getSpec().adoption = policy;
            return this;
        }

        /** One reconcile pass with a direct read, as after a spec change. */
        public Connection pass(DesiredConnection desired) { return pass(desired, client, false); }

        /**
         * One pass with {@code vendor} as the operator's client; {@code steady} passes are drift checks, which may
         * read the platform's listing instead of the connection.
         */
        public Connection pass(DesiredConnection desired, VendorClient vendor, boolean steady) {
            sync.pass(resource, status, vendor, desired, steady);
            return this;
        }

        /** A pass under managementPolicy ObserveOnly: reads, compares, and reports drift without writing. */
        public List<String> observe(DesiredConnection desired, VendorClient vendor) {
            ManagementPolicy policy = resource.getSpec().managementPolicy;
            resource.getSpec().managementPolicy = ManagementPolicy.ObserveOnly;
            try {
                pass(desired, vendor, false);
                return status.drift == null ? List.of() : status.drift;
            } finally {
                resource.getSpec().managementPolicy = policy;
            }
        }

        public boolean ready() { return Conditions.isTrue(status.conditions, Conditions.READY); }

        public String readyReason() {
            return Conditions.find(status.conditions, Conditions.READY).map(c -> c.getReason()).orElse("(none)");
        }

        /** The connection as the adapter reads it now. */
        public RemoteConnection remote(String name) {
            return client.find(Lookup.byName(name, status.externalId)).orElseThrow(() -> new AssertionError(
                    fixture.vendor() + ": the adapter finds no connection " + name + " (id " + status.externalId + ")"));
        }

        /**
         * A first pass whose create reaches the vendor, after which the process dies before the status is written:
         * the status keeps only what was persisted before the create (pendingCreate). Returns the connection the
         * lost create left on the vendor.
         */
        public RemoteConnection crashMidCreate(DesiredConnection desired) {
            List<IdentityConnectionStatus> persisted = new java.util.concurrent.CopyOnWriteArrayList<>();
            sync.pass(resource, status, client, desired, false, s -> persisted.add(copy(s)));
            assertThat(persisted).as("%s: the pending create was persisted before the create", fixture.vendor())
                    .hasSize(1);
            RemoteConnection created = remote(desired.name());
            IdentityConnectionStatus lost = persisted.get(0);
            status.conditions.clear();
            status.externalId = lost.externalId;
            status.pendingCreate = lost.pendingCreate;
            status.secretFingerprints.clear();
            status.secretFingerprints.putAll(lost.secretFingerprints);
            status.lastSyncTime = null;
            return created;
        }

        /**
         * What the operator's cleanup does on the vendor for this resource once it is deleted, with {@code vendor}
         * as its client: the outcome it would report (Released, Gone, NotDeleted, Deleted or Pending).
         */
        public String cleanup(VendorClient vendor) {
            if (status.externalId == null && status.pendingCreate == null) { // ConnectionReconciler.neverReachedVendor
                return "Released";
            }
            Optional<RemoteConnection> remote = vendor.find(ConnectionLookup.of(resource, status.externalId));
            if (remote.isEmpty()) {
                return "Gone";
            }
            if (!Ownership.owns(remote.get(), status, resource.getMetadata().getUid(), vendor,
                    resource.getSpec().adoption())) {
                return "NotDeleted";
            }
            return vendor.delete(remote.get()) == DeleteOutcome.PENDING ? "Pending" : "Deleted";
        }

        /**
         * "Nothing differs, nothing is written": a pass with a direct read and a drift-check pass, both Ready and both
         * without a single write on the vendor.
         */
        public void assertQuiet(DesiredConnection desired, String after) {
            resetLogs();
            pass(desired, client, false);
            assertThat(ready()).as("%s: Ready after %s, but %s", fixture.vendor(), after, readyReason()).isTrue();
            pass(desired, client, true);
            assertThat(ready()).as("%s: Ready on a drift check after %s, but %s", fixture.vendor(), after,
                    readyReason()).isTrue();
            assertThat(adapterWrites()).as("%s: an unchanged spec after %s asked the adapter to write",
                    fixture.vendor(), after).isEmpty();
            assertThat(vendorWrites()).as("%s: an unchanged spec after %s wrote to the vendor", fixture.vendor(), after)
                    .isEmpty();
        }

        /** What the operator's cleanup does for this resource: find it, delete it, and wait while the vendor still shows it. */
        public void delete(String name) {
            RemoteConnection remote = remote(name);
            client.delete(remote);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(client.find(Lookup.byName(name, status.externalId))).as("%s: %s still found after delete",
                            fixture.vendor(), name).isEmpty());
        }
    }

    private static IdentityConnectionStatus copy(IdentityConnectionStatus s) {
        IdentityConnectionStatus copy = new IdentityConnectionStatus();
        copy.externalId = s.externalId;
        copy.pendingCreate = s.pendingCreate;
        copy.secretFingerprints.putAll(s.secretFingerprints);
        return copy;
    }

    /** The secret the simulator holds for a connection. */
    public Optional<String> storedSecret(RemoteConnection remote) { return fixture.storedSecret(sim, remote); }

    @Override
    public void close() {
        client.close();
        try {
            sim.close();
        } catch (Exception e) {
            throw new IllegalStateException(fixture.vendor() + ": closing the vendor under test failed", e);
        }
    }
}
