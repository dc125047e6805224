package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.it.keycloak.RealKeycloak;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The scenarios' view of the real Keycloak server, driven as its bootstrap admin through admin-cli. */
final class RealKeycloakBackend implements KeycloakBackend {
    private final RealKeycloak server;

    RealKeycloakBackend(RealKeycloak server) { this.server = server; }

    @Override public String url() { return server.url(); }

    @Override public String newRealm() { return server.admin().newRealm(); }

    @Override
    public Map<String, String> credentials() {
        return Map.of("username", server.adminUser(), "password", server.adminPassword());
    }

    @Override public String authRealm() { return "master"; }

    @Override
    public Optional<JsonNode> identityProvider(String realm, String alias) {
        return server.admin().identityProvider(realm, alias);
    }

    @Override
    public void editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit) {
        server.admin().editIdentityProvider(realm, alias, edit);
    }

    @Override
    public void createDirectly(String realm, ObjectNode representation) {
        server.admin().createIdentityProvider(realm, representation);
    }

    /** The real server never shows a stored secret (RealKeycloakIT proves what it sends upstream). */
    @Override
    public Optional<String> storedSecret(String realm, String alias) { return Optional.empty(); }
}
