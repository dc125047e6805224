package dev.federator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.platform.VendorRegistry;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.sim.CallLog;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What new connections cost on every vendor that lists its connections and refuses a second one of the same name
 * (issue 22): a bulk converges at no more than 1.5 calls per connection, token logins and list pages included; a few
 * new connections on a large account cost a read and a create each, never a listing of the account; and a listing
 * that misses a connection never leads to a second one, neither one made out of band nor one whose create intent
 * (pendingCreate) is on the status.
 */
class ColdCreateCostTest {
    private static final VendorRegistry REGISTRY = new VendorRegistry();
    private static final int BULK = 50;
    private static final int EXISTING = 1_000;

    static Stream<VendorFixture<?>> listingVendors() {
        return Stream.of(new KeycloakFixture(), new EztoFixture(), new Auth0Fixture(), new LoginRadiusFixture());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listingVendors")
    void aBulkOfNewConnectionsCostsAtMostOneAndAHalfCallsEach(VendorFixture<?> fixture) { bulk(fixture); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listingVendors")
    void aFewNewConnectionsOnALargeAccountCostAReadAndACreateEach(VendorFixture<?> fixture) { fewOnLarge(fixture); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listingVendors")
    void aConnectionMadeAfterTheListingIsRefusedThenReadNeverDuplicated(VendorFixture<?> fixture) {
        madeAfterListing(fixture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listingVendors")
    void aCreateIntentIsReadDirectlyEvenWhenTheListingMissesIt(VendorFixture<?> fixture) { intentMissed(fixture); }

    private static <S extends AutoCloseable> void bulk(VendorFixture<S> fixture) {
        try (ContractHarness<S> harness = new ContractHarness<>(fixture, REGISTRY)) {
            harness.resetLogs();
            converge(harness, "new", BULK);
            CallLog calls = fixture.callLog(harness.sim()).orElseThrow();
            assertThat(harness.adapterWrites()).as("%s: creates", fixture.vendor()).hasSize(BULK)
                    .containsOnly("create");
            assertThat((double) calls.count() / BULK).as("%s: calls per new connection (%s)", fixture.vendor(),
                    calls.calls()).isLessThanOrEqualTo(1.5);
            assertThat(harness.client().listAll().orElseThrow()).as("%s: the vendor holds each once", fixture.vendor())
                    .hasSize(BULK);
        }
    }

    private static <S extends AutoCloseable> void fewOnLarge(VendorFixture<S> fixture) {
        try (ContractHarness<S> harness = new ContractHarness<>(fixture, REGISTRY)) {
            for (int i = 0; i < EXISTING; i++) {
                fixture.putOutOfBand(harness.sim(), rendered(harness, fixture, "existing" + i));
            }
            harness.client().verify(); // the token login, which a running operator has long done
            harness.resetLogs();
            int few = 5;
            for (int i = 0; i < few; i++) {
                converge(harness, "new", 1, i);
                CallLog calls = fixture.callLog(harness.sim()).orElseThrow();
                assertThat(calls.count()).as("%s: calls for new connection %d beside %d others (%s)", fixture.vendor(),
                        i, EXISTING, calls.calls()).isLessThanOrEqualTo(2 * (i + 1));
            }
        }
    }

    private static <S extends AutoCloseable> void madeAfterListing(VendorFixture<S> fixture) {
        try (ContractHarness<S> harness = new ContractHarness<>(fixture, REGISTRY)) {
            converge(harness, "new", 10); // enough for the platform to be listed
            fixture.putOutOfBand(harness.sim(), rendered(harness, fixture, "late"));
            DesiredConnection late = fixture.desired("late", "uid-late", SecretValue.of("secret-late"));
            var connection = harness.connection(late);
            harness.resetLogs();
            connection.pass(late);
            assertThat(connection.readyReason()).as("%s: a create refused as a duplicate", fixture.vendor())
                    .isEqualTo("AlreadyExists");
            harness.resetLogs();
            connection.pass(late);
            assertThat(connection.readyReason()).as("%s: the next pass reads it and decides ownership",
                    fixture.vendor()).isEqualTo("AlreadyExists");
            assertThat(harness.adapterWrites()).as("%s: nothing written on the next pass", fixture.vendor()).isEmpty();
            assertThat(named(harness, "late")).as("%s: one connection named late", fixture.vendor()).hasSize(1);
        }
    }

    private static <S extends AutoCloseable> void intentMissed(VendorFixture<S> fixture) {
        try (ContractHarness<S> harness = new ContractHarness<>(fixture, REGISTRY)) {
            converge(harness, "new", 10); // the platform is listed, and the listing is fresh
            DesiredConnection lost = fixture.desired("lost", "uid-lost", SecretValue.of("secret-lost"));
            // Another replica persisted the intent and its create landed after this one's listing.
            harness.newClient().create(lost, harness.client().render(lost));
            var connection = harness.connection(lost);
            connection.status().pendingCreate = "lost";
            harness.resetLogs();
            connection.pass(lost);
            assertThat(connection.ready()).as("%s: Ready, but %s", fixture.vendor(), connection.readyReason()).isTrue();
            assertThat(harness.adapterWrites()).as("%s: no second create", fixture.vendor()).doesNotContain("create");
            assertThat(named(harness, "lost")).as("%s: one connection named lost", fixture.vendor()).hasSize(1);
            assertThat(connection.status().pendingCreate).isNull();
        }
    }

    /** {@code count} new connections, each converged by one pass. */
    private static void converge(ContractHarness<?> harness, String prefix, int count) {
        converge(harness, prefix, count, 0);
    }

    private static void converge(ContractHarness<?> harness, String prefix, int count, int from) {
        for (int i = from; i < from + count; i++) {
            DesiredConnection desired = plain(harness.fixture().desired(prefix + i, "uid-" + prefix + i,
                    SecretValue.of("secret-" + i)));
            var connection = harness.connection(desired).pass(desired);
            assertThat(connection.ready()).as("%s: %s%d Ready, but %s", harness.fixture().vendor(), prefix, i,
                    connection.readyReason()).isTrue();
        }
    }

    /** Without Auth0's applications, whose assignment is a write of its own; the benchmark's connections have none. */
    private static DesiredConnection plain(DesiredConnection desired) {
        return desired.vendorOptions().containsKey("enabled_clients") ? Desired.vendorOptions(desired, java.util.Map.of())
                : desired;
    }

    private static <S extends AutoCloseable> ObjectNode rendered(ContractHarness<S> harness, VendorFixture<S> fixture,
                                                                 String name) {
        DesiredConnection other = fixture.desired(name, "someone-else", SecretValue.of("their-secret"));
        return JsonTree.withoutNulls(harness.client().render(other).body());
    }

    private static List<RemoteConnection> named(ContractHarness<?> harness, String name) {
        return harness.client().listAll().orElseThrow().stream().filter(c -> c.name().equals(name)).toList();
    }
}
