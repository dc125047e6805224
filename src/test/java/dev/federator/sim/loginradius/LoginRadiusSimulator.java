package dev.federator.sim.loginradius;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.SimulatorServer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * LoginRadius organization connections as vendors.md describes them: {@code apikey}/{@code apisecret} in the query
 * (901/902), the organization (8118 unknown, 8180 inactive), the connection's Domain (8150 not in the organization,
 * 8177 not verified), unique names (8148), unknown ids (8151), the {@code {Description, ErrorCode, Message}}
 * envelope, {@code {IsDeleted: true}} on delete and a 429 without any header.
 *
 * <p>Only what LoginRadius documents is served: create, update and delete of an organization's connections, and the
 * organizations list {@code GET /v2/manage/organizations} as {@code {Data: [...]}} with each organization's
 * {@code Connections[]} embedded. There is no connections list and no get-one call (both undocumented). A request may
 * carry only the connection object's documented fields, IDPCertificate.Certificate must be PEM with its headers (as
 * in every published example), SPCertificate is an object {@code {Certificate}}, and a ConnectionType other than
 * saml_custom (the only one documented) has its own error.
 *
 * <p>Choices where LoginRadius documents nothing (the adapter must not rely on more): a PUT replaces every writable
 * field with the body's (server fields in the body are ignored), no paging of the organizations list, the error codes
 * of an unknown field (1134) and of an invalid ConnectionType ({@link #INVALID_CONNECTION_TYPE}), and
 * IDPCertificate.NotAfter/NotBefore derived from the certificate sent.
 */
public final class LoginRadiusSimulator extends SimulatorServer<LoginRadiusSimulator> {
    private static final String COLLECTION = "/v2/manage/organizations/:orgId/connections";
    private static final String ONE = COLLECTION + "/:connId";
    public static final String ORGANIZATIONS = "/v2/manage/organizations";
    /** The error code of an invalid ConnectionType: LoginRadius has one, but does not publish its number. */
    public static final int INVALID_CONNECTION_TYPE = 8179;
    /** Fields LoginRadius computes; a request cannot set them (sent back unchanged they are ignored). */
    private static final Set<String> SERVER_FIELDS = Set.of("Id", "EntityId", "MetadataUrl", "ACSEndpoint",
            "SPCertificate", "CreatedDate", "ModifiedDate");
    /** The connection object's documented writable fields (vendors.md, LoginRadius' API reference). */
    private static final Set<String> WRITABLE = Set.of("Name", "Domain", "IsActive", "ConnectionType", "Attributes",
            "IDPEntityId", "IDPMetadataUrl", "IsIDPInitiated", "IDPCertificate", "GroupRoles");
    private static final Set<String> ATTRIBUTES = Set.of("Email", "FirstName", "LastName", "ID", "Groups",
            "CustomMapping");
    private static final Set<String> CERTIFICATE_FIELDS = Set.of("Certificate", "NotAfter", "NotBefore");
    private static final Set<String> CONNECTION_TYPES = Set.of("saml_custom");

    private final Map<String, Organization> organizations = new ConcurrentHashMap<>();
    private volatile String apiKey = "lr-api-key";
    private volatile String apiSecret = "lr-api-secret";

    private static final class Organization {
        volatile boolean active = true;
        final Set<String> domains = ConcurrentHashMap.newKeySet();
        final Set<String> verified = ConcurrentHashMap.newKeySet();
        final Map<String, ObjectNode> connections = new LinkedHashMap<>();
    }

    /** A LoginRadius error, answered in its envelope. */
    public static final class LoginRadiusError extends RuntimeException {
        final int status;
        final int code;

        LoginRadiusError(int status, int code, String description) {
            super(description);
            this.status = status;
            this.code = code;
        }
    }

    // ---- configuration ----

    public LoginRadiusSimulator withCredentials(String key, String secret) {
        this.apiKey = key;
        this.apiSecret = secret;
        return this;
    }

    /** An active organization owning {@code domains}, all of them verified unless {@link #unverify} says otherwise. */
    public LoginRadiusSimulator withOrganization(String orgId, String... domains) {
        Organization org = organizations.computeIfAbsent(orgId, id -> new Organization());
        org.domains.addAll(List.of(domains));
        org.verified.addAll(List.of(domains));
        return this;
    }

    /** Keeps {@code domain} in the organization but not verified (8177 on use). */
    public LoginRadiusSimulator unverify(String orgId, String domain) {
        Organization org = org(orgId);
        org.domains.add(domain);
        org.verified.remove(domain);
        return this;
    }

    public LoginRadiusSimulator deactivate(String orgId) {
        org(orgId).active = false;
        return this;
    }

    // ---- test accessors (out of band: not recorded, no faults) ----

    public Optional<ObjectNode> connection(String orgId, String name) {
        Organization org = org(orgId);
        synchronized (org) {
            return org.connections.values().stream().filter(c -> name.equals(c.path("Name").asText()))
                    .findFirst().map(ObjectNode::deepCopy);
        }
    }

    public List<ObjectNode> connections(String orgId) {
        Organization org = org(orgId);
        synchronized (org) {
            return org.connections.values().stream().map(ObjectNode::deepCopy).toList();
        }
    }

    /** Deletes as if someone used the LoginRadius console; false when absent. */
    public boolean deleteOutOfBand(String orgId, String name) {
        Organization org = org(orgId);
        synchronized (org) {
            return org.connections.values().removeIf(c -> name.equals(c.path("Name").asText()));
        }
    }

    public boolean editOutOfBand(String orgId, String name, Consumer<ObjectNode> edit) {
        Organization org = org(orgId);
        synchronized (org) {
            Optional<ObjectNode> found = org.connections.values().stream()
                    .filter(c -> name.equals(c.path("Name").asText())).findFirst();
            found.ifPresent(edit);
            return found.isPresent();
        }
    }

    /** Stores a connection without the API's checks (someone else's connection); returns it as stored. */
    public ObjectNode putDirect(String orgId, ObjectNode connection) {
        Organization org = org(orgId);
        synchronized (org) {
            ObjectNode stored = stored(connection, null, UUID.randomUUID().toString().replace("-", "").substring(0, 24));
            org.connections.put(stored.path("Id").asText(), stored);
            return stored.deepCopy();
        }
    }

    private Organization org(String orgId) {
        Organization org = organizations.get(orgId);
        if (org == null) {
            throw new IllegalArgumentException("no organization " + orgId + "; call withOrganization first");
        }
        return org;
    }

    // ---- HTTP ----

    @Override
    protected void routes(Router router) {
        route(router, HttpMethod.GET, ORGANIZATIONS).handler(this::organizations);
        route(router, HttpMethod.POST, COLLECTION).handler(guarded(this::create));
        route(router, HttpMethod.PUT, ONE).handler(guarded(this::update));
        route(router, HttpMethod.DELETE, ONE).handler(guarded(this::delete));
    }

    /** 429 and 5xx in LoginRadius' envelope; LoginRadius documents no rate-limit header, so none is sent. */
    @Override
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        if (status == 429) {
            writeError(ctx, new LoginRadiusError(429, 1138, "Too many requests in a short period of time."));
        } else if (status >= 500) {
            writeError(ctx, new LoginRadiusError(status, 7909, "An internal error occurred."));
        } else {
            writeError(ctx, new LoginRadiusError(status, 0, reason(status)));
        }
    }

    @Override
    protected void writeRouterError(RoutingContext ctx, int status) {
        writeError(ctx, new LoginRadiusError(status, status == 500 ? 7909 : 0, reason(status)));
    }

    private static void writeError(RoutingContext ctx, LoginRadiusError error) {
        writeJson(ctx, error.status, object().put("Description", error.getMessage()).put("ErrorCode", error.code)
                .put("Message", error.status == 429 ? "Rate limit exceeded." : "Request failed."));
    }

    private interface OrgHandler {
        void handle(RoutingContext ctx, Organization org);
    }

    private Handler<RoutingContext> guarded(OrgHandler handler) {
        return ctx -> {
            try {
                Organization org = authorize(ctx);
                synchronized (org) {
                    handler.handle(ctx, org);
                }
            } catch (LoginRadiusError e) {
                writeError(ctx, e);
            }
        };
    }

    private Organization authorize(RoutingContext ctx) {
        authorizeAccount(ctx);
        Organization org = organizations.get(ctx.pathParam("orgId"));
        if (org == null) {
            throw new LoginRadiusError(404, 8118, "Organization not found.");
        }
        if (!org.active) {
            throw new LoginRadiusError(403, 8180, "Organization is not active.");
        }
        return org;
    }

    private void authorizeAccount(RoutingContext ctx) {
        if (!apiKey.equals(ctx.request().getParam("apikey"))) {
            throw new LoginRadiusError(403, 901, "The provided LoginRadius API key is invalid, please use a valid API"
                    + " key of your LoginRadius account.");
        }
        if (!apiSecret.equals(ctx.request().getParam("apisecret"))) {
            throw new LoginRadiusError(403, 902, "The provided LoginRadius API Secret is invalid, please use a valid"
                    + " API Secret of your LoginRadius account.");
        }
    }

    /** The account's organizations, {@code {Data: [...]}}, each with its connections embedded. */
    private void organizations(RoutingContext ctx) {
        try {
            authorizeAccount(ctx);
        } catch (LoginRadiusError e) {
            writeError(ctx, e);
            return;
        }
        ObjectNode answer = object();
        var data = answer.putArray("Data");
        organizations.forEach((id, org) -> {
            synchronized (org) {
                ObjectNode item = data.addObject().put("Id", id).put("Name", id).put("IsActive", org.active);
                item.putArray("Connections").addAll(new ArrayList<>(org.connections.values()));
            }
        });
        writeJson(ctx, 200, answer);
    }

    private void create(RoutingContext ctx, Organization org) {
        ObjectNode body = body(ctx);
        validate(body);
        String name = body.path("Name").asText("");
        if (name.isBlank() || body.path("Domain").asText("").isBlank()) {
            throw new LoginRadiusError(400, 938, "The Name and Domain fields are required.");
        }
        checkDomain(org, body.path("Domain").asText());
        checkUniqueName(org, name, null);
        ObjectNode stored = stored(body, null, UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        org.connections.put(stored.path("Id").asText(), stored);
        writeJson(ctx, 200, stored);
    }

    private void update(RoutingContext ctx, Organization org) {
        ObjectNode existing = org.connections.get(ctx.pathParam("connId"));
        if (existing == null) {
            throw new LoginRadiusError(404, 8151, "Invalid connection id.");
        }
        ObjectNode body = body(ctx);
        validate(body);
        if (body.path("Domain").asText("").isBlank()) {
            throw new LoginRadiusError(400, 938, "The Domain field is required.");
        }
        checkDomain(org, body.path("Domain").asText());
        String name = body.path("Name").asText(existing.path("Name").asText());
        body.put("Name", name);
        checkUniqueName(org, name, existing.path("Id").asText());
        ObjectNode stored = stored(body, existing, existing.path("Id").asText());
        org.connections.put(stored.path("Id").asText(), stored);
        writeJson(ctx, 200, stored);
    }

    private void delete(RoutingContext ctx, Organization org) {
        if (org.connections.remove(ctx.pathParam("connId")) == null) {
            throw new LoginRadiusError(404, 8151, "Invalid connection id.");
        }
        writeJson(ctx, 200, object().put("IsDeleted", true));
    }

    private static ObjectNode body(RoutingContext ctx) {
        try {
            JsonNode json = JSON.readTree(ctx.body().asString());
            if (json instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception ignored) {
            // answered below
        }
        throw new LoginRadiusError(400, 1134, "The request body is not a valid JSON object.");
    }

    /** Only documented fields, of their documented shapes. */
    private static void validate(ObjectNode body) {
        body.fieldNames().forEachRemaining(field -> {
            if (!WRITABLE.contains(field) && !SERVER_FIELDS.contains(field)) {
                throw invalid(field + " is not a field of an organization connection.");
            }
        });
        for (String text : List.of("Name", "Domain", "ConnectionType", "IDPEntityId", "IDPMetadataUrl")) {
            JsonNode value = body.path(text);
            if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
                throw invalid(text + " must be a string.");
            }
        }
        for (String flag : List.of("IsActive", "IsIDPInitiated")) {
            JsonNode value = body.path(flag);
            if (!value.isMissingNode() && !value.isNull() && !value.isBoolean()) {
                throw invalid(flag + " must be a boolean.");
            }
        }
        String type = body.path("ConnectionType").asText(null);
        if (type != null && !CONNECTION_TYPES.contains(type)) {
            throw new LoginRadiusError(400, INVALID_CONNECTION_TYPE, "Invalid connection type.");
        }
        onlyKeys(body.path("Attributes"), ATTRIBUTES, "Attributes");
        JsonNode custom = body.path("Attributes").path("CustomMapping");
        if (!custom.isMissingNode() && !custom.isNull() && !custom.isObject()) {
            throw invalid("Attributes.CustomMapping must be an object.");
        }
        onlyKeys(body.path("IDPCertificate"), CERTIFICATE_FIELDS, "IDPCertificate");
        JsonNode cert = body.path("IDPCertificate").path("Certificate");
        if (cert.isTextual() && !cert.asText().isBlank() && !isPem(cert.asText())) {
            throw invalid("IDPCertificate.Certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
        JsonNode roles = body.path("GroupRoles");
        if (!roles.isMissingNode() && !roles.isNull() && !roles.isArray()) {
            throw invalid("GroupRoles must be an array.");
        }
    }

    private static void onlyKeys(JsonNode object, Set<String> allowed, String where) {
        if (object.isMissingNode() || object.isNull()) {
            return;
        }
        if (!object.isObject()) {
            throw invalid(where + " must be an object.");
        }
        object.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw invalid(where + "." + key + " is not a field of an organization connection.");
            }
        });
    }

    private static boolean isPem(String text) {
        String trimmed = text.trim();
        return trimmed.startsWith("-----BEGIN CERTIFICATE-----") && trimmed.endsWith("-----END CERTIFICATE-----");
    }

    private static LoginRadiusError invalid(String description) { return new LoginRadiusError(400, 1134, description); }

    private static void checkDomain(Organization org, String domain) {
        if (!org.domains.contains(domain)) {
            throw new LoginRadiusError(400, 8150, "Domain does not belong to the organization.");
        }
        if (!org.verified.contains(domain)) {
            throw new LoginRadiusError(400, 8177, "Domain is not verified.");
        }
    }

    private static void checkUniqueName(Organization org, String name, String exceptId) {
        boolean taken = org.connections.values().stream().anyMatch(c -> name.equalsIgnoreCase(c.path("Name").asText())
                && !c.path("Id").asText().equals(exceptId));
        if (taken) {
            throw new LoginRadiusError(409, 8148, "A connection with the same name already exists.");
        }
    }

    /** Writable fields from {@code body} (replacing all previous ones), server fields kept or generated. */
    private ObjectNode stored(ObjectNode body, ObjectNode existing, String id) {
        ObjectNode stored = body.deepCopy();
        SERVER_FIELDS.forEach(stored::remove);
        String now = Instant.now().toString();
        stored.put("Id", id);
        stored.put("CreatedDate", existing == null ? now : existing.path("CreatedDate").asText(now));
        stored.put("ModifiedDate", now);
        String sp = "https://lr.example.com/saml/" + id;
        stored.put("EntityId", sp);
        stored.put("MetadataUrl", sp + "/metadata");
        stored.put("ACSEndpoint", sp + "/acs");
        if (existing == null) {
            stored.putObject("SPCertificate").put("Certificate", "-----BEGIN CERTIFICATE-----\nMIIsp" + id
                    + "\n-----END CERTIFICATE-----");
        } else {
            stored.set("SPCertificate", existing.path("SPCertificate").deepCopy());
        }
        if (!stored.has("ConnectionType")) {
            stored.put("ConnectionType", "saml_custom");
        }
        if (!stored.has("IsActive")) {
            stored.put("IsActive", true);
        }
        JsonNode cert = stored.path("IDPCertificate").path("Certificate");
        if (cert.isTextual() && !cert.asText().isBlank()) {
            X509Certificate parsed = certificate(cert.asText());
            ObjectNode idpCert = (ObjectNode) stored.get("IDPCertificate");
            idpCert.put("NotAfter", parsed.getNotAfter().toInstant().toString());
            idpCert.put("NotBefore", parsed.getNotBefore().toInstant().toString());
        } else if (stored.has("IDPCertificate")) {
            stored.remove("IDPCertificate");
        }
        return stored;
    }

    private static X509Certificate certificate(String text) {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new LoginRadiusError(400, 1134, "IDPCertificate.Certificate is not a valid X.509 certificate.");
        }
    }
}
