package dev.federator.sim.slashid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.RequestRules;
import dev.federator.sim.SimulatorServer;
import dev.federator.provider.slashid.GoDuration;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SlashID's SSO provider-credential API as vendors.md describes it: SlashID-API-Key and SlashID-OrgID on every call,
 * the {result, meta, errors:[{httpcode, message}]} envelope, OIDC credentials keyed by the IdP client_id (create
 * answers 201 without a result; PATCH and DELETE answer 200 with {meta, errors}; a read has no id and no secret), SAML
 * credentials with server ids, write-only client_secret (and Apple private key),
 * validated consistency headers on every write, and a mode that answers 408 but applies the write later.
 */
public final class SlashIdSimulator extends SimulatorServer<SlashIdSimulator> {
    public static final String OIDC = "/organizations/sso/oidc/provider-credentials";
    public static final String SAML = "/organizations/sso/saml/provider-credentials";
    static final Set<String> PROVIDERS = Set.of("google", "github", "bitbucket", "gitlab", "facebook", "line",
            "azuread", "okta", "apple");
    private static final Set<String> OIDC_FIELDS = Set.of("client_id", "client_secret", "provider", "label",
            "external_cred_id", "enable_in_slashid_oidc_authz_server", "options");
    /** OAuthCredentialPatchRequest: no client_id, no provider (SlashID's OpenAPI). */
    private static final Set<String> OIDC_PATCH_FIELDS = Set.of("client_secret", "label", "external_cred_id",
            "enable_in_slashid_oidc_authz_server", "options");
    /** OAuthAppleProviderOptions: required, with secret_lifetime a Go duration of 5 minutes to 15,777,000 s. */
    private static final List<String> APPLE_REQUIRED = List.of("private_key", "team_id", "key_id", "secret_lifetime");
    private static final Duration APPLE_MIN_LIFETIME = Duration.ofMinutes(5);
    private static final Duration APPLE_MAX_LIFETIME = Duration.ofSeconds(15_777_000);
    private static final Set<String> SAML_FIELDS = Set.of("idp_metadata_url", "label", "email_claims");

    /** Request rules: the operation ids of SlashID's OpenAPI document. */
    static final String OIDC_CREATE = "PostOrganizationsSsoOidcProviderCredentials";
    static final String OIDC_PATCH = "PatchOrganizationsSsoOidcProviderCredentialsOauthClientId";
    static final String SAML_CREATE = "PostOrganizationsSamlProviderCredentials";
    static final String SAML_PATCH = "PatchOrganizationsSsoSamlProviderCredentialsSamlProviderCredentialsId";
    private final RequestRules rules = new RequestRules("slashid");
    private final String orgId;
    private final String apiKey;
    private final Map<String, ObjectNode> oidc = new LinkedHashMap<>();
    private final Map<String, String> oidcSecrets = new LinkedHashMap<>();
    private final Map<String, ObjectNode> saml = new LinkedHashMap<>();
    /** The Apple private key of the write being applied (handed from option validation to the store). */
    private static final ThreadLocal<String> APPLE_KEYS = new ThreadLocal<>();
    private final Map<String, String> appleKeys = new LinkedHashMap<>();
    private final AtomicInteger timeouts = new AtomicInteger();
    private volatile Duration timeoutApplyAfter = Duration.ZERO;
    private volatile boolean requireConsistency = true;
    private volatile String lastConsistency;
    private volatile String lastConsistencyTimeout;

    public SlashIdSimulator(String orgId, String apiKey) {
        this.orgId = orgId;
        this.apiKey = apiKey;
    }

    // ---- test accessors ----

    /** The next {@code n} writes answer 408 (consistency not reached) but are applied {@code applyAfter} later. */
    public SlashIdSimulator timeoutNextWrites(int n, Duration applyAfter) {
        timeoutApplyAfter = applyAfter;
        timeouts.set(n);
        return this;
    }

    /** With false, writes without the consistency headers are accepted (the real API defaults them). */
    public SlashIdSimulator requireConsistencyHeaders(boolean required) {
        this.requireConsistency = required;
        return this;
    }

