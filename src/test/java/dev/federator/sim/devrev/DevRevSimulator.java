package dev.federator.sim.devrev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.RateLimit;
import dev.federator.sim.RequestRules;
import dev.federator.sim.SimulatorServer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The DevRev API's {@code dev-orgs.auth-connections.*} endpoints for one org, as vendors.md and DevRev's API reference
 * describe them: bearer auth, the flat per-type schemas with their required fields, create answering 201 with a
 * disabled connection, update answering 201, explicit toggle, delete refused while enabled or for a default
 * connection, at least one enabled connection, at most five enterprise connections, write-only client_secret and
 * signing_cert, the error envelope {@code {type, message, detail}} (400 subtypes with field_name) and rate limiting
 * with 429 {@code retry_after}, {@code Retry-After} and {@code X-RateLimit-*} on every answer.
 *
 * <p>The org starts with one default social connection (Google), enabled, which cannot be deleted.
 */
public final class DevRevSimulator extends SimulatorServer<DevRevSimulator> {
    public static final String CREATE = "POST /dev-orgs.auth-connections.create";
    public static final String UPDATE = "POST /dev-orgs.auth-connections.update";
    public static final String TOGGLE = "POST /dev-orgs.auth-connections.toggle";
    public static final String DELETE = "POST /dev-orgs.auth-connections.delete";
    public static final String GET = "GET /dev-orgs.auth-connections.get";
    public static final String LIST = "GET /dev-orgs.auth-connections.list";
    public static final String GET_ORG = "GET /dev-orgs.get";
    /** The org's display id, the dev_oid that prefixes every SAML connection_name. */
    public static final String DEV_OID = "DEV-1a2b3c";
    /** Advertised in X-RateLimit-Limit when no {@link RateLimit} is set (requests per window). */
    private static final int DEFAULT_WINDOW_LIMIT = 1000;
    /** DevRev's rate-limit window is five minutes (DevRev's rate-limiting guide; quotas are not published). */
    private static final long WINDOW_SECONDS = 300;
    private static final String NO_RATE_HEADERS = "devrev.noRateHeaders";

    private final AuthConnectionStore store = new AuthConnectionStore(DEV_OID);
    private final RequestRules rules = new RequestRules("devrev");
    private final Set<String> adminTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> readOnlyTokens = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();
    private long windowStart;
    private int windowCount;

    public DevRevSimulator() { this(null, 0); }

    public DevRevSimulator(Vertx vertx, int port) { super(vertx, port); }

    // ---- configuration ----

    /** A token of an org admin: may read and manage authentication connections. */
    public DevRevSimulator withToken(String token) {
        adminTokens.add(token);
        return this;
    }

    /** A token of a member without the admin privilege: reads work, writes get 403 forbidden. */
    public DevRevSimulator withReadOnlyToken(String token) {
        readOnlyTokens.add(token);
        return this;
    }

    // ---- test accessors (out of band: not recorded, no faults) ----

    /** The request rules every body is checked against, with the record of each check. */
    public RequestRules rules() { return rules; }

    /** The stored connection, write-only fields included. */
    public Optional<ObjectNode> connection(String id) { return store.stored(id); }

    /** Every stored connection (the default social one included), write-only fields included. */
    public List<ObjectNode> connections() { return store.storedAll(); }

    /** Enterprise connections with this display name, as stored. */
    public List<ObjectNode> byDisplayName(String displayName) {
        return store.storedAll().stream().filter(c -> displayName.equals(c.path("display_name").asText(null)))
                .toList();
    }

    public String defaultConnectionId() {
        return store.storedAll().stream().filter(c -> c.path("default").asBoolean()).findFirst()
                .map(c -> c.get("id").asText()).orElseThrow();
    }

    /** Changes a stored connection as if someone used the DevRev settings page; false when absent. */
    public boolean editOutOfBand(String id, Consumer<ObjectNode> edit) { return store.edit(id, edit); }

    public boolean deleteOutOfBand(String id) { return store.remove(id); }

    /** Stores a connection without any API rule (an id is generated if missing); returns its id. */
    public String insertDirect(ObjectNode connection) { return store.insert(connection); }

    // ---- HTTP ----

    @Override
    protected void routes(Router router) {
        router.route().handler(this::rateLimitHeaders);
        route(router, HttpMethod.GET, "/dev-orgs.auth-connections.list").handler(devrev(this::list));
        route(router, HttpMethod.POST, "/dev-orgs.auth-connections.list").handler(devrev(this::list));
        route(router, HttpMethod.GET, "/dev-orgs.get").handler(devrev(this::getOrg));
        route(router, HttpMethod.POST, "/dev-orgs.get").handler(devrev(this::getOrg));
        route(router, HttpMethod.GET, "/dev-orgs.auth-connections.get").handler(devrev(this::get));
        route(router, HttpMethod.POST, "/dev-orgs.auth-connections.get").handler(devrev(this::get));
        route(router, HttpMethod.POST, "/dev-orgs.auth-connections.create").handler(devrev(ctx -> {
            authorize(ctx, true);
            JsonNode body = enforce("dev-org-auth-connections-create", body(ctx));
            writeJson(ctx, 201, object().set("auth_connection", store.create(body)));
        }));
        route(router, HttpMethod.POST, "/dev-orgs.auth-connections.update").handler(devrev(ctx -> {
            authorize(ctx, true);
            JsonNode body = enforce("dev-org-auth-connections-update", body(ctx));
            writeJson(ctx, 201, object().set("auth_connection", store.update(body)));
        }));
        route(router, HttpMethod.POST, "/dev-orgs.auth-connections.toggle").handler(devrev(ctx -> {
            authorize(ctx, true);
            store.toggle(enforce("dev-org-auth-connections-toggle", body(ctx)));
            writeJson(ctx, 200, object());
        }));
        route(router, HttpMethod.POST, "/dev-orgs.auth-connections.delete").handler(devrev(ctx -> {
            authorize(ctx, true);
            store.delete(enforce("dev-org-auth-connections-delete", body(ctx)));
            writeJson(ctx, 200, object());
        }));
    }

