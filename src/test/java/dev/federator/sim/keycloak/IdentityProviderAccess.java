package dev.federator.sim.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Out-of-band test access to a simulator that stores Keycloak identity providers (Keycloak, ezto auth): not recorded,
 * no faults. A realm is whatever groups the providers (an ezto workspace).
 */
public interface IdentityProviderAccess {
    /** The stored representation, secret unmasked. */
    Optional<ObjectNode> identityProvider(String realm, String alias);

    /** Changes a stored provider as if someone used the admin console; false when absent. */
    boolean editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit);

    /** Stores {@code representation} without the API's validation, with the server's defaults; returns it. */
    ObjectNode putDirect(String realm, JsonNode representation);

    /** The real stored {@code config.clientSecret}, which the API never shows. */
    default Optional<String> storedSecret(String realm, String alias) {
        return identityProvider(realm, alias)
                .map(idp -> IdentityProviderJson.text(idp.path("config"), IdentityProviderJson.CLIENT_SECRET));
    }
}
