package dev.federator.sim.auth0;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An answer in Auth0's Management API envelope {@code {statusCode, error, message, errorCode}}, thrown by handlers. */
final class Auth0Error extends RuntimeException {
    final int status;
    final ObjectNode body;

    Auth0Error(int status, ObjectNode body) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
    }

    static Auth0Error of(int status, String error, String message, String errorCode) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("statusCode", status).put("error", error)
                .put("message", message);
        if (errorCode != null) {
            body.put("errorCode", errorCode);
        }
        return new Auth0Error(status, body);
    }

    static Auth0Error badRequest(String message) {
        return of(400, "Bad Request", "Payload validation error: '" + message + "'.", "invalid_body");
    }

    static Auth0Error unauthorized(String message) { return of(401, "Unauthorized", message, null); }

    static Auth0Error insufficientScope(String scope) {
        return of(403, "Forbidden", "Insufficient scope, expected any of: " + scope, "insufficient_scope");
    }

    static Auth0Error notFound() { return of(404, "Not Found", "The connection does not exist", "inexistent_connection"); }

    static Auth0Error conflict() {
        return of(409, "Conflict", "A connection with the same name already exists", "connection_conflict");
    }

    /** The token endpoint speaks OAuth: {@code {error, error_description}}. */
    static Auth0Error oauth(int status, String error, String description) {
        return new Auth0Error(status, JsonNodeFactory.instance.objectNode().put("error", error)
                .put("error_description", description));
    }
}
