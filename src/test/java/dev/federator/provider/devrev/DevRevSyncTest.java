package dev.federator.provider.devrev;

import static dev.federator.sim.devrev.DevRevSimulator.CREATE;
import static dev.federator.sim.devrev.DevRevSimulator.TOGGLE;
import static dev.federator.sim.devrev.DevRevSimulator.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.connection.ConnectionSync;
import dev.federator.sim.CallLog;
import dev.federator.sim.devrev.DevRevSimulator;
import dev.federator.status.Conditions;
import dev.federator.testkit.SimulatorRules;
import dev.federator.testkit.SyncDriver;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's compare-before-write pass (ConnectionSync, with real fingerprints) driving the DevRev adapter against
 * the simulator: what users see as "an unchanged connection costs reads only" and "a rotated secret writes once".
 */
class DevRevSyncTest {
    private final SyncDriver sync = new SyncDriver("ns", "devrev", "devrev");
    private DevRevSimulator sim;
    private VendorClient client;
    private IdentityConnection connection;
    private IdentityConnectionStatus status;

    @BeforeEach
    void start() {
        sim = new DevRevSimulator().withToken(DevRevFixtures.TOKEN).start();
        client = DevRevFixtures.client(sim, DevRevFixtures.TOKEN);
        status = new IdentityConnectionStatus();
    }

    /** Every body the adapter sent in the test passed the request rules from DevRev's published schemas. */
    @AfterEach
    void everyBodySentPassedTheRules() { SimulatorRules.assertKeptThenClose(sim.rules(), sim); }

    private void resource(String name, ConnectionType type) {
        connection = SyncDriver.connection("ns", name, "uid-" + name, type);
    }

    private void run(DesiredConnection desired) { sync.pass(connection, status, client, desired, false); }

    private int writes() { return sim.calls().writes(); }

    @Test
    void anUnchangedConnectionCostsOneReadAndARotatedSecretWritesExactlyOnce() {
        resource("corp-oidc", ConnectionType.OIDC);
        run(DevRevFixtures.oidc("corp-oidc", "s1"));
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
        assertThat(sim.calls().countRoute(CREATE)).isEqualTo(1);
        assertThat(sim.calls().countRoute(TOGGLE)).isEqualTo(1);
        assertThat(status.secretFingerprints).containsOnlyKeys("client_secret");

        sim.calls().reset();
        run(DevRevFixtures.oidc("corp-oidc", "s1"));
        run(DevRevFixtures.oidc("corp-oidc", "s1"));
        assertThat(writes()).isZero();
        assertThat(sim.calls().count()).isEqualTo(2); // one get per pass

        run(DevRevFixtures.oidc("corp-oidc", "s2"));
        run(DevRevFixtures.oidc("corp-oidc", "s2"));
        run(DevRevFixtures.oidc("corp-oidc", "s2"));
        assertThat(sim.calls().calls()).filteredOn(CallLog.Call::isWrite).extracting(CallLog.Call::toString)
                .containsExactly(UPDATE + " -> 201");
        assertThat(sim.connection(status.externalId).orElseThrow().path("client_secret").asText()).isEqualTo("s2");
        assertThat(status.toString()).doesNotContain("s2");
    }

