package dev.federator.provider.devrev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URI;

/** HTTP to the DevRev API with the org's bearer token, and DevRev's error envelope {type, message, detail}. */
final class DevRevTransport {
    private static final int MAX_VENDOR_TEXT = 300;
    private final VendorHttp http;
    private final String base;
    private final SecretValue token;

    DevRevTransport(VendorHttp http, String base, SecretValue token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    URI uri(String endpointAndQuery) { return URI.create(base + "/" + endpointAndQuery); }

    VendorResponse send(VendorRequest request) {
        return http.send(request.header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json"));
    }

    /**
     * Turns a non-2xx answer into the exception that tells the operator what to do. A 400 names the offending field;
     * it is translated to the spec field the user must fix. 429 and 5xx never reach here (VendorHttp throws).
     *
     * @param kind the connection's type, to translate DevRev field names to spec paths; null for calls without one
     */
    VendorException failure(VendorResponse response, String what, ConnectionKind kind) {
        JsonNode json = response.json();
        String type = json.path("type").asText("");
        String field = json.path("field_name").asText("");
        String vendorText = vendorText(json, field);
        return switch (response.status()) {
            case 401 -> new AuthenticationException(Reason.InvalidCredentials, "DevRev refused the platform's token ("
                    + type + ") while trying to " + what + "; check the Secret behind spec.devrev.tokenRef");
            case 403 -> new AuthenticationException(Reason.Forbidden, "the DevRev token may not " + what + " (" + type
                    + "); use a token of a Dev org admin allowed to manage authentication connections");
            case 404 -> new InvalidRequestException(Reason.NotFound, "DevRev answered not_found while trying to " + what
                    + vendorText);
            case 409 -> new ConflictException("DevRev answered 409 while trying to " + what + vendorText);
            case 400 -> badRequest(type, field, what, vendorText, kind);
            default -> new InvalidRequestException(Reason.VendorRejected, "DevRev answered " + response.status()
                    + " while trying to " + what + vendorText);
        };
    }

    private static InvalidRequestException badRequest(String type, String field, String what, String vendorText,
                                                      ConnectionKind kind) {
        Reason reason = switch (type) {
            case "invalid_field", "value_not_permitted", "invalid_enum_value" -> Reason.InvalidField;
            case "missing_required_field" -> Reason.MissingField;
            default -> Reason.VendorRejected;
        };
        if (field.isEmpty()) {
            return new InvalidRequestException(reason, "DevRev rejected the request to " + what + " (" + type + ")"
                    + vendorText);
        }
        String specPath = DevRevRepresentation.specPath(kind, field);
        String verb = switch (type) {
            case "missing_required_field" -> "requires";
            case "invalid_field" -> "does not accept";
            default -> "refused the value of";
        };
        return new InvalidRequestException(reason, "DevRev " + verb + " field " + field + " (" + type + ") while "
                + "trying to " + what + vendorText + "; fix " + specPath + " in the IdentityConnection");
    }

    /** The vendor's own words, unless they are about a write-only field (they might quote the secret). */
    private static String vendorText(JsonNode json, String field) {
        if (DevRevRepresentation.isWriteOnly(field)) {
            return "";
        }
        String text = json.path("message").asText("");
        String detail = json.path("detail").asText("");
        if (!detail.isBlank() && !detail.equals(text)) {
            text = text.isBlank() ? detail : text + " (" + detail + ")";
        }
        if (text.length() > MAX_VENDOR_TEXT) {
            text = text.substring(0, MAX_VENDOR_TEXT) + "...";
        }
        return text.isBlank() ? "" : ": " + text;
    }
}
