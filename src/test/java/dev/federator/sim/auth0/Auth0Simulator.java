package dev.federator.sim.auth0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.RateLimit;
import dev.federator.sim.RequestRules;
import dev.federator.sim.SimulatorServer;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Auth0's Authentication API token endpoint and the Management API v2 connections endpoints, as the operator meets
 * them: client-credentials tokens for the audience {@code https://{domain}/api/v2/} carrying the granted scopes,
 * scope checks (GET hides {@code options} without read:connections_options, a PATCH with options needs
 * update:connections_options), Auth0's name rule, 409 on a duplicate name, PATCH replacing {@code options} and
 * {@code metadata} whole, option keys the server adds itself (and loses when a client PATCHes without them), 202
 * asynchronous deletes that keep the connection visible and its name taken for a while, x-ratelimit-* headers on
 * every answer and 429 when the tenant's bucket is empty, all in the error envelope {statusCode, error, message,
 * errorCode}. Request bodies must pass the request rules written from Auth0's OpenAPI ({@link RequestRules}); like a
 * tenant migrated to the connection-clients endpoints it refuses {@code enabled_clients} on POST/PATCH, never returns
 * it, and keeps application assignment behind {@code GET/PATCH /connections/{id}/clients}; a PATCH without
 * {@code display_name} resets it to the name.
 */
public final class Auth0Simulator extends SimulatorServer<Auth0Simulator> {
    public static final List<String> ALL_SCOPES = List.of("read:connections", "create:connections",
            "update:connections", "delete:connections", "read:connections_options", "update:connections_options");
    private static final Set<String> STRATEGIES = Set.of("oidc", "samlp", "waad", "okta", "google-apps");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DEFAULT_LIMIT = 50;

    private record Client(String secret, Set<String> scopes) {}

    private record Token(Set<String> scopes, Instant expiresAt) {}

    /** A connection being deleted: visible until {@code visibleUntil}, its name taken until {@code heldUntil}. */
    private record Deletion(Instant visibleUntil, Instant heldUntil) {}

    private final String domain;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final java.util.Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> connections = new LinkedHashMap<>();
    private final Map<String, Deletion> deletions = new LinkedHashMap<>();
    /** Per connection id, the applications it is enabled for (what GET /connections/{id}/clients lists). */
    private final Map<String, Set<String>> enabledClients = new LinkedHashMap<>();
    /** Applications of the tenant besides the machine-to-machine ones, which a connection can be enabled for. */
    private final Set<String> applications = ConcurrentHashMap.newKeySet();
    private final RequestRules rules = new RequestRules("auth0");
    private volatile Duration tokenLifetime = Duration.ofHours(24);
    private volatile Duration deletionVisible = Duration.ofMillis(500);
    private volatile Duration deletionHeld = Duration.ofMillis(500);
    private volatile Clock clock = Clock.systemUTC();

    /** @param domain the tenant domain: tokens are issued for the audience https://{domain}/api/v2/ only */
    public Auth0Simulator(String domain) {
        this.domain = domain;
    }

    // ---- configuration ----

    /** A machine-to-machine application authorised for the Management API with {@code scopes}. */
    public Auth0Simulator withClient(String clientId, String secret, Iterable<String> scopes) {
        clients.put(clientId, new Client(secret, Set.copyOf(toList(scopes))));
        return this;
    }

    /** An application that exists but has no client grant for the Management API. */
    public Auth0Simulator withUnauthorizedClient(String clientId, String secret) {
        clients.put(clientId, new Client(secret, null));
        return this;
    }

    /** An application (client id) of the tenant that connections can be enabled for. */
    public Auth0Simulator withApplication(String clientId) {
        applications.add(clientId);
        return this;
    }

    public Auth0Simulator withTokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    /** After a DELETE the connection stays visible for {@code visible}, then its name stays taken for {@code held}. */
    public Auth0Simulator withDeletionDelay(Duration visible, Duration held) {
        this.deletionVisible = visible;
        this.deletionHeld = held;
        return this;
    }

