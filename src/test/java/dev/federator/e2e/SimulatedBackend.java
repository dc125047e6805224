package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.keycloak.IdentityProviderAccess;
import java.util.Optional;
import java.util.function.Consumer;

/** The out-of-band reads and edits the scenarios make, on any simulator that stores Keycloak identity providers. */
abstract class SimulatedBackend implements KeycloakBackend {
    private final IdentityProviderAccess access;

    SimulatedBackend(IdentityProviderAccess access) { this.access = access; }

    @Override
    public Optional<JsonNode> identityProvider(String realm, String alias) {
        return access.identityProvider(realm, alias).map(JsonNode.class::cast);
    }

    @Override
    public void editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit) {
        access.editOutOfBand(realm, alias, edit);
    }

    @Override
    public void createDirectly(String realm, ObjectNode representation) { access.putDirect(realm, representation); }

    @Override
    public Optional<String> storedSecret(String realm, String alias) { return access.storedSecret(realm, alias); }
}
