package dev.federator.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URI;
import java.util.function.Supplier;

/**
 * HTTP to a Keycloak-style identity-provider collection. The parts that differ between Keycloak and ezto auth (the
 * auth header's name, where the collection lives, extra status codes) are parameters here, and only here.
 */
public final class KeycloakTransport {
    /**
     * What the user should check when the vendor answers 403 or 404, since that differs between vendors.
     *
     * @param forbidden what to grant the platform's account
     * @param notFound which platform settings to check
     */
    public record Advice(String forbidden, String notFound) {
        public static final Advice KEYCLOAK = new Advice("grant it the realm-management role manage-identity-providers",
                "check the realm or workspace name");
    }

    private final VendorHttp http;
    private final Supplier<String> tokens;
    private final String authHeader;
    private final String collection;
    private final String verifyUrl;
    private final Advice advice;

    /**
     * @param authHeader Authorization for Keycloak, Authentication for ezto
     * @param collection URL of the identity-provider collection (GET list, POST create, /{alias} for one)
     * @param verifyUrl a cheap authenticated read that proves the credentials and the realm or workspace
     */
    public KeycloakTransport(VendorHttp http, Supplier<String> tokens, String authHeader, String collection,
                             String verifyUrl) {
        this(http, tokens, authHeader, collection, verifyUrl, Advice.KEYCLOAK);
    }

    public KeycloakTransport(VendorHttp http, Supplier<String> tokens, String authHeader, String collection,
                             String verifyUrl, Advice advice) {
        this.http = http;
        this.advice = advice;
        this.tokens = tokens;
        this.authHeader = authHeader;
        this.collection = collection;
        this.verifyUrl = verifyUrl;
    }

    public String collection() { return collection; }

    public URI uri(String pathAndQuery) { return URI.create(collection + pathAndQuery); }

    public URI verifyUri() { return URI.create(verifyUrl); }

    /** Sends with a bearer token; a 401 gets one fresh token and one more try, since tokens expire early. */
    public VendorResponse send(VendorRequest request) {
        VendorResponse response = http.send(request.header(authHeader, "Bearer " + tokens.get()));
        if (response.status() == 401 && tokens instanceof KeycloakTokenSource source) {
            source.invalidate();
            response = http.send(request.header(authHeader, "Bearer " + tokens.get()));
        }
        return response;
    }

    /** Turns a non-2xx answer into the exception that tells the operator what to do. */
    public RuntimeException failure(VendorResponse response, String what) {
        JsonNode json = response.json();
        String detail = json.path("errorMessage").asText(json.path("error").asText(""));
        return switch (response.status()) {
            case 401 -> new AuthenticationException(Reason.InvalidCredentials,
                    "the vendor refused the platform's token while trying to " + what);
            case 403 -> new AuthenticationException(Reason.Forbidden, "the platform's account may not " + what
                    + "; " + advice.forbidden());
            case 409 -> new ConflictException("an identity provider with this alias already exists (" + detail + ")");
            case 404 -> new InvalidRequestException(Reason.NotFound, "not found while trying to " + what
                    + "; " + advice.notFound() + " (" + detail + ")");
            // ezto auth's "valid but failed": repeating the same request cannot help, so it waits for a spec change.
            case 402 -> new InvalidRequestException(Reason.VendorRejected, "the vendor accepted the request as valid but "
                    + "could not carry it out (402) while trying to " + what + (detail.isBlank() ? "" : ": " + detail)
                    + "; fix the cause on the vendor or change the spec (the same request is not retried in a loop)");
            default -> new InvalidRequestException(Reason.VendorRejected,
                    "the vendor answered " + response.status() + " while trying to " + what
                            + (detail.isBlank() ? "" : ": " + detail));
        };
    }
}