    public synchronized Map<String, ObjectNode> oidcCredentials() {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        oidc.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    public synchronized Map<String, ObjectNode> samlCredentials() {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        saml.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    /** The stored client secret, which the API never returns. */
    public synchronized Optional<String> clientSecret(String clientId) { return Optional.ofNullable(oidcSecrets.get(clientId)); }

    /** The stored Apple private key, which the API never returns. */
    public synchronized Optional<String> applePrivateKey(String clientId) { return Optional.ofNullable(appleKeys.get(clientId)); }

    /** Out-of-band edit, as someone in the SlashID console would make it. */
    public synchronized void editOidc(String clientId, String field, JsonNode value) { oidc.get(clientId).set(field, value); }

    public synchronized void insertOidc(ObjectNode credential, String secret) {
        oidc.put(credential.path("client_id").asText(), credential.deepCopy());
        oidcSecrets.put(credential.path("client_id").asText(), secret);
    }

    public synchronized void deleteOidcOutOfBand(String clientId) {
        oidc.remove(clientId);
        oidcSecrets.remove(clientId);
    }

    /** The request rules every body is checked against, with the record of each check. */
    public RequestRules rules() { return rules; }

    public String lastConsistency() { return lastConsistency; }

    public String lastConsistencyTimeout() { return lastConsistencyTimeout; }

    // ---- routes ----

    @Override
    protected void routes(Router router) {
        route(router, HttpMethod.GET, OIDC).handler(ctx -> read(ctx, () -> listOidc(ctx.queryParams().get("oauth_provider"))));
        route(router, HttpMethod.POST, OIDC).handler(ctx -> write(ctx, OIDC_CREATE, body -> createOidc(body)));
        route(router, HttpMethod.GET, OIDC + "/:id").handler(ctx -> read(ctx, () -> getOidc(ctx.pathParam("id"))));
        route(router, HttpMethod.PATCH, OIDC + "/:id").handler(ctx -> write(ctx, OIDC_PATCH, body -> patchOidc(ctx.pathParam("id"), body)));
        route(router, HttpMethod.DELETE, OIDC + "/:id").handler(ctx -> write(ctx, null, body -> deleteOidc(ctx.pathParam("id"))));
        route(router, HttpMethod.GET, SAML).handler(ctx -> read(ctx, this::listSaml));
        route(router, HttpMethod.POST, SAML).handler(ctx -> write(ctx, SAML_CREATE, this::createSaml));
        route(router, HttpMethod.GET, SAML + "/:id").handler(ctx -> read(ctx, () -> getSaml(ctx.pathParam("id"))));
        route(router, HttpMethod.PATCH, SAML + "/:id").handler(ctx -> write(ctx, SAML_PATCH, body -> patchSaml(ctx.pathParam("id"), body)));
        route(router, HttpMethod.DELETE, SAML + "/:id").handler(ctx -> write(ctx, null, body -> deleteSaml(ctx.pathParam("id"))));
    }

    record Answer(int status, JsonNode result) {}

    static final class Failure extends RuntimeException {
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private interface Write { Answer apply(JsonNode body); }

    private interface Read { Answer get(); }

    private boolean authorized(RoutingContext ctx) {
        String key = ctx.request().getHeader("SlashID-API-Key");
        String org = ctx.request().getHeader("SlashID-OrgID");
        if (key == null || org == null) {
            error(ctx, 400, "the SlashID-API-Key and SlashID-OrgID headers are required");
            return false;
        }
        if (!org.equals(orgId)) {
            error(ctx, 403, "the API key is not valid for organization " + org);
            return false;
        }
        if (!key.equals(apiKey)) {
            error(ctx, 401, "invalid API key");
            return false;
        }
        return true;
    }

    private void read(RoutingContext ctx, Read read) {
        if (!authorized(ctx)) {
            return;
        }
        try {
            Answer answer;
            synchronized (this) {
                answer = read.get();
            }
            answer(ctx, answer);
        } catch (Failure f) {
            error(ctx, f.status, f.getMessage());
        }
    }

    /** @param rule the request rule the body must pass (null for a write without a body) */
    private void write(RoutingContext ctx, String rule, Write write) {
        if (!authorized(ctx)) {
            return;
        }
        String consistency = ctx.request().getHeader("SlashID-Required-Consistency");
        String timeout = ctx.request().getHeader("SlashID-Required-Consistency-Timeout");
        if (requireConsistency && (consistency == null || timeout == null)) {
            error(ctx, 400, "writes must carry SlashID-Required-Consistency and SlashID-Required-Consistency-Timeout "
                    + "(simulator strict mode)");
            return;
        }
        if (consistency != null && !consistency.equals("local_region") && !consistency.equals("all_regions")) {
            error(ctx, 400, "SlashID-Required-Consistency must be local_region or all_regions");
            return;
        }
        if (timeout != null) {
            int seconds;
            try {
                seconds = Integer.parseInt(timeout);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > 120) {
                error(ctx, 400, "SlashID-Required-Consistency-Timeout must be 1-120 seconds");
                return;
            }
        }
        lastConsistency = consistency;
        lastConsistencyTimeout = timeout;
        JsonNode body;
        try {
            String text = ctx.body().asString();
            body = text == null || text.isBlank() ? object() : JSON.readTree(text);
        } catch (Exception e) {
            error(ctx, 400, "the body is not JSON");
            return;
        }
        if (rule != null) {
            List<RequestRules.Violation> violations = rules.check(rule, body);
            if (!violations.isEmpty()) {
                RequestRules.Violation v = violations.get(0);
                error(ctx, 400, (v.field().isEmpty() ? "request body" : v.field()) + ": " + v.keyword()
                        + " rule of the API schema not met");
                return;
            }
        }
        if (timeouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The consistency deadline passed: the caller cannot know; the write lands later anyway.
            vertx().setTimer(Math.max(1, timeoutApplyAfter.toMillis()), t -> {
                synchronized (this) {
                    try {
                        write.apply(body);
                    } catch (Failure ignored) {
                        // a delayed write that fails is simply lost, as on the real service
                    }
                }
            });
            error(ctx, 408, "the required consistency was not reached in time; the write may still be applied");
            return;
        }
        try {
            Answer answer;
            synchronized (this) {
                answer = write.apply(body);
            }
            answer(ctx, answer);
        } catch (Failure f) {
            error(ctx, f.status, f.getMessage());
        }
    }

    /** 204 without a body; 200 without a result is APIResponseBase, {meta, errors} (OIDC PATCH and DELETE). */
    private static void answer(RoutingContext ctx, Answer answer) {
        if (answer.result() == null && answer.status() == 200) {
            ObjectNode base = object();
            base.putObject("meta");
            base.putArray("errors");
            writeJson(ctx, 200, base);
        } else if (answer.result() == null) {
            ctx.response().setStatusCode(answer.status()).end();
        } else {
            writeJson(ctx, answer.status(), object().<ObjectNode>set("result", answer.result())
                    .set("meta", object()));
        }
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ObjectNode body = object();
        body.putArray("errors").addObject().put("httpcode", status).put("message", message);
        writeJson(ctx, status, body);
    }

    @Override
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        if (retryAfter != null) {
            ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
        }
        error(ctx, status, reason(status));
    }

    @Override
    protected void writeRouterError(RoutingContext ctx, int status) { error(ctx, status, reason(status)); }

    // ---- OIDC ----

    private Answer listOidc(String provider) {
        ArrayNode list = JSON.createArrayNode();
        oidc.values().stream().filter(c -> provider == null || provider.equals(c.path("provider").asText()))
                .forEach(c -> list.add(c.deepCopy()));
        return new Answer(200, list);
    }

    private Answer getOidc(String clientId) { return new Answer(200, existingOidc(clientId).deepCopy()); }

    private ObjectNode existingOidc(String clientId) {
        return existing(oidc, clientId, "no OIDC provider credentials with client id " + clientId);
    }

    private static ObjectNode existing(Map<String, ObjectNode> store, String id, String notFound) {
        ObjectNode found = store.get(id);
        if (found == null) {
            throw new Failure(404, notFound);
        }
        return found;
    }

    private Answer createOidc(JsonNode body) {
        onlyFields(body, OIDC_FIELDS);
        String clientId = requiredText(body, "client_id");
        String provider = requiredText(body, "provider");
        if (!PROVIDERS.contains(provider)) {
            throw new Failure(400, "provider must be one of " + PROVIDERS);
        }
        String secret = requiredText(body, "client_secret"); // required for every provider, Apple included
        if (oidc.containsKey(clientId)) {
            // not documented by SlashID (assumed): a second set for the same client id is refused
            throw new Failure(409, "OIDC provider credentials with client id " + clientId + " already exist");
        }
        // OAuthCredentialGetResponse has no id and no client_secret: nothing else is stored on the read side.
        ObjectNode stored = object().put("client_id", clientId).put("provider", provider);
        stored.put("label", body.path("label").asText(""));
        if (body.hasNonNull("external_cred_id")) {
            stored.put("external_cred_id", body.path("external_cred_id").asText());
        }
        stored.put("enable_in_slashid_oidc_authz_server", body.path("enable_in_slashid_oidc_authz_server").asBoolean(false));
        APPLE_KEYS.remove();
        stored.set("options", options(provider, body.path("options"), object()));
        keepAppleKey(clientId);
        oidc.put(clientId, stored);
        oidcSecrets.put(clientId, secret);
        return new Answer(201, null);
    }

    private Answer patchOidc(String clientId, JsonNode body) {
        ObjectNode stored = existingOidc(clientId);
        onlyFields(body, OIDC_PATCH_FIELDS);
        ObjectNode next = stored.deepCopy();
        for (String f : List.of("label", "external_cred_id", "enable_in_slashid_oidc_authz_server")) {
            if (body.has(f)) {
                next.set(f, body.get(f));
            }
        }
        if (body.has("options")) {
            // PATCH replaces the options object as a whole (modelled strictly: a partial options loses keys).
            APPLE_KEYS.remove();
            next.set("options", options(stored.path("provider").asText(), body.path("options"), object()));
            keepAppleKey(clientId);
        }
        if (body.hasNonNull("client_secret")) {
            oidcSecrets.put(clientId, body.path("client_secret").asText());
        }
        oidc.put(clientId, next);
        return new Answer(200, null);
    }

    private void keepAppleKey(String clientId) {
        String key = APPLE_KEYS.get();
        APPLE_KEYS.remove();
        if (key != null) {
            appleKeys.put(clientId, key);
        }
    }

    private Answer deleteOidc(String clientId) {
        existingOidc(clientId);
        oidc.remove(clientId);
        oidcSecrets.remove(clientId);
        appleKeys.remove(clientId);
        return new Answer(200, null);
    }

    /** Validates options: only the provider's own key; Apple's private key is kept but never returned. */
    private static ObjectNode options(String provider, JsonNode given, ObjectNode out) {
        if (given.isMissingNode() || given.isNull()) {
            given = object();
        }
        if (!given.isObject()) {
            throw new Failure(400, "options must be an object");
        }
        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals(provider)) {
                throw new Failure(400, "options." + key + " does not apply to provider " + provider);
            }
        }
        ObjectNode mine = given.path(provider).isObject() ? ((ObjectNode) given.path(provider)).deepCopy() : object();
        JsonNode scopes = mine.path("authorize_scopes");
        if (!scopes.isMissingNode() && !scopes.isArray()) {
            throw new Failure(400, "options." + provider + ".authorize_scopes must be an array");
        }
        if (provider.equals("azuread") && !mine.hasNonNull("tenant")) {
            mine.put("tenant", "common");
        }
        if (provider.equals("okta")) {
            String url = mine.path("organization_url").asText("");
            if (url.isEmpty() || !url.startsWith("https://")) {
                throw new Failure(400, "options.okta.organization_url is required and must be an https URL");
            }
        }
        if (provider.equals("apple")) {
            for (String field : APPLE_REQUIRED) {
                if (mine.path(field).asText("").isEmpty()) {
                    throw new Failure(400, "options.apple." + field + " is required");
                }
            }
            boolean inRange = GoDuration.parse(mine.path("secret_lifetime").asText())
                    .filter(d -> d.compareTo(APPLE_MIN_LIFETIME) >= 0 && d.compareTo(APPLE_MAX_LIFETIME) <= 0)
                    .isPresent();
            if (!inRange) {
                throw new Failure(400, "options.apple.secret_lifetime must be a duration from 5m to 15777000s");
            }
            APPLE_KEYS.set(mine.remove("private_key").asText()); // write-only: accepted, never returned
        }
        out.set(provider, mine);
        return out;
    }

