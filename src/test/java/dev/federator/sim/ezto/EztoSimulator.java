package dev.federator.sim.ezto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.SimulatorServer;
import dev.federator.sim.keycloak.IdentityProviderAccess;
import dev.federator.sim.keycloak.IdentityProviderJson;
import dev.federator.sim.keycloak.IdentityProviderStore;
import dev.federator.sim.keycloak.KeycloakError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * ezto auth as vendors.md describes it, on top of the Keycloak simulator's store and representation rules (ezto is
 * Keycloak-based). The differences from {@link dev.federator.sim.keycloak.KeycloakSimulator}:
 * <ul>
 *   <li>static API tokens in an {@code Authentication: Bearer <token>} header; no token endpoint, and a token sent
 *       in {@code Authorization} is not seen (401);</li>
 *   <li>the collection lives at a configurable path template (Keycloak's layout under the workspace by default,
 *       since ezto's real paths are unverified);</li>
 *   <li>create answers 201 and update 200, both with the stored representation (client secret masked);</li>
 *   <li>402 "valid but failed" for aliases switched on with {@link #answerPaymentRequired(String)};</li>
 *   <li>503 faults with an error body; the alias of an existing provider cannot change (400).</li>
 * </ul>
 * Get, list and delete are assumed to be Keycloak's, since ezto documents only create and update.
 */
public final class EztoSimulator extends SimulatorServer<EztoSimulator> implements IdentityProviderAccess {
    public static final String DEFAULT_PATH_TEMPLATE = "/admin/realms/{workspace}/identity-provider/instances";
    private static final String AUTH_HEADER = "Authentication";
    private static final int DEFAULT_MAX = 100;

    private final IdentityProviderStore store = new IdentityProviderStore();
    /** API token -> may it write. */
    private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
    private final Set<String> paymentRequired = ConcurrentHashMap.newKeySet();
    private final String pathTemplate;

    public EztoSimulator() { this(null, 0, DEFAULT_PATH_TEMPLATE); }

    /** @param pathTemplate path of the identity-provider collection, containing {@code {workspace}} */
    public EztoSimulator(Vertx vertx, int port, String pathTemplate) {
        super(vertx, port);
        if (!pathTemplate.startsWith("/") || !pathTemplate.contains("{workspace}")) {
            throw new IllegalArgumentException("path template must start with / and contain {workspace}");
        }
        this.pathTemplate = pathTemplate;
    }

    // ---- configuration ----

    /** A workspace API token that may read and write. */
    public EztoSimulator withApiToken(String token) {
        tokens.put(token, true);
        return this;
    }

    /** A token that may only read: writes get 403. */
    public EztoSimulator withReadOnlyApiToken(String token) {
        tokens.put(token, false);
        return this;
    }

    public EztoSimulator createWorkspace(String workspace) {
        store.createRealm(workspace);
        return this;
    }

    /** Creates and updates of this alias answer 402 "valid but failed" until {@link #clearPaymentRequired}. */
    public EztoSimulator answerPaymentRequired(String alias) {
        paymentRequired.add(alias);
        return this;
    }

    public EztoSimulator clearPaymentRequired(String alias) {
        paymentRequired.remove(alias);
        return this;
    }

    // ---- test accessors (out of band: not recorded, no faults) ----

    public String pathTemplate() { return pathTemplate; }

    @Override
    public Optional<ObjectNode> identityProvider(String workspace, String alias) {
        return store.find(known(workspace), alias);
    }

    public List<ObjectNode> identityProviders(String workspace) { return store.list(known(workspace)); }

    @Override
    public boolean editOutOfBand(String workspace, String alias, Consumer<ObjectNode> edit) {
        return store.edit(known(workspace), alias, edit);
    }

    public boolean deleteOutOfBand(String workspace, String alias) {
        try {
            store.delete(known(workspace), alias);
            return true;
        } catch (KeycloakError absent) {
            return false;
        }
    }

    @Override
    public ObjectNode putDirect(String workspace, JsonNode representation) {
        ObjectNode bound = IdentityProviderJson.bind(representation.toString());
        ObjectNode stored = IdentityProviderJson.toStored(bound, UUID.randomUUID().toString());
        store.put(known(workspace), stored);
        return stored.deepCopy();
    }

    private String known(String workspace) {
        if (store.realmId(workspace).isEmpty()) {
            throw new IllegalArgumentException("no workspace " + workspace + "; call createWorkspace first");
        }
        return workspace;
    }

    // ---- HTTP ----

    @Override
    protected void routes(Router router) {
        String collection = pathTemplate.replace("{workspace}", ":workspace");
        String instance = collection + "/:alias";
        route(router, HttpMethod.GET, collection).handler(ezto(this::list));
        route(router, HttpMethod.POST, collection).handler(ezto(this::create));
        route(router, HttpMethod.GET, instance).handler(ezto(this::get));
        route(router, HttpMethod.PUT, instance).handler(ezto(this::update));
        route(router, HttpMethod.DELETE, instance).handler(ezto(this::delete));
    }

    /** 500 and 503 with a body like the server's own; 429 as a gateway would send it. */
    @Override
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        if (status == 500) {
            write(ctx, KeycloakError.serverError());
        } else if (status == 503) {
            write(ctx, KeycloakError.errorMessage(503, "Service temporarily unavailable"));
        } else {
            super.writeFault(ctx, status, retryAfter);
        }
    }

    @Override
    protected void writeRouterError(RoutingContext ctx, int status) {
        write(ctx, KeycloakError.error(status, "HTTP " + status + " " + reason(status)));
    }

    private void list(RoutingContext ctx) {
        authorize(ctx);
        int first = Math.max(0, intParam(ctx, "first", 0));
        int max = intParam(ctx, "max", DEFAULT_MAX);
        boolean brief = Boolean.parseBoolean(ctx.request().getParam("briefRepresentation"));
        ok(ctx, 200, store.list(workspace(ctx)).stream().skip(first).limit(max < 0 ? Long.MAX_VALUE : max)
                .map(idp -> IdentityProviderJson.forRead(idp, brief)).toList());
    }

    private void get(RoutingContext ctx) {
        authorize(ctx);
        ObjectNode idp = store.find(workspace(ctx), ctx.pathParam("alias")).orElseThrow(KeycloakError::notFound);
        ok(ctx, 200, IdentityProviderJson.forRead(idp, false));
    }

    private void create(RoutingContext ctx) {
        boolean canWrite = authorize(ctx);
        String workspace = workspace(ctx);
        ObjectNode bound = IdentityProviderJson.bind(ctx.body().asString());
        requireWrite(canWrite);
        IdentityProviderJson.validateCreate(bound);
        String alias = IdentityProviderJson.text(bound, "alias");
        if (alias == null || alias.isEmpty()) {
            throw KeycloakError.fieldError(400, "alias is required", "alias");
        }
        refuseIfPaymentRequired(alias);
        ObjectNode stored = IdentityProviderJson.toStored(bound, UUID.randomUUID().toString());
        store.create(workspace, stored);
        ok(ctx, 201, IdentityProviderJson.forRead(stored, false));
    }

    private void update(RoutingContext ctx) {
        boolean canWrite = authorize(ctx);
        String workspace = workspace(ctx);
        ObjectNode bound = IdentityProviderJson.bind(ctx.body().asString());
        requireWrite(canWrite);
        String alias = ctx.pathParam("alias");
        refuseIfPaymentRequired(alias);
        store.replace(workspace, alias, existing -> {
            IdentityProviderJson.validateUpdate(bound);
            return IdentityProviderJson.replacement(existing, bound);
        }, true);
        ok(ctx, 200, IdentityProviderJson.forRead(store.find(workspace, alias).orElseThrow(), false));
    }

    private void delete(RoutingContext ctx) {
        boolean canWrite = authorize(ctx);
        String workspace = workspace(ctx);
        requireWrite(canWrite);
        store.delete(workspace, ctx.pathParam("alias"));
        ctx.response().setStatusCode(204).end();
    }

    /** Whether the token may write; 401 without a valid {@code Authentication: Bearer} token. */
    private boolean authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader(AUTH_HEADER);
        String[] parts = header == null ? new String[0] : header.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || !tokens.containsKey(parts[1])) {
            throw KeycloakError.unauthorized();
        }
        return tokens.get(parts[1]);
    }

    private static void requireWrite(boolean canWrite) {
        if (!canWrite) {
            throw KeycloakError.forbidden();
        }
    }

    private void refuseIfPaymentRequired(String alias) {
        if (paymentRequired.contains(alias)) {
            throw KeycloakError.errorMessage(402, "The request was valid but the identity provider " + alias
                    + " could not be saved");
        }
    }

    private String workspace(RoutingContext ctx) {
        String workspace = ctx.pathParam("workspace");
        store.realmId(workspace).orElseThrow(KeycloakError::realmNotFound);
        return workspace;
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String value = ctx.request().getParam(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw KeycloakError.notFound();
        }
    }

    private static Handler<RoutingContext> ezto(Consumer<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.accept(ctx);
            } catch (KeycloakError error) {
                write(ctx, error);
            }
        };
    }

    private static void ok(RoutingContext ctx, int status, Object body) {
        ctx.response().putHeader("Content-Type", "application/json;charset=UTF-8");
        writeJson(ctx, status, body);
    }

    private static void write(RoutingContext ctx, KeycloakError error) { writeJson(ctx, error.status, error.body); }
}
