package dev.federator.sim.keycloak;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /realms/{realm}/protocol/openid-connect/token} for the grants an admin client uses,
 * with Keycloak 26's checks in its order: grant type, then client authentication, then the grant.
 * Users and service-account clients exist only in the auth realm; {@code admin-cli} (public) in every realm.
 */
final class TokenEndpoint {

    static final String ADMIN_CLI = "admin-cli";
    private static final Set<String> GRANTS = Set.of("password", "client_credentials", "refresh_token");
    private static final String BAD_CLIENT = "Invalid client or Invalid client credentials";

    private record ServiceClient(String secret, boolean canManage) {}

    private record Client(String id, ServiceClient service) {
        boolean isPublic() {
            return service == null;
        }
    }

    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, ServiceClient> clients = new ConcurrentHashMap<>();
    private final Tokens tokens;
    private volatile String authRealm = "master";

    TokenEndpoint(Tokens tokens) {
        this.tokens = tokens;
    }

    void authRealm(String realm) {
        this.authRealm = realm;
    }

    String authRealm() {
        return authRealm;
    }

    void addUser(String username, String password) {
        users.put(username, password);
    }

    void addServiceClient(String clientId, String secret, boolean canManage) {
        if (ADMIN_CLI.equals(clientId)) {
            throw new IllegalArgumentException("admin-cli is Keycloak's public client, it cannot be a service account");
        }
        clients.put(clientId, new ServiceClient(secret, canManage));
    }

    /** Answers a token request on an existing realm, or throws the OAuth error Keycloak would give. */
    ObjectNode grant(String realm, MultiMap form, String authorization, String issuer) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw KeycloakError.oauth(400, "invalid_request", "Missing form parameter: grant_type");
        }
        if (!GRANTS.contains(grantType)) {
            throw KeycloakError.oauth(400, "unsupported_grant_type", "Unsupported grant_type");
        }
        Client client = authenticate(realm, form, authorization);
        return switch (grantType) {
            case "password" -> password(realm, client, form, issuer);
            case "client_credentials" -> clientCredentials(realm, client, issuer);
            default -> refresh(client, form, issuer);
        };
    }

    private Client authenticate(String realm, MultiMap form, String authorization) {
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decodeBasic(authorization.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        if (ADMIN_CLI.equals(clientId)) {
            return new Client(clientId, null);
        }
        ServiceClient service = clientId == null || !realm.equals(authRealm) ? null : clients.get(clientId);
        if (service == null) {
            throw KeycloakError.oauth(401, "invalid_client", BAD_CLIENT);
        }
        if (!Objects.equals(service.secret(), secret)) {
            throw KeycloakError.oauth(401, "unauthorized_client", BAD_CLIENT);
        }
        return new Client(clientId, service);
    }

    private static String decodeBasic(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private ObjectNode password(String realm, Client client, MultiMap form, String issuer) {
        if (!client.isPublic()) {
            throw KeycloakError.oauth(400, "unauthorized_client", "Client not allowed for direct access grants");
        }
        String username = form.get("username");
        if (username == null) {
            throw KeycloakError.oauth(401, "invalid_request", "Missing parameter: username");
        }
        String expected = realm.equals(authRealm) ? users.get(username) : null;
        if (expected == null || !expected.equals(form.get("password"))) {
            throw KeycloakError.oauth(401, "invalid_grant", "Invalid user credentials");
        }
        Tokens.Grant who = new Tokens.Grant(realm, client.id(), "user:" + username, true, null);
        return response(tokens.issueAccess(issuer, who), tokens.issueRefresh(issuer, who));
    }

    private ObjectNode clientCredentials(String realm, Client client, String issuer) {
        if (client.isPublic()) {
            throw KeycloakError.oauth(401, "unauthorized_client", "Public client not allowed to retrieve service account");
        }
        Tokens.Grant who = new Tokens.Grant(realm, client.id(), "service-account-" + client.id(),
                client.service().canManage(), null);
        return response(tokens.issueAccess(issuer, who), null);
    }

    private ObjectNode refresh(Client client, MultiMap form, String issuer) {
        String refreshToken = form.get("refresh_token");
        if (refreshToken == null) {
            throw KeycloakError.oauth(400, "invalid_request", "No refresh token");
        }
        Tokens.Grant who = tokens.validRefresh(refreshToken)
                .filter(grant -> grant.clientId().equals(client.id()))
                .orElseThrow(() -> KeycloakError.oauth(400, "invalid_grant", "Invalid refresh token"));
        return response(tokens.issueAccess(issuer, who), tokens.issueRefresh(issuer, who));
    }

    private ObjectNode response(String accessToken, String refreshToken) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("access_token", accessToken)
                .put("expires_in", tokens.accessLifetime().toSeconds())
                .put("refresh_expires_in", refreshToken == null ? 0 : tokens.refreshLifetime().toSeconds());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("token_type", "Bearer").put("not-before-policy", 0);
        if (refreshToken != null) {
            body.put("session_state", UUID.randomUUID().toString());
        }
        return body.put("scope", "email profile");
    }
}
