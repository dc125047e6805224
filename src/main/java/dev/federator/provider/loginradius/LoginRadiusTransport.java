package dev.federator.provider.loginradius;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP to one LoginRadius organization's connections. LoginRadius authenticates with the API key and secret in the
 * query string, so the URI built here is never put in a message: messages name the operation and the organization,
 * and any text the vendor sends back is scrubbed of the key and secret before it reaches an exception.
 */
final class LoginRadiusTransport {
    /** After an 8151 on update the connection is gone: come back soon, find nothing, and create it again. */
    static final Duration VANISHED_RETRY = Duration.ofSeconds(1);
    private static final String MASK = "******";

    private final VendorHttp http;
    private final String collection;
    private final String organizations;
    private final String organizationId;
    private final SecretValue apiKey;
    private final SecretValue apiSecret;

    LoginRadiusTransport(VendorHttp http, String baseUrl, String organizationId, SecretValue apiKey,
                         SecretValue apiSecret) {
        this.http = http;
        this.organizationId = organizationId;
        this.organizations = baseUrl + "/v2/manage/organizations";
        this.collection = organizations + "/" + enc(organizationId) + "/connections";
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    String organizationId() { return organizationId; }

    /** The collection, or one connection of it, with the credentials in the query as LoginRadius wants them. */
    URI uri(String connectionId) {
        return URI.create(collection + (connectionId == null ? "" : "/" + enc(connectionId)) + credentials());
    }

    /** The account's organizations list, where each organization embeds its connections. */
    URI organizationsUri() { return URI.create(organizations + credentials()); }

    private String credentials() {
        return "?apikey=" + enc(apiKey.reveal()) + "&apisecret=" + enc(apiSecret.reveal());
    }

    VendorResponse send(VendorRequest request) { return http.send(request); }

    /**
     * Turns a LoginRadius error ({@code {Description, ErrorCode, Message}}) into the exception that tells the
     * operator what to do. Codes decide first; the HTTP status only when the code is unknown.
     */
    VendorException failure(VendorResponse response, String what, String domain) {
        JsonNode json = response.json();
        int code = json.path("ErrorCode").asInt(0);
        String detail = scrub(json.path("Description").asText(json.path("Message").asText("")));
        String org = "organization " + organizationId;
        return switch (code) {
            case 901, 902 -> new AuthenticationException(Reason.InvalidCredentials, "LoginRadius refused the platform's "
                    + (code == 901 ? "API key" : "API secret") + " (error " + code + ") while trying to " + what
                    + "; check the Secrets named by spec.loginradius.apiKeyRef and apiSecretRef");
            case 8118 -> new InvalidRequestException(Reason.OrganizationNotFound, "LoginRadius has no " + org
                    + " (error 8118) while trying to " + what + "; check spec.loginradius.organizationId");
            case 8180 -> new InvalidRequestException(Reason.OrganizationNotActive, "LoginRadius " + org + " is not active"
                    + " (error 8180) while trying to " + what + "; activate it in LoginRadius");
            case 8177 -> new InvalidRequestException(Reason.DomainNotVerified, "the domain " + domain + " is not verified"
                    + " in LoginRadius " + org + " (error 8177); verify it in LoginRadius, or change spec.domains");
            case 8150 -> new InvalidRequestException(Reason.DomainNotInOrganization, "the domain " + domain + " does not"
                    + " belong to LoginRadius " + org + " (error 8150); add it to the organization, or change"
                    + " spec.domains");
            case 8148 -> new ConflictException("a connection with this name already exists in LoginRadius " + org
                    + " (error 8148)");
            case 8151 -> new TransientVendorException(Reason.ConnectionVanished, "the connection was deleted on LoginRadius"
                    + " (error 8151: invalid connection id) while trying to " + what + "; it will be created again",
                    VANISHED_RETRY, null);
            case 7909 -> new TransientVendorException(Reason.VendorUnavailable, "LoginRadius reported an internal error"
                    + " (error 7909) while trying to " + what);
            default -> byStatus(response.status(), code, what, detail);
        };
    }

    private static VendorException byStatus(int status, int code, String what, String detail) {
        String suffix = (code == 0 ? "" : " error " + code) + (detail.isBlank() ? "" : ": " + detail);
        if (status == 401 || status == 403) {
            return new AuthenticationException(Reason.InvalidCredentials, "LoginRadius answered " + status
                    + " while trying to " + what + suffix);
        }
        if (status >= 500) {
            return new TransientVendorException(Reason.VendorUnavailable, "LoginRadius answered " + status
                    + " while trying to " + what + suffix);
        }
        return new InvalidRequestException(Reason.VendorRejected, "LoginRadius answered " + status + " while trying to "
                + what + suffix);
    }

    /** Vendor text may echo the request; the credentials must never reach a status, event or log. */
    String scrub(String text) {
        String out = text;
        for (SecretValue secret : new SecretValue[] {apiKey, apiSecret}) {
            String value = secret.reveal();
            if (!value.isEmpty()) {
                out = out.replace(value, MASK).replace(enc(value), MASK);
            }
        }
        return out;
    }

    static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"); }
}
