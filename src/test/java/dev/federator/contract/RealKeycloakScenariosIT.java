package dev.federator.contract;

import dev.federator.it.keycloak.RealKeycloakExtension;
import dev.federator.it.keycloak.UpstreamIdp;
import dev.federator.platform.VendorRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract scenarios of the Keycloak adapter against a real Keycloak, which keeps the simulator honest. Named
 * without "Contract" so that the fast contract run (-Dtest=*Contract*) leaves this Failsafe test alone.
 */
@ExtendWith(RealKeycloakExtension.class)
class RealKeycloakScenariosIT {
    private static UpstreamIdp upstream;

    @BeforeAll
    static void startUpstream() { upstream = UpstreamIdp.start(); }

    @AfterAll
    static void stopUpstream() { upstream.close(); }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void runsTheScenarioAgainstARealKeycloak(Scenario scenario) {
        VendorContractTest.run(new RealKeycloakFixture(upstream), scenario, new VendorRegistry());
    }
}
