package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityPlatform;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Keycloak, or a Keycloak-based platform such as ezto auth, that the scenarios run against: a simulator or the real
 * server. Reads bypass the operator.
 */
public interface KeycloakBackend {
    String url();

    /** The platform manifest pointing at this backend; Keycloak's by default, overridden by Keycloak-based vendors. */
    default IdentityPlatform platform(String ns, String name, String realm, String credentialsSecret) {
        return Manifests.keycloakPlatform(ns, name, this, realm, credentialsSecret);
    }

    /** Creates a fresh realm for one test and returns its name. */
    String newRealm();

    /** Contents of the credentials Secret the platform uses (client-id/client-secret, username/password, token). */
    Map<String, String> credentials();

    String authRealm();

    Optional<JsonNode> identityProvider(String realm, String alias);

    void editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit);

    void createDirectly(String realm, ObjectNode representation);

    /** The client secret as stored, where the backend can tell (the simulator); empty for the real server. */
    Optional<String> storedSecret(String realm, String alias);
}
