package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.keycloak.KeycloakSimulator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The scenarios' view of the Keycloak simulator. */
final class SimulatedKeycloak implements KeycloakBackend {
    private final KeycloakSimulator sim;

    SimulatedKeycloak(KeycloakSimulator sim) { this.sim = sim; }

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

    @Override
    public Optional<JsonNode> identityProvider(String realm, String alias) {
        return sim.identityProvider(realm, alias).map(JsonNode.class::cast);
    }

    @Override
    public void editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit) { sim.editOutOfBand(realm, alias, edit); }

    @Override
    public void createDirectly(String realm, ObjectNode representation) { sim.putDirect(realm, representation); }

    @Override
    public Optional<String> storedSecret(String realm, String alias) { return sim.storedSecret(realm, alias); }
}
