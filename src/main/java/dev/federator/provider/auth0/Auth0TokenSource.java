package dev.federator.provider.auth0;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Management API tokens from the client-credentials grant at {@code {url}/oauth/token}, for the audience
 * {@code https://{domain}/api/v2/} (the tenant's own domain even when the URL is a custom domain or a simulator).
 * A token is cached until shortly before {@code expires_in} runs out and fetched again after a 401.
 */
final class Auth0TokenSource {
    private final VendorHttp http;
    private final URI tokenUri;
    private final String form;
    private final Clock clock;
    private String token;
    private Set<String> scopes = Set.of();
    private Instant expiresAt = Instant.EPOCH;

    Auth0TokenSource(VendorHttp http, String url, String domain, PlatformAccount<?> account, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.tokenUri = URI.create(url + "/oauth/token");
        SecretValue clientId = account.credential("client-id").orElseThrow(() -> incomplete("client-id"));
        SecretValue clientSecret = account.credential("client-secret").orElseThrow(() -> incomplete("client-secret"));
        this.form = "grant_type=client_credentials&client_id=" + enc(clientId.reveal()) + "&client_secret="
                + enc(clientSecret.reveal()) + "&audience=" + enc("https://" + domain + "/api/v2/");
    }

    private static InvalidRequestException incomplete(String key) {
        return new InvalidRequestException(Reason.CredentialsIncomplete, "the Secret named by spec.auth0.credentialsRef has "
                + "no key " + key + "; it needs client-id and client-secret of a machine-to-machine application");
    }

    private static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }

    synchronized String get() {
        if (token == null || !clock.instant().isBefore(expiresAt)) {
            // Asking again for a token is harmless, so a lost answer may be retried.
            VendorResponse response = http.send(VendorRequest.post(tokenUri, "token").form(form).idempotent());
            JsonNode json = response.json();
            if (!response.isSuccess()) {
                throw refused(response.status(), json.path("error").asText(""),
                        json.path("error_description").asText(""));
            }
            token = json.path("access_token").asText();
            scopes = new LinkedHashSet<>(Arrays.asList(json.path("scope").asText("").split("\\s+")));
            long lifetime = json.path("expires_in").asLong(86400);
            expiresAt = clock.instant().plusSeconds(Math.max(5, lifetime - Math.min(300, lifetime / 10)));
        }
        return token;
    }

    /** The scopes granted with the current token, as the token endpoint listed them. */
    synchronized Set<String> scopes() {
        get();
        return Set.copyOf(scopes);
    }

    synchronized void invalidate() { token = null; }

    private static AuthenticationException refused(int status, String error, String description) {
        // The description is Auth0's own text about the client (never the secret): safe to show.
        String detail = error + (description.isBlank() ? "" : ": " + description);
        if (status == 401) {
            return new AuthenticationException(Reason.InvalidCredentials, "Auth0 refused the client-id/client-secret "
                    + "of spec.auth0.credentialsRef (" + detail + "); put the Client ID and Client Secret of a "
                    + "machine-to-machine application of this tenant in that Secret");
        }
        if (status == 403) {
            return new AuthenticationException(Reason.ClientNotAuthorized, "Auth0 will not give the application a "
                    + "Management API token (" + detail + "); authorize it for the Auth0 Management API of this "
                    + "tenant (Applications > APIs > Auth0 Management API > Machine to Machine Applications) and "
                    + "check spec.auth0.domain");
        }
        return new AuthenticationException(Reason.TokenRequestFailed, "Auth0's token endpoint answered " + status
                + " (" + detail + "); check spec.auth0.domain, url and the credentials Secret");
    }
}
