package dev.federator.sim.devrev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.federator.sim.RequestRules;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** An answer DevRev gives instead of the happy path, in its envelope {@code {type, message, detail, ...}}. */
final class DevRevError extends RuntimeException {
    final int status;
    final ObjectNode body;

    private DevRevError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = JsonNodeFactory.instance.objectNode().put("type", type).put("message", message)
                .put("detail", message);
    }

    static DevRevError badRequest(String message) { return new DevRevError(400, "bad_request", message); }

    /** A 400 subtype naming the field: invalid_field, missing_required_field, value_not_permitted. */
    static DevRevError field(String subtype, String field, String message) {
        DevRevError error = new DevRevError(400, subtype, message);
        error.body.put("field_name", field);
        return error;
    }

    static DevRevError invalidField(String field) {
        return field("invalid_field", field, "field " + field + " is not valid for this request");
    }

    static DevRevError missing(String field) {
        return field("missing_required_field", field, "missing required field " + field);
    }

    static DevRevError notPermitted(String field, String reason) {
        DevRevError error = field("value_not_permitted", field, "value of " + field + " is not permitted: " + reason);
        error.body.put("reason", reason);
        return error;
    }

    /** A broken request rule in DevRev's words: missing_required_field, invalid_enum_value, unexpected_json_type... */
    static DevRevError violation(RequestRules.Violation v, JsonNode body) {
        String field = v.field();
        return switch (v.keyword()) {
            case "required" -> missing(field);
            case "additionalProperties" -> invalidField(field);
            case "enum" -> {
                DevRevError error = field("invalid_enum_value", field, "invalid value for " + field);
                ArrayNode allowed = error.body.putArray("allowed_values");
                v.allowed().forEach(allowed::add);
                JsonNode value = at(body, field);
                error.body.put("value", value.isValueNode() ? value.asText() : value.toString());
                yield error;
            }
            case "type" -> {
                DevRevError error = field("unexpected_json_type", field, "field " + field + " has the wrong type");
                error.body.put("expected", v.expectedType()).put("actual", jsonType(at(body, field)));
                yield error;
            }
            default -> notPermitted(field, v.message());
        };
    }

    private static JsonNode at(JsonNode body, String field) {
        JsonNode node = body;
        for (String part : field.split("\\.")) {
            node = node == null ? null : node.path(part);
        }
        return node == null ? JsonNodeFactory.instance.missingNode() : node;
    }

    private static String jsonType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "bool";
            case NUMBER -> "number";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            default -> "null";
        };
    }

    static DevRevError unauthenticated() { return new DevRevError(401, "unauthenticated", "Unauthenticated"); }

    static DevRevError forbidden() { return new DevRevError(403, "forbidden", "Forbidden"); }

    static DevRevError notFound(String what) { return new DevRevError(404, "not_found", what + " not found"); }

    static DevRevError tooManyRequests(long retryAfterSeconds) {
        DevRevError error = new DevRevError(429, "too_many_requests", "Too many requests");
        error.body.put("retry_after", retryAfterSeconds);
        return error;
    }

    static DevRevError of(int status) {
        return switch (status) {
            case 400 -> badRequest("Bad request");
            case 401 -> unauthenticated();
            case 403 -> forbidden();
            case 404 -> notFound("resource");
            case 429 -> tooManyRequests(1);
            case 503 -> new DevRevError(503, "service_unavailable", "Service unavailable");
            default -> {
                if (status >= 500) {
                    DevRevError error = new DevRevError(status, "internal_error", "Internal error");
                    error.body.put("reference_id", UUID.randomUUID().toString());
                    yield error;
                }
                yield new DevRevError(status, "bad_request", "HTTP " + status);
            }
        };
    }
}
