package dev.federator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.platform.VendorRegistry;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.sim.CallLog;
import dev.federator.sim.auth0.Auth0Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auth0 keeps a connection's enabled applications behind {@code GET /connections/{id}/clients} and has no bulk read
 * of them (issue 22): a listing costs only its pages, and an idle drift check costs at most one such read per
 * connection, none when the spec leaves the applications alone, while a change of them on the tenant is still undone.
 */
class Auth0DriftCheckCostTest {
    private static final String LIST = "GET /api/v2/connections";
    private static final String CLIENTS = "GET /api/v2/connections/:id/clients";
    private static final int OTHERS = 150;
    private static final int OURS = 20;

    private final Auth0Fixture fixture = new Auth0Fixture();
    private ContractHarness<Auth0Simulator> harness;

    @BeforeEach
    void start() {
        harness = new ContractHarness<>(fixture, new VendorRegistry());
        harness.client().verify(); // the token login, which a running operator has long done
    }

    @AfterEach
    void stop() { harness.close(); }

    @Test
    void aListingCostsOnlyItsPages() {
        List<DesiredConnection> ours = onTheTenant(true);
        for (int i = 0; i < OTHERS; i++) {
            DesiredConnection other = fixture.desired("other" + i, "someone-else", SecretValue.of("their-secret"));
            fixture.putOutOfBand(harness.sim(), JsonTree.withoutNulls(harness.client().render(other).body()));
            harness.sim().assignOutOfBand(other.name(), Auth0Fixture.APPLICATION, true);
        }
        harness.resetLogs();

        List<RemoteConnection> listed = harness.client().listAll().orElseThrow();

        CallLog calls = calls();
        assertThat(listed).hasSize(OURS + OTHERS);
        assertThat(calls.countRoute(LIST)).as("pages (%s)", calls.calls()).isEqualTo(2);
        assertThat(calls.count()).as("nothing but pages (%s)", calls.calls()).isEqualTo(calls.countRoute(LIST));
        // Completing one listed connection for everything (as export does) is the one extra read.
        RemoteConnection complete = harness.client().completeListed(listed.stream()
                .filter(c -> c.name().equals(ours.get(0).name())).findFirst().orElseThrow(), null);
        assertThat(complete.body().path("enabled_clients").get(0).asText()).isEqualTo(Auth0Fixture.APPLICATION);
        assertThat(calls.countRoute(CLIENTS)).isEqualTo(1);
    }

    @Test
    void idleDriftChecksCostThePagesAndOneApplicationsReadPerConnection() {
        List<DesiredConnection> ours = onTheTenant(true);
        harness.resetLogs();
        driftCheckAll(ours);
        CallLog calls = calls();
        assertThat(calls.countRoute(CLIENTS)).as("applications reads (%s)", calls.calls()).isEqualTo(OURS);
        assertThat(calls.countRoute(LIST)).as("list pages (%s)", calls.calls()).isEqualTo(1);
        assertThat(calls.count()).as("nothing else (%s)", calls.calls()).isEqualTo(OURS + 1);
        assertThat(harness.adapterWrites()).isEmpty();
    }

    @Test
    void idleDriftChecksOfSpecsThatLeaveApplicationsAloneCostOnlyThePages() {
        List<DesiredConnection> ours = onTheTenant(false);
        harness.resetLogs();
        driftCheckAll(ours);
        CallLog calls = calls();
        assertThat(calls.countRoute(CLIENTS)).as("applications reads (%s)", calls.calls()).isZero();
        assertThat(calls.count()).as("only the list page (%s)", calls.calls()).isEqualTo(1);
        assertThat(harness.adapterWrites()).isEmpty();
    }

    @Test
    void applicationsChangedOnTheTenantAreFoundByADriftCheckAndUndone() {
        List<DesiredConnection> ours = onTheTenant(true);
        harness.sim().withApplication("SomeoneElsesApp00000000000000001");
        harness.sim().assignOutOfBand(ours.get(3).name(), "SomeoneElsesApp00000000000000001", true);
        harness.sim().assignOutOfBand(ours.get(5).name(), Auth0Fixture.APPLICATION, false);
        harness.resetLogs();
        driftCheckAll(ours);
        assertThat(harness.adapterWrites()).containsExactly("update [enabled_clients]", "update [enabled_clients]");
        for (DesiredConnection desired : ours) {
            assertThat(harness.sim().enabledClients(desired.name())).as(desired.name())
                    .containsExactly(Auth0Fixture.APPLICATION);
        }
        assertThat(calls().countRoute("PATCH /api/v2/connections/:id/clients")).isEqualTo(2);
        assertThat(calls().countRoute("PATCH /api/v2/connections/:id")).isZero();
    }

    /**
     * {@link #OURS} connections this operator made (owner marker set), put on the tenant directly so that the
     * operator's snapshot holds none of its own writes; {@code applications}: whether the specs manage them.
     */
    private List<DesiredConnection> onTheTenant(boolean applications) {
        List<DesiredConnection> ours = new ArrayList<>();
        for (int i = 0; i < OURS; i++) {
            DesiredConnection desired = fixture.desired("ours" + i, "uid-ours" + i, SecretValue.of("secret-" + i));
            ObjectNode rendered = JsonTree.withoutNulls(harness.client().render(desired).body());
            fixture.putOutOfBand(harness.sim(), rendered);
            harness.sim().assignOutOfBand(desired.name(), Auth0Fixture.APPLICATION, true);
            ours.add(applications ? desired : Desired.vendorOptions(desired, Map.of()));
        }
        return ours;
    }

    private void driftCheckAll(List<DesiredConnection> ours) {
        for (DesiredConnection desired : ours) {
            var connection = harness.connection(desired).pass(desired, harness.client(), true);
            assertThat(connection.ready()).as("%s Ready, but %s", desired.name(), connection.readyReason()).isTrue();
        }
    }

    /** The tenant's calls since the last reset; the token login happened before ({@link #start}). */
    private CallLog calls() { return fixture.callLog(harness.sim()).orElseThrow(); }
}
