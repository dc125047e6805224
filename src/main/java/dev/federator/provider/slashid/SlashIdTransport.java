package dev.federator.provider.slashid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.OutcomeUnknownException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP to one SlashID organization: both auth headers on every call, the platform's consistency requirement on every
 * write, and SlashID's {errors: [{httpcode, message}]} envelope turned into the SPI's exceptions.
 */
final class SlashIdTransport {
    static final String OIDC = "/organizations/sso/oidc/provider-credentials";
    static final String SAML = "/organizations/sso/saml/provider-credentials";

    private final VendorHttp http;
    private final String baseUrl;
    private final String orgId;
    private final SecretValue apiKey;
    private final String consistency;
    private final int consistencyTimeoutSeconds;

    SlashIdTransport(VendorHttp http, String baseUrl, String orgId, SecretValue apiKey, String consistency,
                     int consistencyTimeoutSeconds) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.orgId = orgId;
        this.apiKey = apiKey;
        this.consistency = consistency;
        this.consistencyTimeoutSeconds = consistencyTimeoutSeconds;
    }

    int consistencyTimeoutSeconds() { return consistencyTimeoutSeconds; }

    URI uri(String pathAndQuery) { return URI.create(baseUrl + pathAndQuery); }

    VendorResponse read(VendorRequest request) { return http.send(auth(request)); }

    VendorResponse write(VendorRequest request) {
        return http.send(auth(request)
                .header("SlashID-Required-Consistency", consistency)
                .header("SlashID-Required-Consistency-Timeout", Integer.toString(consistencyTimeoutSeconds)));
    }

    private VendorRequest auth(VendorRequest request) {
        return request.header("SlashID-API-Key", apiKey.reveal()).header("SlashID-OrgID", orgId)
                .header("Accept", "application/json");
    }

    /** Turns a non-2xx answer into the exception that tells the operator what to do. */
    VendorException failure(VendorResponse response, String what) {
        String detail = detail(response.json());
        String suffix = detail.isEmpty() ? "" : ": " + detail;
        return switch (response.status()) {
            case 401 -> new AuthenticationException(Reason.InvalidCredentials, "SlashID refused the platform's API key "
                    + "while trying to " + what + suffix + "; check the Secret in spec.slashid.apiKeyRef");
            case 403 -> new AuthenticationException(Reason.Forbidden, "the platform's API key may not " + what
                    + " in organization " + orgId + suffix + "; check spec.slashid.organizationId and the key");
            case 408 -> new OutcomeUnknownException("SlashID did not reach the required consistency ("
                    + consistency + ", " + consistencyTimeoutSeconds + " s) while trying to " + what
                    + "; the write may still be applied, so Federator reads again before retrying");
            case 409 -> new ConflictException("SlashID already holds these credentials while trying to " + what
                    + suffix);
            case 404 -> new InvalidRequestException(Reason.NotFound, "SlashID answered 404 while trying to " + what
                    + suffix);
            default -> new InvalidRequestException(Reason.VendorRejected, "SlashID answered " + response.status()
                    + " while trying to " + what + suffix);
        };
    }

    /** The envelope's error messages; these describe the request, never echo a secret. */
    private static String detail(JsonNode json) {
        List<String> messages = new ArrayList<>();
        json.path("errors").forEach(e -> {
            String m = e.path("message").asText("");
            if (!m.isEmpty()) {
                messages.add(m);
            }
        });
        return String.join("; ", messages);
    }
}