    private void list(RoutingContext ctx) {
        authorize(ctx, false);
        ObjectNode answer = object();
        store.list().forEach(answer.putArray("auth_connections")::add);
        writeJson(ctx, 200, answer);
    }

    /** {@code dev-orgs-get-response}: the token's org as an atom (id, display_id) with its display_name. */
    private void getOrg(RoutingContext ctx) {
        authorize(ctx, false);
        ObjectNode org = object().put("id", "don:identity:dvrv-us-1:devo/" + DEV_OID.substring("DEV-".length()))
                .put("display_id", DEV_OID).put("display_name", "Acme");
        writeJson(ctx, 200, object().set("dev_org", org));
    }

    private void get(RoutingContext ctx) {
        authorize(ctx, false);
        JsonNode request = body(ctx);
        if (ctx.request().method() == HttpMethod.GET) {
            ObjectNode query = object();
            ctx.queryParams().forEach(p -> query.put(p.getKey(), p.getValue()));
            request = query;
        }
        String id = enforce("dev-org-auth-connections-get", request).path("id").asText();
        if (id.isBlank()) {
            throw DevRevError.missing("id");
        }
        writeJson(ctx, 200, object().set("auth_connection", store.get(id)));
    }

    /**
     * Checks the body against the operation's request rule, the one of its {@code type} when there is one; the first
     * violation becomes DevRev's 400 of the matching subtype.
     */
    private JsonNode enforce(String operation, JsonNode body) {
        String type = body == null ? "" : body.path("type").asText("");
        String rule = !type.isEmpty() && body.path("type").isTextual() && rules.has(operation + "." + type)
                ? operation + "." + type : operation;
        List<RequestRules.Violation> violations = rules.check(rule, body == null ? object() : body);
        if (!violations.isEmpty()) {
            throw DevRevError.violation(violations.get(0), body);
        }
        return body;
    }

    private void authorize(RoutingContext ctx, boolean write) {
        String header = ctx.request().getHeader("Authorization");
        String[] parts = header == null ? new String[0] : header.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw DevRevError.unauthenticated();
        }
        if (adminTokens.contains(parts[1])) {
            return;
        }
        if (readOnlyTokens.contains(parts[1])) {
            if (write) {
                throw DevRevError.forbidden();
            }
            return;
        }
        throw DevRevError.unauthenticated();
    }

    private static JsonNode body(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.POST) {
            String type = ctx.request().getHeader("Content-Type");
            if (type == null || !type.toLowerCase().startsWith("application/json")) {
                throw DevRevError.field("parse_error", "body", "Content-Type must be application/json");
            }
        }
        try {
            String text = ctx.body().asString();
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (Exception e) {
            throw DevRevError.field("parse_error", "body", "the request body is not valid JSON");
        }
    }

    private Handler<RoutingContext> devrev(Consumer<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.accept(ctx);
            } catch (DevRevError error) {
                writeJson(ctx, error.status, error.body);
            }
        };
    }

    /** X-RateLimit-Limit/Remaining/Reset on every answer, for a fixed one-minute window. */
    private void rateLimitHeaders(RoutingContext ctx) {
        long now = clock.instant().getEpochSecond();
        int limit = rateLimit().map(r -> (int) Math.max(1, Math.round(r.perSecond() * WINDOW_SECONDS)))
                .orElse(DEFAULT_WINDOW_LIMIT);
        int remaining;
        long reset;
        synchronized (this) {
            if (now - windowStart >= WINDOW_SECONDS) {
                windowStart = now;
                windowCount = 0;
            }
            windowCount++;
            remaining = Math.max(0, limit - windowCount);
            reset = windowStart + WINDOW_SECONDS;
        }
        HttpServerResponse response = ctx.response();
        ctx.addHeadersEndHandler(v -> {
            if (!response.headers().contains("X-RateLimit-Limit") && ctx.get(NO_RATE_HEADERS) == null) {
                response.putHeader("X-RateLimit-Limit", Integer.toString(limit));
                response.putHeader("X-RateLimit-Remaining", Integer.toString(remaining));
                response.putHeader("X-RateLimit-Reset", Long.toString(reset));
            }
        });
        ctx.next();
    }

    /** DevRev's 429: retry_after in the body, Retry-After and X-RateLimit-* headers pointing at the same moment. */
    @Override
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        if (status == 429) {
            long seconds = retryAfter == null ? 1 : retryAfterSeconds(retryAfter);
            if (retryAfter == null) {
                ctx.put(NO_RATE_HEADERS, Boolean.TRUE); // a 429 without headers: only the body's retry_after
            } else {
                ctx.response().putHeader("Retry-After", Long.toString(seconds))
                        .putHeader("X-RateLimit-Limit", Integer.toString(rateLimit().map(r -> r.burst())
                                .orElse(DEFAULT_WINDOW_LIMIT)))
                        .putHeader("X-RateLimit-Remaining", "0")
                        .putHeader("X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + seconds));
            }
            DevRevError error = DevRevError.tooManyRequests(seconds);
            writeJson(ctx, 429, error.body);
            return;
        }
        DevRevError error = DevRevError.of(status);
        writeJson(ctx, status, error.body);
    }

    @Override
    protected void writeRouterError(RoutingContext ctx, int status) {
        writeJson(ctx, status, DevRevError.of(status).body);
    }
}
