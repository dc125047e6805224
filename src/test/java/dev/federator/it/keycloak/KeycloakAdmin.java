package dev.federator.it.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The admin REST API of a real Keycloak, as the master realm's bootstrap admin: what tests use to arrange state and
 * to look behind the operator's back. Each helper fails loudly on an unexpected status; {@link #call} does not.
 */
public final class KeycloakAdmin {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String username;
    private final String password;
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    KeycloakAdmin(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** A valid admin access token (password grant, client admin-cli, realm master), renewed before it expires. */
    public synchronized String token() {
        if (Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(username)
                + "&password=" + encode(password);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        expect(r, 200, "admin token");
        JsonNode body = parse(r);
        token = body.path("access_token").asText();
        // master's admin-cli tokens live 60 s; renew with a margin so a slow call never carries an expired one
        tokenExpiry = Instant.now().plusSeconds(Math.max(0, body.path("expires_in").asLong(60) - 15));
        return token;
    }

    /** Any admin call, e.g. {@code call("POST", "/admin/realms/r/identity-provider/instances", idp)}; body may be null. */
    public HttpResponse<String> call(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return send(b);
    }

    public void createRealm(String realm) {
        ObjectNode body = JSON.createObjectNode().put("realm", realm).put("enabled", true);
        expect(call("POST", "/admin/realms", body), 201, "create realm " + realm);
    }

    /** Creates a realm with a random name, for one test's isolation, and returns the name. */
    public String newRealm() {
        String realm = "it-" + UUID.randomUUID().toString().substring(0, 8);
        createRealm(realm);
        return realm;
    }

    /** The stored representation as Keycloak returns it (client secret masked), or empty when it answers 404. */
    public Optional<JsonNode> identityProvider(String realm, String alias) {
        HttpResponse<String> r = call("GET", identityProviderPath(realm, alias), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, 200, "read identity provider " + alias);
        return Optional.of(parse(r));
    }

    /**
     * An out-of-band change, as an admin in the console would make it: GET, mutate, PUT back. The GET carries the
     * masked secret, which the PUT sends back, and Keycloak keeps the stored secret for the mask.
     */
    public void editIdentityProvider(String realm, String alias, Consumer<ObjectNode> edit) {
        ObjectNode idp = (ObjectNode) identityProvider(realm, alias)
                .orElseThrow(() -> new IllegalStateException("no identity provider " + alias + " in realm " + realm));
        edit.accept(idp);
        expect(call("PUT", identityProviderPath(realm, alias), idp), 204, "update identity provider " + alias);
    }

    /** Creates an identity provider directly, e.g. one the operator must then refuse to adopt; returns its Location. */
    public String createIdentityProvider(String realm, JsonNode representation) {
        HttpResponse<String> r = call("POST", identityProvidersPath(realm), representation);
        expect(r, 201, "create identity provider " + representation.path("alias").asText());
        return r.headers().firstValue("Location").orElse("");
    }

    public int identityProviderCount(String realm) {
        HttpResponse<String> r = call("GET", identityProvidersPath(realm), null);
        expect(r, 200, "list identity providers");
        return parse(r).size();
    }

    public static String identityProvidersPath(String realm) {
        return "/admin/realms/" + encode(realm) + "/identity-provider/instances";
    }

    public static String identityProviderPath(String realm, String alias) {
        return identityProvidersPath(realm) + "/" + encode(alias);
    }

    public static JsonNode parse(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + url + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        // form and path segment alike: a space must not become '+' in a path
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