    @Test
    void everyTypeConvergesAndThenStaysQuiet() {
        for (DesiredConnection desired : DevRevFixtures.everyType()) {
            resource(desired.name(), ConnectionType.valueOf(desired.kind().name()));
            status = new IdentityConnectionStatus();
            run(desired);
            assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).as(desired.name()).isTrue();
            sim.calls().reset();
            run(desired);
            assertThat(writes()).as(desired.name() + " second pass").isZero();
        }
        assertThat(sim.connections()).filteredOn(c -> c.path("enabled").asBoolean()).hasSize(6);
    }

    @Test
    void samlCertificateRotationWritesOnce() {
        resource("corp-adfs", ConnectionType.SAML);
        run(DevRevFixtures.saml("corp-adfs", DevRevFixtures.PEM, "mail"));
        sim.calls().reset();
        run(DevRevFixtures.saml("corp-adfs", DevRevFixtures.PEM2, "mail"));
        run(DevRevFixtures.saml("corp-adfs", DevRevFixtures.PEM2, "mail"));
        assertThat(writes()).isEqualTo(1);
        assertThat(sim.connection(status.externalId).orElseThrow().path("signing_cert").asText())
                .isEqualTo(DevRevFixtures.PEM2.trim());
    }

    @Test
    void enablingAndDisablingIsAToggleAndOtherDriftAnUpdate() {
        resource("corp-okta", ConnectionType.Okta);
        DesiredConnection on = DevRevFixtures.hosted("corp-okta", ConnectionKind.Okta, "corp.okta.com", "s");
        run(on);
        sim.calls().reset();
        DesiredConnection off = new DesiredConnection(on.name(), on.displayName(), false, on.kind(), null, null,
                on.hosted(), null, null, Map.of(), on.ownerId());
        run(off);
        assertThat(sim.calls().calls()).filteredOn(CallLog.Call::isWrite).extracting(CallLog.Call::route)
                .containsExactly(TOGGLE);
        assertThat(sim.connection(status.externalId).orElseThrow().path("enabled").asBoolean()).isFalse();

        sim.calls().reset();
        sim.editOutOfBand(status.externalId, c -> c.put("domain", "evil.okta.com").put("enabled", true));
        run(off);
        assertThat(sim.calls().calls()).filteredOn(CallLog.Call::isWrite).extracting(CallLog.Call::route)
                .containsExactly(UPDATE, TOGGLE);
        assertThat(sim.connection(status.externalId).orElseThrow().path("domain").asText()).isEqualTo("corp.okta.com");
        assertThat(sim.connection(status.externalId).orElseThrow().path("client_secret").asText()).isEqualTo("s");
    }

    @Test
    void aConnectionDeletedInDevRevIsCreatedAgain() {
        resource("corp-oidc", ConnectionType.OIDC);
        run(DevRevFixtures.oidc("corp-oidc", "s"));
        String first = status.externalId;
        sim.deleteOutOfBand(first);
        run(DevRevFixtures.oidc("corp-oidc", "s"));
        assertThat(status.externalId).isNotEqualTo(first);
        assertThat(sim.connection(status.externalId).orElseThrow().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void aCreateInterruptedBeforeItsToggleIsFoundAndEnabledOnTheNextPass() {
        resource("corp-oidc", ConnectionType.OIDC);
        sim.faults().onlyFor(route -> route.equals(TOGGLE)).failNext(4, 503);
        assertThatThrownBy(() -> run(DevRevFixtures.oidc("corp-oidc", "s")))
                .isInstanceOf(VendorException.class);
        assertThat(status.pendingCreate).isEqualTo("corp-oidc");
        assertThat(status.externalId).isNull();
        sim.calls().reset();
        run(DevRevFixtures.oidc("corp-oidc", "s"));
        assertThat(sim.calls().countRoute(CREATE)).isZero();
        assertThat(sim.calls().countRoute(TOGGLE)).isEqualTo(1);
        assertThat(sim.byDisplayName("OIDC corp-oidc")).singleElement()
                .satisfies(c -> assertThat(c.path("enabled").asBoolean()).isTrue());
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
    }

    @Test
    void theSixthConnectionIsRefusedWithTheLimitNamed() {
        for (DesiredConnection desired : DevRevFixtures.everyType()) {
            resource(desired.name(), ConnectionType.valueOf(desired.kind().name()));
            status = new IdentityConnectionStatus();
            run(desired);
        }
        resource("sixth", ConnectionType.OIDC);
        status = new IdentityConnectionStatus();
        assertThatThrownBy(() -> run(DevRevFixtures.oidc("sixth", "s"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 5");
    }
}
