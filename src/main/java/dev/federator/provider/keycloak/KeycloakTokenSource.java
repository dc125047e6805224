package dev.federator.provider.keycloak;

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
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Access tokens for the Admin API, from a service-account client (client-id, client-secret) or an admin user
 * (username, password through admin-cli). Cached until shortly before they expire.
 */
final class KeycloakTokenSource implements Supplier<String> {
    private final VendorHttp http;
    private final URI tokenUri;
    private final String form;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    KeycloakTokenSource(VendorHttp http, String url, String authRealm, PlatformAccount<?> account) {
        this.http = http;
        this.tokenUri = URI.create(url + "/realms/" + authRealm + "/protocol/openid-connect/token");
        this.form = grant(account);
    }

    private static String grant(PlatformAccount<?> account) {
        if (account.credential("client-id").isPresent()) {
            return "grant_type=client_credentials&client_id=" + enc(account.credential("client-id").get())
                    + "&client_secret=" + enc(account.credential("client-secret").orElseThrow(() ->
                    new InvalidRequestException(Reason.CredentialsIncomplete,
                            "the credentials Secret has client-id but no client-secret")));
        }
        if (account.credential("username").isPresent()) {
            return "grant_type=password&client_id=admin-cli&username=" + enc(account.credential("username").get())
                    + "&password=" + enc(account.credential("password").orElseThrow(() ->
                    new InvalidRequestException(Reason.CredentialsIncomplete,
                            "the credentials Secret has username but no password")));
        }
        throw new InvalidRequestException(Reason.CredentialsIncomplete,
                "the credentials Secret needs client-id and client-secret, or username and password");
    }

    private static String enc(SecretValue value) { return URLEncoder.encode(value.reveal(), StandardCharsets.UTF_8); }

    @Override
    public synchronized String get() {
        if (token == null || Instant.now().isAfter(expiresAt)) {
            VendorResponse response = http.send(VendorRequest.post(tokenUri, "token").form(form).idempotent());
            JsonNode json = response.json();
            if (!response.isSuccess()) {
                throw new AuthenticationException(Reason.InvalidCredentials, "Keycloak refused the platform's credentials ("
                        + response.status() + " " + json.path("error").asText("") + ": "
                        + json.path("error_description").asText("") + "); check the credentials Secret and authRealm");
            }
            token = json.path("access_token").asText();
            long lifetime = json.path("expires_in").asLong(60);
            expiresAt = Instant.now().plusSeconds(Math.max(5, lifetime - Math.min(30, lifetime / 4)));
        }
        return token;
    }

    synchronized void invalidate() { token = null; }
}
