package dev.federator.sim.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.SimulatorServer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keycloak 26 as the operator sees it: the token endpoint and the identity-provider admin API,
 * reproducing what a real 26.0.7 server answers (status codes, the three error envelopes,
 * the masked {@code clientSecret}, full-replacement PUTs, server defaults). Each behaviour here was
 * compared request by request with a real 26.0.7 started with {@code kc.sh start-dev}; the one known
 * difference is that an unknown JSON property's message is shorter (same prefix).
 *
 * <p>The auth realm ({@code master} unless changed) always exists; other realms come from {@link #createRealm}.
 */
public final class KeycloakSimulator extends SimulatorServer<KeycloakSimulator> implements IdentityProviderAccess {

    private static final String TOKEN_PATH = "/realms/:realm/protocol/openid-connect/token";
    private static final String REALM_PATH = "/admin/realms/:realm";
    private static final String INSTANCES_PATH = REALM_PATH + "/identity-provider/instances";
    private static final String INSTANCE_PATH = INSTANCES_PATH + "/:alias";
    private static final String JSON_UTF8 = "application/json;charset=UTF-8";
    private static final int DEFAULT_MAX = 100;

    private final IdentityProviderStore store = new IdentityProviderStore();
    private final Tokens tokens = new Tokens();
    private final TokenEndpoint tokenEndpoint = new TokenEndpoint(tokens);
    private volatile boolean rejectAliasChanges;

    public KeycloakSimulator() {
        this(null, 0);
    }

    public KeycloakSimulator(int port) {
        this(null, port);
    }

    public KeycloakSimulator(Vertx vertx, int port) {
        super(vertx, port);
        store.createRealm(tokenEndpoint.authRealm());
    }

    // ---- configuration ----

    /** The realm whose token endpoint issues admin tokens (default {@code master}); created if needed. */
    public KeycloakSimulator withAuthRealm(String realm) {
        store.createRealm(realm);
        tokenEndpoint.authRealm(realm);
        return this;
    }

    /** An admin user of the auth realm, for the password grant with {@code client_id=admin-cli}. */
    public KeycloakSimulator withAdminUser(String username, String password) {
        tokenEndpoint.addUser(username, password);
        return this;
    }

    /** A confidential client of the auth realm whose service account may manage every realm. */
    public KeycloakSimulator withServiceClient(String clientId, String secret) {
        tokenEndpoint.addServiceClient(clientId, secret, true);
        return this;
    }

    /** A service account with only view roles: reads work, writes get 403 {@code {"error":"HTTP 403 Forbidden"}}. */
    public KeycloakSimulator withReadOnlyServiceClient(String clientId, String secret) {
        tokenEndpoint.addServiceClient(clientId, secret, false);
        return this;
    }

    /** Access-token lifetime, reported as {@code expires_in} (Keycloak's default is 60 s). */
    public KeycloakSimulator withTokenLifetime(Duration lifetime) {
        tokens.accessLifetime(lifetime);
        return this;
    }

    /** Clock that decides token expiry, so that tests can move time instead of sleeping. */
    public KeycloakSimulator withClock(Clock clock) {
        tokens.clock(clock);
        return this;
    }

    /**
     * Keycloak 26.0.7 renames a provider when a PUT carries another alias. Turning this on answers
     * 400 {@code {"errorMessage":..., "field":"alias"}} instead, the stricter contract some Keycloak-based
     * platforms (and older docs) describe.
     */
    public KeycloakSimulator rejectAliasChanges(boolean reject) {
        this.rejectAliasChanges = reject;
        return this;
    }

    public KeycloakSimulator createRealm(String realm) {
        store.createRealm(realm);
        return this;
    }

    // ---- test accessors (out of band: not recorded, no faults) ----

    public String authRealm() {
        return tokenEndpoint.authRealm();
    }

    public String tokenUrl() {
        return baseUrl() + "/realms/" + encode(authRealm()) + "/protocol/openid-connect/token";
    }

    /** Every access and refresh token issued so far, expired ones included (the secret scan looks for them). */
    public java.util.Set<String> issuedTokens() {
        return tokens.issued();
    }

    /** Every access token issued so far stops working now; refresh tokens stay valid. */
    public void expireTokens() {
        tokens.expireAccessTokens();
    }

    @Override
    public Optional<ObjectNode> identityProvider(String realm, String alias) {
        return store.find(knownRealm(realm), alias);
    }

    /** All stored representations of a realm, ordered like Keycloak lists them, secrets unmasked. */
    public List<ObjectNode> identityProviders(String realm) {
        return store.list(knownRealm(realm));
    }

    @Override
    public boolean editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit) {
        return store.edit(knownRealm(realm), alias, edit);
    }

    /** Removes a provider as if someone deleted it in the admin console; false when absent. */
    public boolean deleteOutOfBand(String realm, String alias) {
        try {
            store.delete(knownRealm(realm), alias);
            return true;
        } catch (KeycloakError absent) {
            return false;
        }
    }

    /**
     * Stores {@code representation} (as a client would POST it) without the API's validation, with
     * the server's defaults applied, replacing any provider with the same alias. Returns what was stored.
     */
    @Override
    public ObjectNode putDirect(String realm, JsonNode representation) {
        knownRealm(realm);
        ObjectNode bound;
        try {
            bound = IdentityProviderJson.bind(representation.toString());
        } catch (KeycloakError unbindable) {
            throw new IllegalArgumentException("not an IdentityProviderRepresentation: " + unbindable.body);
        }
        String internalId = Optional.ofNullable(IdentityProviderJson.text(bound, "internalId"))
                .orElseGet(() -> UUID.randomUUID().toString());
        ObjectNode stored = IdentityProviderJson.toStored(bound, internalId);
        store.put(realm, stored);
        return stored.deepCopy();
    }

    private String knownRealm(String realm) {
        if (store.realmId(realm).isEmpty()) {
            throw new IllegalArgumentException("no realm " + realm + "; call createRealm first");
        }
        return realm;
    }

    // ---- HTTP ----

    @Override
    protected void routes(Router router) {
        route(router, HttpMethod.POST, TOKEN_PATH).handler(keycloak(this::token));
        route(router, HttpMethod.GET, REALM_PATH).handler(keycloak(this::getRealm));
        route(router, HttpMethod.GET, INSTANCES_PATH).handler(keycloak(this::list));
        route(router, HttpMethod.POST, INSTANCES_PATH).handler(keycloak(this::create));
        route(router, HttpMethod.GET, INSTANCE_PATH).handler(keycloak(this::get));
        route(router, HttpMethod.PUT, INSTANCE_PATH).handler(keycloak(this::update));
        route(router, HttpMethod.DELETE, INSTANCE_PATH).handler(keycloak(this::delete));
    }

    /** A 500 looks like Keycloak's own; other statuses come from whatever sits in front of it. */
    @Override
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        if (status == 500) {
            write(ctx, KeycloakError.serverError());
        } else {
            super.writeFault(ctx, status, retryAfter);
        }
    }

    @Override
    protected void writeRouterError(RoutingContext ctx, int status) {
        write(ctx, status == 500 ? KeycloakError.serverError() : KeycloakError.error(status, "HTTP " + status + " " + reason(status)));
    }

    private void token(RoutingContext ctx) {
        String realm = ctx.pathParam("realm");
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        if (store.realmId(realm).isEmpty()) {
            throw KeycloakError.error(404, "Realm does not exist");
        }
        String issuer = baseUrl() + "/realms/" + encode(realm);
        ObjectNode answer = tokenEndpoint.grant(realm, ctx.request().formAttributes(),
                ctx.request().getHeader("Authorization"), issuer);
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(answer.toString());
    }

    private void getRealm(RoutingContext ctx) {
        authorize(ctx);
        String realm = ctx.pathParam("realm");
        String id = store.realmId(realm).orElseThrow(KeycloakError::realmNotFound);
        ok(ctx, object().put("id", id).put("realm", realm).put("enabled", true));
    }

    private void list(RoutingContext ctx) {
        authorize(ctx);
        String realm = existingRealm(ctx);
        int first = Math.max(0, intParam(ctx, "first", 0));
        int max = intParam(ctx, "max", DEFAULT_MAX);
        boolean brief = Boolean.parseBoolean(ctx.request().getParam("briefRepresentation"));
        Predicate<ObjectNode> matches = searchFilter(ctx.request().getParam("search"));
        List<ObjectNode> page = store.list(realm).stream()
                .filter(matches)
                .skip(first)
                .limit(max < 0 ? Long.MAX_VALUE : max)
                .map(idp -> IdentityProviderJson.forRead(idp, brief))
                .toList();
        ok(ctx, page);
    }

    private void create(RoutingContext ctx) {
        Tokens.Grant grant = authorize(ctx);
        String realm = existingRealm(ctx);
        ObjectNode bound = IdentityProviderJson.bind(ctx.body().asString());
        requireManage(grant);
        IdentityProviderJson.validateCreate(bound);
        String alias = IdentityProviderJson.text(bound, "alias");
        if (alias == null) {
            // Keycloak builds the Location from the alias and fails there, after validation.
            throw KeycloakError.errorMessage(400, "path is null");
        }
        String internalId = Optional.ofNullable(IdentityProviderJson.text(bound, "internalId"))
                .orElseGet(() -> UUID.randomUUID().toString());
        store.create(realm, IdentityProviderJson.toStored(bound, internalId));
        String location = baseUrl() + "/admin/realms/" + encode(realm) + "/identity-provider/instances"
                + (alias.isEmpty() ? "" : "/" + encode(alias));
        ctx.response().setStatusCode(201).putHeader("Location", location).end();
    }

    private void get(RoutingContext ctx) {
        authorize(ctx);
        String realm = existingRealm(ctx);
        ObjectNode idp = store.find(realm, ctx.pathParam("alias")).orElseThrow(KeycloakError::notFound);
        ok(ctx, IdentityProviderJson.forRead(idp, false));
    }

    private void update(RoutingContext ctx) {
        Tokens.Grant grant = authorize(ctx);
        String realm = existingRealm(ctx);
        ObjectNode bound = IdentityProviderJson.bind(ctx.body().asString());
        requireManage(grant);
        String alias = ctx.pathParam("alias");
        store.replace(realm, alias, existing -> {
            IdentityProviderJson.validateUpdate(bound);
            return IdentityProviderJson.replacement(existing, bound);
        }, rejectAliasChanges);
        ctx.response().setStatusCode(204).end();
    }

    private void delete(RoutingContext ctx) {
        Tokens.Grant grant = authorize(ctx);
        String realm = existingRealm(ctx);
        requireManage(grant);
        store.delete(realm, ctx.pathParam("alias"));
        ctx.response().setStatusCode(204).end();
    }

    private Tokens.Grant authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String[] parts = header == null ? new String[0] : header.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw KeycloakError.unauthorized();
        }
        return tokens.validAccess(parts[1]).orElseThrow(KeycloakError::unauthorized);
    }

    private String existingRealm(RoutingContext ctx) {
        String realm = ctx.pathParam("realm");
        store.realmId(realm).orElseThrow(KeycloakError::realmNotFound);
        return realm;
    }

    private static void requireManage(Tokens.Grant grant) {
        if (!grant.canManage()) {
            throw KeycloakError.forbidden();
        }
    }

    /** Keycloak's search: case-insensitive prefix, {@code *} as wildcard, {@code "..."} for an exact alias. */
    private static Predicate<ObjectNode> searchFilter(String search) {
        if (search == null || search.isEmpty()) {
            return idp -> true;
        }
        if (search.length() > 1 && search.startsWith("\"") && search.endsWith("\"")) {
            String exact = search.substring(1, search.length() - 1);
            return idp -> exact.equals(IdentityProviderJson.text(idp, "alias"));
        }
        String glob = search.contains("*") ? search : search + "*";
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT))).append(".*");
        }
        Pattern pattern = Pattern.compile(regex.substring(0, regex.length() - 2), Pattern.DOTALL);
        return idp -> {
            String alias = IdentityProviderJson.text(idp, "alias");
            return alias != null && pattern.matcher(alias.toLowerCase(Locale.ROOT)).matches();
        };
    }

    /** JAX-RS answers a query parameter it cannot convert with a plain 404. */
    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw KeycloakError.notFound();
        }
    }

    private Handler<RoutingContext> keycloak(Consumer<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.accept(ctx);
            } catch (KeycloakError error) {
                write(ctx, error);
            }
        };
    }

    private static void ok(RoutingContext ctx, Object body) {
        ctx.response().putHeader("Content-Type", JSON_UTF8);
        writeJson(ctx, 200, body);
    }

    private static void write(RoutingContext ctx, KeycloakError error) {
        writeJson(ctx, error.status, error.body);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
