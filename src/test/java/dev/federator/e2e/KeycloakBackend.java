package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A Keycloak the scenarios run against: the simulator, or the real server. Reads bypass the operator. */
public interface KeycloakBackend {
    String url();

    /** Creates a fresh realm for one test and returns its name. */
    String newRealm();

    /** Contents of the credentials Secret the platform uses (client-id/client-secret or username/password). */
    Map<String, String> credentials();

    String authRealm();

    Optional<JsonNode> identityProvider(String realm, String alias);

    void editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit);

    void createDirectly(String realm, ObjectNode representation);

    /** The client secret as stored, where the backend can tell (the simulator); empty for the real server. */
    Optional<String> storedSecret(String realm, String alias);
}