    // ---- SAML ----

    private Answer listSaml() {
        ArrayNode list = JSON.createArrayNode();
        saml.values().forEach(c -> list.add(c.deepCopy()));
        return new Answer(200, list);
    }

    private Answer getSaml(String id) { return new Answer(200, existingSaml(id).deepCopy()); }

    private ObjectNode existingSaml(String id) { return existing(saml, id, "no SAML provider credentials with id " + id); }

    private Answer createSaml(JsonNode body) {
        onlyFields(body, SAML_FIELDS);
        ObjectNode stored = object().put("id", UUID.randomUUID().toString());
        applySaml(stored, body, true);
        saml.put(stored.path("id").asText(), stored);
        return new Answer(201, stored.deepCopy());
    }

    private Answer patchSaml(String id, JsonNode body) {
        ObjectNode stored = existingSaml(id);
        onlyFields(body, SAML_FIELDS);
        ObjectNode next = stored.deepCopy();
        applySaml(next, body, false);
        saml.put(id, next);
        return new Answer(204, null);
    }

    private static void applySaml(ObjectNode target, JsonNode body, boolean create) {
        if (create || body.has("idp_metadata_url")) {
            String url = requiredText(body, "idp_metadata_url");
            try {
                URI uri = URI.create(url);
                if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new Failure(400, "idp_metadata_url must be an https URL");
            }
            target.put("idp_metadata_url", url);
        }
        if (body.has("label")) {
            target.put("label", body.path("label").asText(""));
        } else if (create) {
            target.put("label", "");
        }
        if (body.has("email_claims")) {
            JsonNode claims = body.get("email_claims");
            if (!claims.isArray() && !claims.isNull()) {
                throw new Failure(400, "email_claims must be an array of strings");
            }
            target.set("email_claims", claims.isNull() ? JSON.createArrayNode() : claims);
        } else if (create) {
            target.putArray("email_claims");
        }
    }

    private Answer deleteSaml(String id) {
        existingSaml(id);
        saml.remove(id);
        return new Answer(204, null);
    }

    // ---- helpers ----

    private static void onlyFields(JsonNode body, Set<String> allowed) {
        if (!body.isObject()) {
            throw new Failure(400, "the body must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new Failure(400, "unknown fields " + unknown);
        }
    }

    private static String requiredText(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isEmpty()) {
            throw new Failure(400, field + " is required");
        }
        return value;
    }
}