    public Auth0Simulator withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    // ---- test accessors (out of band: not recorded, no faults, no rate limit) ----

    public String domain() { return domain; }

    public void expireTokens() { tokens.clear(); }

    /** Every access token issued so far, expired ones included (the secret scan looks for them). */
    public java.util.Set<String> issuedTokens() { return java.util.Set.copyOf(issuedTokens); }

    /** The stored connection with options (client secret included), whether or not it is being deleted. */
    public synchronized Optional<ObjectNode> connection(String name) {
        sweep();
        return connections.values().stream().filter(c -> name.equals(c.path("name").asText()))
                .findFirst().map(ObjectNode::deepCopy);
    }

    public synchronized List<ObjectNode> connections() {
        sweep();
        return connections.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The request rules every body is checked against, with the record of each check. */
    public RequestRules rules() { return rules; }

    /** The applications the named connection is enabled for, as the clients endpoint holds them. */
    public synchronized Set<String> enabledClients(String name) {
        return connections.values().stream().filter(c -> name.equals(c.path("name").asText())).findFirst()
                .map(c -> Set.copyOf(enabledClients.getOrDefault(c.path("id").asText(), Set.of()))).orElse(Set.of());
    }

    /** Enables or disables the connection for an application as the dashboard would; false when absent. */
    public synchronized boolean assignOutOfBand(String name, String clientId, boolean enabled) {
        Optional<String> id = connections.values().stream().filter(c -> name.equals(c.path("name").asText()))
                .findFirst().map(c -> c.path("id").asText());
        id.ifPresent(i -> assign(i, clientId, enabled));
        return id.isPresent();
    }

    public synchronized boolean deleting(String name) {
        sweep();
        return connections.values().stream().anyMatch(c -> name.equals(c.path("name").asText())
                && deletions.containsKey(c.path("id").asText()));
    }

    /** Changes a stored connection as if someone used the dashboard; false when absent. */
    public synchronized boolean editOutOfBand(String name, Consumer<ObjectNode> edit) {
        Optional<ObjectNode> found = connections.values().stream()
                .filter(c -> name.equals(c.path("name").asText())).findFirst();
        found.ifPresent(edit);
        return found.isPresent();
    }

    /** Removes a connection at once, as if deleted in the dashboard long ago; false when absent. */
    public synchronized boolean deleteOutOfBand(String name) {
        return connections.values().removeIf(c -> name.equals(c.path("name").asText()));
    }

    /** Stores a connection as a POST would, without validation or scopes; returns what was stored. */
    public synchronized ObjectNode putDirect(ObjectNode connection) {
        ObjectNode stored = stored(connection.deepCopy(), null);
        connections.put(stored.path("id").asText(), stored);
        return stored.deepCopy();
    }

    // ---- HTTP ----

    @Override
    protected void routes(Router router) {
        route(router, HttpMethod.POST, "/oauth/token").handler(auth0(this::token));
        route(router, HttpMethod.GET, "/api/v2/connections").handler(auth0(this::list));
        route(router, HttpMethod.POST, "/api/v2/connections").handler(auth0(this::create));
        route(router, HttpMethod.GET, "/api/v2/connections/:id").handler(auth0(this::get));
        route(router, HttpMethod.PATCH, "/api/v2/connections/:id").handler(auth0(this::patch));
        route(router, HttpMethod.DELETE, "/api/v2/connections/:id").handler(auth0(this::delete));
        route(router, HttpMethod.GET, "/api/v2/connections/:id/clients").handler(auth0(this::clients));
        route(router, HttpMethod.PATCH, "/api/v2/connections/:id/clients").handler(auth0(this::patchClients));
    }

    /** Auth0 answers a 429 with the three x-ratelimit-* headers (reset in epoch seconds) and its envelope. */
    @Override
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        if (retryAfter != null) {
            Instant reset = clock.instant().plus(retryAfter);
            ctx.response().putHeader("x-ratelimit-limit", Integer.toString(limit()))
                    .putHeader("x-ratelimit-remaining", "0")
                    .putHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()
                            + (reset.getNano() > 0 ? 1 : 0)));
        }
        String error = reason(status);
        Auth0Error answer = status == 429
                ? Auth0Error.of(429, error, "Global limit has been reached", "too_many_requests")
                : Auth0Error.of(status, error, error, null);
        writeJson(ctx, answer.status, answer.body);
    }

    @Override
    protected void writeRouterError(RoutingContext ctx, int status) {
        Auth0Error answer = Auth0Error.of(status, reason(status), reason(status), null);
        writeJson(ctx, status, answer.body);
    }

    private int limit() { return rateLimit().map(RateLimit::burst).orElse(DEFAULT_LIMIT); }

    private void rateHeaders(RoutingContext ctx) {
        int remaining = rateLimit().map(RateLimit::available).orElse(DEFAULT_LIMIT);
        Duration untilFull = rateLimit().map(RateLimit::untilFull).orElse(Duration.ZERO);
        ctx.response().putHeader("x-ratelimit-limit", Integer.toString(limit()))
                .putHeader("x-ratelimit-remaining", Integer.toString(remaining))
                .putHeader("x-ratelimit-reset", Long.toString(clock.instant().plus(untilFull).getEpochSecond()
                        + (untilFull.isZero() ? 0 : 1)));
    }

    private void token(RoutingContext ctx) {
        JsonNode form = formOrJson(ctx);
        if (!"client_credentials".equals(form.path("grant_type").asText())) {
            throw Auth0Error.oauth(403, "unsupported_grant_type", "Unsupported grant type: "
                    + form.path("grant_type").asText(""));
        }
        Client client = clients.get(form.path("client_id").asText(""));
        if (client == null || !Objects.equals(client.secret(), form.path("client_secret").asText(null))) {
            throw Auth0Error.oauth(401, "access_denied", "Unauthorized");
        }
        String audience = form.path("audience").asText("");
        String expected = "https://" + domain + "/api/v2/";
        if (!audience.equals(expected)) {
            throw Auth0Error.oauth(403, "access_denied", "Service not enabled within domain: " + audience);
        }
        if (client.scopes() == null) {
            throw Auth0Error.oauth(403, "access_denied", "Client is not authorized to access \"" + expected
                    + "\". You need to create a \"client-grant\" associated to this API.");
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = "sim." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, new Token(client.scopes(), clock.instant().plus(tokenLifetime)));
        issuedTokens.add(token);
        ObjectNode answer = object().put("access_token", token).put("scope", String.join(" ", client.scopes()))
                .put("expires_in", tokenLifetime.toSeconds()).put("token_type", "Bearer");
        writeJson(ctx, 200, answer);
    }

    private static JsonNode formOrJson(RoutingContext ctx) {
        String type = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("");
        if (type.startsWith("application/json")) {
            try {
                return JSON.readTree(ctx.body().asString());
            } catch (Exception e) {
                throw Auth0Error.oauth(400, "invalid_request", "Invalid JSON body");
            }
        }
        MultiMap attributes = ctx.request().formAttributes();
        ObjectNode form = object();
        attributes.forEach(e -> form.put(e.getKey(), e.getValue()));
        return form;
    }

    private Set<String> authorize(RoutingContext ctx, String scope) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Auth0Error.unauthorized("Missing authentication");
        }
        Token token = tokens.get(header.substring(7).trim());
        if (token == null) {
            throw Auth0Error.unauthorized("Invalid token");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw Auth0Error.unauthorized("Expired token received for JSON Web Token validation");
        }
        if (!token.scopes().contains(scope)) {
            throw Auth0Error.insufficientScope(scope);
        }
        return token.scopes();
    }

    private synchronized void list(RoutingContext ctx) {
        Set<String> scopes = authorize(ctx, "read:connections");
        sweep();
        List<String> strategies = ctx.queryParam("strategy");
        String name = ctx.request().getParam("name");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode c : visible()) {
            if ((strategies.isEmpty() || strategies.contains(c.path("strategy").asText()))
                    && (name == null || name.equals(c.path("name").asText()))) {
                matching.add(forRead(c, scopes, ctx));
            }
        }
        String take = ctx.request().getParam("take");
        String from = ctx.request().getParam("from");
        if (take != null || from != null) {
            int size = intParam(ctx, "take", 50, 1, 100);
            int start = 0;
            if (from != null) {
                start = -1;
                for (int i = 0; i < matching.size(); i++) {
                    if (from.equals(matching.get(i).path("id").asText())) {
                        start = i;
                    }
                }
                if (start < 0) {
                    throw Auth0Error.of(400, "Bad Request", "Invalid value for from", "invalid_query_string");
                }
            }
            ObjectNode page = object();
            ArrayNode items = page.putArray("connections");
            matching.stream().skip(start).limit(size).forEach(items::add);
            if (start + size < matching.size()) {
                page.put("next", matching.get(start + size).path("id").asText());
            }
            ok(ctx, 200, page);
            return;
        }
        int perPage = intParam(ctx, "per_page", 50, 1, 100);
        int pageNo = intParam(ctx, "page", 0, 0, Integer.MAX_VALUE);
        ArrayNode items = JSON.createArrayNode();
        matching.stream().skip((long) pageNo * perPage).limit(perPage).forEach(items::add);
        if (Boolean.parseBoolean(ctx.request().getParam("include_totals"))) {
            ObjectNode page = object().put("start", pageNo * perPage).put("limit", perPage)
                    .put("total", matching.size());
            page.set("connections", items);
            ok(ctx, 200, page);
        } else {
            ok(ctx, 200, items);
        }
    }

    private synchronized void get(RoutingContext ctx) {
        Set<String> scopes = authorize(ctx, "read:connections");
        ok(ctx, 200, forRead(visibleById(ctx.pathParam("id")), scopes, ctx));
    }

    private synchronized void create(RoutingContext ctx) {
        Set<String> scopes = authorize(ctx, "create:connections");
        ObjectNode body = (ObjectNode) enforce("post_connections", jsonBody(ctx));
        String name = body.path("name").asText();
        String strategy = body.path("strategy").asText();
        if (!STRATEGIES.contains(strategy)) {
            // Valid for Auth0, but not a strategy this simulator (or Federator) knows how to hold.
            throw Auth0Error.badRequest("No enum match for: " + strategy + " on property strategy");
        }
        validateOptions(strategy, body.path("options"));
        sweep();
        boolean taken = connections.values().stream().anyMatch(c -> name.equals(c.path("name").asText()));
        if (taken) {
            throw Auth0Error.conflict();
        }
        ObjectNode stored = stored(body, null);
        connections.put(stored.path("id").asText(), stored);
        ok(ctx, 201, forRead(stored, scopes, ctx));
    }

    private synchronized void patch(RoutingContext ctx) {
        Set<String> scopes = authorize(ctx, "update:connections");
        ObjectNode existing = visibleById(ctx.pathParam("id"));
        ObjectNode body = (ObjectNode) enforce("patch_connections_by_id", jsonBody(ctx));
        if (body.has("options") && !scopes.contains("update:connections_options")) {
            throw Auth0Error.insufficientScope("update:connections_options");
        }
        if (body.has("options")) {
            validateOptions(existing.path("strategy").asText(), body.path("options"));
        }
        ObjectNode previous = existing.deepCopy();
        // Every top-level field sent replaces the stored one whole: options and metadata included.
        body.fields().forEachRemaining(e -> existing.set(e.getKey(), e.getValue()));
        if (!body.has("display_name")) {
            // UpdateConnectionRequestContent: "If display_name is not included in the request, the field will be
            // overwritten with the name value."
            existing.put("display_name", existing.path("name").asText());
        }
        if (body.has("options")) {
            serverManaged(existing, previous);
        }
        ok(ctx, 200, forRead(existing, scopes, ctx));
    }

    private synchronized void delete(RoutingContext ctx) {
        authorize(ctx, "delete:connections");
        sweep();
        ObjectNode existing = connections.get(ctx.pathParam("id"));
        if (existing == null || existing.path("_deleting").asBoolean()) {
            ctx.response().setStatusCode(204).end(); // "The connection no longer exists."
            return;
        }
        String id = existing.path("id").asText();
        Instant now = clock.instant();
        deletions.putIfAbsent(id, new Deletion(now.plus(deletionVisible), now.plus(deletionVisible).plus(deletionHeld)));
        ctx.response().setStatusCode(202).end(); // "The connection is being deleted.", no documented body
    }

    /** GET /connections/{id}/clients: checkpoint paging with take (1-1000, default 50) and from. */
    private synchronized void clients(RoutingContext ctx) {
        authorize(ctx, "read:connections");
        String id = visibleById(ctx.pathParam("id")).path("id").asText();
        List<String> all = new ArrayList<>(enabledClients.getOrDefault(id, Set.of()));
        int take = intParam(ctx, "take", 50, 1, 1000);
        String from = ctx.request().getParam("from");
        int start = from == null ? 0 : all.indexOf(from);
        if (start < 0) {
            throw Auth0Error.of(400, "Bad Request", "Invalid value for from", "invalid_query_string");
        }
        ObjectNode page = object();
        ArrayNode items = page.putArray("clients");
        all.stream().skip(start).limit(take).forEach(c -> items.addObject().put("client_id", c));
        if (start + take < all.size()) {
            page.put("next", all.get(start + take));
        }
        ok(ctx, 200, page);
    }

    /** PATCH /connections/{id}/clients: a list of {client_id, status}; 404 for an application the tenant lacks. */
    private synchronized void patchClients(RoutingContext ctx) {
        authorize(ctx, "update:connections");
        String id = visibleById(ctx.pathParam("id")).path("id").asText();
        JsonNode body = enforce("patch_clients", anyJsonBody(ctx));
        for (JsonNode change : body) {
            String client = change.path("client_id").asText();
            if (!applications.contains(client) && !clients.containsKey(client)) {
                throw Auth0Error.of(404, "Not Found", "The client does not exist", "inexistent_client");
            }
        }
        body.forEach(change -> assign(id, change.path("client_id").asText(), change.path("status").asBoolean()));
        ctx.response().setStatusCode(204).end();
    }

    private void assign(String connectionId, String clientId, boolean enabled) {
        Set<String> assigned = enabledClients.computeIfAbsent(connectionId, k -> new java.util.LinkedHashSet<>());
        if (enabled) {
            assigned.add(clientId);
        } else {
            assigned.remove(clientId);
        }
    }

    // ---- state ----

    private ObjectNode stored(ObjectNode body, ObjectNode previous) {
        String id = body.path("id").asText("");
        if (id.isEmpty()) {
            byte[] raw = new byte[8];
            RANDOM.nextBytes(raw);
            id = "con_" + HexFormat.of().formatHex(raw);
        }
        ObjectNode stored = object().put("id", id);
        stored.setAll(body);
        stored.put("id", id);
        if (!stored.has("display_name")) {
            stored.put("display_name", stored.path("name").asText());
        }
        if (!stored.has("is_domain_connection")) {
            stored.put("is_domain_connection", false);
        }
        if (!stored.has("realms")) {
            stored.putArray("realms").add(stored.path("name").asText());
        }
        if (!stored.path("options").isObject()) {
            stored.putObject("options");
        }
        serverManaged(stored, previous);
        return stored;
    }

    /**
     * Adds the option keys Auth0 computes itself. They are recomputed when their input changes; a PATCH that leaves
     * the input alone but omits them loses them, as a careless client would make Auth0 do.
     */
    private void serverManaged(ObjectNode connection, ObjectNode previous) {
        ObjectNode options = (ObjectNode) connection.path("options");
        JsonNode before = previous == null ? object() : previous.path("options");
        switch (connection.path("strategy").asText()) {
            case "samlp" -> {
                String cert = options.path("signingCert").asText("");
                if (!cert.isEmpty() && !cert.equals(before.path("signingCert").asText(""))) {
                    options.putArray("thumbprints").add(sha1(cert));
                    options.put("cert", "-----BEGIN CERTIFICATE-----\n" + cert + "\n-----END CERTIFICATE-----\n");
                }
            }
            case "oidc", "okta" -> {
                String issuer = options.path("issuer").asText(options.path("domain").isTextual()
                        ? "https://" + options.path("domain").asText() : "");
                String source = options.path("discovery_url").asText("") + issuer;
                String old = before.path("discovery_url").asText("") + before.path("issuer").asText(
                        before.path("domain").isTextual() ? "https://" + before.path("domain").asText() : "");
                if (!issuer.isEmpty() && (previous == null || !source.equals(old))) {
                    ObjectNode metadata = options.putObject("oidc_metadata").put("issuer", issuer)
                            .put("authorization_endpoint", issuer + "/authorize")
                            .put("token_endpoint", issuer + "/token").put("jwks_uri", issuer + "/keys");
                    metadata.putArray("response_types_supported").add("code");
                }
            }
            case "waad" -> {
                if (previous == null) {
                    options.putArray("thumbprints").add(sha1(options.path("domain").asText("")));
                    options.put("app_domain", domain);
                }
            }
            case "google-apps" -> {
                if (previous == null) {
                    options.put("admin_access_token", "ya29.sim-" + HexFormat.of().formatHex(random(6)));
                    options.put("admin_refresh_token", "1//sim-" + HexFormat.of().formatHex(random(6)));
                    options.put("admin_access_token_expiresin", clock.instant().plusSeconds(3600).toString());
                }
            }
            default -> { }
        }
    }

    private static byte[] random(int n) {
        byte[] raw = new byte[n];
        RANDOM.nextBytes(raw);
        return raw;
    }

    private static String sha1(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(value.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends deletions whose time is up: first the connection disappears, then its name becomes free. */
    private void sweep() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Deletion>> it = deletions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Deletion> e = it.next();
            ObjectNode c = connections.get(e.getKey());
            if (c != null && !now.isBefore(e.getValue().visibleUntil()) && !c.path("_deleting").asBoolean()) {
                c.put("_deleting", true);
            }
            if (!now.isBefore(e.getValue().heldUntil())) {
                connections.remove(e.getKey());
                it.remove();
            }
        }
    }

    private List<ObjectNode> visible() {
        return connections.values().stream().filter(c -> !c.path("_deleting").asBoolean()).toList();
    }

    private ObjectNode visibleById(String id) {
        sweep();
        ObjectNode c = connections.get(id);
        if (c == null || c.path("_deleting").asBoolean()) {
            throw Auth0Error.notFound();
        }
        return c;
    }

    /** Without read:connections_options Auth0 leaves options out; {@code fields} narrows the answer. */
    private static ObjectNode forRead(ObjectNode stored, Set<String> scopes, RoutingContext ctx) {
        ObjectNode copy = stored.deepCopy();
        copy.remove("_deleting");
        if (!scopes.contains("read:connections_options")) {
            copy.remove("options");
        }
        String fields = ctx.request().getParam("fields");
        if (fields != null && !fields.isBlank()) {
            boolean include = !"false".equals(ctx.request().getParam("include_fields"));
            Set<String> named = Set.of(fields.split(","));
            copy.retain(new ArrayList<>(copy.properties().stream().map(Map.Entry::getKey)
                    .filter(f -> named.contains(f) == include).toList()));
        }
        return copy;
    }

    // ---- validation ----

    private static ObjectNode jsonBody(RoutingContext ctx) {
        JsonNode node = anyJsonBody(ctx);
        if (node.isObject()) {
            return (ObjectNode) node;
        }
        throw Auth0Error.badRequest("Expected type object but found type " + node.getNodeType().name().toLowerCase());
    }

    private static JsonNode anyJsonBody(RoutingContext ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body().asString());
            if (node != null) {
                return node;
            }
        } catch (Exception ignored) {
            // falls through to the envelope below
        }
        throw Auth0Error.of(400, "Bad Request", "Invalid request payload JSON format", null);
    }

    /** Checks the body against the operation's request rule; the first violation is Auth0's payload validation 400. */
    private JsonNode enforce(String rule, JsonNode body) {
        List<RequestRules.Violation> violations = rules.check(rule, body);
        if (!violations.isEmpty()) {
            throw Auth0Error.badRequest(payloadMessage(violations.get(0)));
        }
        return body;
    }

    /** In the words of Auth0's payload validation (e.g. "Additional properties not allowed: enabled_clients"). */
    private static String payloadMessage(RequestRules.Violation v) {
        String on = v.field().isEmpty() ? "" : " on property " + v.field();
        return switch (v.keyword()) {
            case "additionalProperties" -> "Additional properties not allowed: " + v.property()
                    + (v.field().contains(".") ? " on property " + v.field().substring(0, v.field().lastIndexOf('.')) : "");
            case "required" -> "Missing required property: " + v.property()
                    + (v.field().contains(".") ? " on property " + v.field().substring(0, v.field().lastIndexOf('.')) : "");
            case "enum" -> "No enum match" + on;
            case "pattern" -> "String does not match pattern" + on;
            case "type" -> "Invalid type" + on;
            case "maxProperties" -> "Too many properties defined" + on;
            default -> v.keyword() + " validation failed" + on;
        };
    }

    private static void validateOptions(String strategy, JsonNode options) {
        if (options.isMissingNode()) {
            return;
        }
        if (!options.isObject()) {
            throw Auth0Error.badRequest("Expected type object on property options");
        }
        List<String> required = switch (strategy) {
            case "samlp" -> List.of("signInEndpoint");
            case "okta", "waad", "google-apps" -> List.of("client_id", "domain");
            default -> List.of("client_id");
        };
        for (String field : required) {
            if (!options.path(field).isTextual() || options.path(field).asText().isEmpty()) {
                throw Auth0Error.badRequest("Missing required property: " + field + " on property options");
            }
        }
        if ("back_channel".equals(options.path("type").asText()) && !options.path("client_secret").isTextual()) {
            throw Auth0Error.badRequest("options.client_secret is required when options.type is back_channel");
        }
        if (options.has("domain_aliases") && !options.path("domain_aliases").isArray()) {
            throw Auth0Error.badRequest("Expected type array on property options.domain_aliases");
        }
    }

    private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw Auth0Error.of(400, "Bad Request", "Query validation error: 'Invalid value for " + name + "'",
                    "invalid_query_string");
        }
    }

    private Handler<RoutingContext> auth0(Consumer<RoutingContext> handler) {
        return ctx -> {
            rateHeaders(ctx);
            try {
                handler.accept(ctx);
            } catch (Auth0Error error) {
                writeJson(ctx, error.status, error.body);
            }
        };
    }

    private static void ok(RoutingContext ctx, int status, Object body) { writeJson(ctx, status, body); }

    private static List<String> toList(Iterable<String> values) {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
