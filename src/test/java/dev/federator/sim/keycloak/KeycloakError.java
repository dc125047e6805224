package dev.federator.sim.keycloak;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer Keycloak 26 gives instead of the happy path, with its exact body. The three envelopes
 * differ on purpose: JAX-RS exceptions give {@code {"error"}}, OAuth errors add {@code error_description},
 * and admin validation errors ({@code ErrorResponse}) give {@code {"errorMessage"}}.
 */
public final class KeycloakError extends RuntimeException {

    public final int status;
    public final ObjectNode body;

    private KeycloakError(int status, ObjectNode body) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static KeycloakError error(int status, String error) {
        return new KeycloakError(status, JsonNodeFactory.instance.objectNode().put("error", error));
    }

    public static KeycloakError oauth(int status, String error, String description) {
        return new KeycloakError(status,
                JsonNodeFactory.instance.objectNode().put("error", error).put("error_description", description));
    }

    public static KeycloakError errorMessage(int status, String message) {
        return new KeycloakError(status, JsonNodeFactory.instance.objectNode().put("errorMessage", message));
    }

    /** The admin {@code ErrorRepresentation} naming the offending field. */
    public static KeycloakError fieldError(int status, String message, String field) {
        return new KeycloakError(status,
                JsonNodeFactory.instance.objectNode().put("errorMessage", message).put("field", field));
    }

    public static KeycloakError unauthorized() {
        return error(401, "HTTP 401 Unauthorized");
    }

    public static KeycloakError forbidden() {
        return error(403, "HTTP 403 Forbidden");
    }

    public static KeycloakError notFound() {
        return error(404, "HTTP 404 Not Found");
    }

    public static KeycloakError realmNotFound() {
        return error(404, "Realm not found.");
    }

    /** What any unhandled exception (a NullPointerException included) turns into. */
    public static KeycloakError serverError() {
        return oauth(500, "unknown_error", "For more on this error consult the server log.");
    }

    /** The body is not JSON at all. */
    public static KeycloakError unparsableJson() {
        return oauth(400, "invalid_request", "Cannot parse the JSON");
    }

    /** The body is JSON but does not bind to the representation (wrong type somewhere). */
    public static KeycloakError unmappableJson() {
        return oauth(400, "unknown_error", "Cannot parse the JSON");
    }
}
