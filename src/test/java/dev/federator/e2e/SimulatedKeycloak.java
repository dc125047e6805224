package dev.federator.e2e;

import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.keycloak.KeycloakSimulator;
import java.util.Map;
import java.util.UUID;

/** The scenarios' view of the Keycloak simulator. */
final class SimulatedKeycloak extends SimulatedBackend {
    private final KeycloakSimulator sim;

    SimulatedKeycloak(KeycloakSimulator sim) {
        super(sim);
        this.sim = sim;
    }

    @Override public String url() { return sim.baseUrl(); }

    @Override
    public String newRealm() {
        String realm = "r-" + UUID.randomUUID().toString().substring(0, 8);
        sim.createRealm(realm);
        return realm;
    }

    @Override
    public Map<String, String> credentials() {
        return Map.of("client-id", SimulatorFleet.KEYCLOAK_CLIENT_ID, "client-secret", SimulatorFleet.KEYCLOAK_CLIENT_SECRET);
    }

    @Override public String authRealm() { return sim.authRealm(); }
}
