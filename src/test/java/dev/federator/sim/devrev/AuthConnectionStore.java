package dev.federator.sim.devrev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One DevRev org's authentication connections with the API's schema and rules: per-type fields flat beside
 * {@code type}, required fields, new connections disabled, at most five enterprise connections, an enabled or default
 * connection cannot be deleted, at least one connection stays enabled, write-only client_secret and signing_cert.
 * One lock guards everything; callers only get copies.
 */
final class AuthConnectionStore {
    static final int MAX_ENTERPRISE = 5;
    static final Set<String> WRITE_ONLY = Set.of("client_secret", "signing_cert");
    private static final Set<String> COMMON = Set.of("type", "display_name");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "oidc", List.of("client_id", "client_secret", "issuer"),
            "okta", List.of("client_id", "client_secret", "domain"),
            "waad", List.of("client_id", "client_secret", "domain"),
            "google_apps", List.of("client_id", "client_secret", "tenant_domain"),
            "samlp", List.of("sign_in_endpoint", "signing_cert", "fields_map", "connection_name"));
    private static final Set<String> OPTIONAL = Set.of("fields_map");
    private static final Set<String> CREATE_ONLY = Set.of("connection_name");
    private static final Set<String> FIELDS_MAP_KEYS = Set.of("email", "user_id");

    /** DevRev's SAML setup guide: connection_name is {@code <dev_oid>-<custom>} in letters, digits, single hyphens. */
    private static final Pattern CONNECTION_NAME_FORM = Pattern.compile("^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$");
    private static final int MAX_CONNECTION_NAME = 128;

    /** Stored connections by id, secrets included, with an internal "default" flag. */
    private final Map<String, ObjectNode> connections = new LinkedHashMap<>();
    private final String devOid;

    AuthConnectionStore(String devOid) {
        this.devOid = devOid;
        ObjectNode google = JsonNodeFactory.instance.objectNode().put("id", newId()).put("type", "social").put("display_name", "Google")
                .put("enabled", true);
        google.put("default", true);
        connections.put(google.get("id").asText(), google);
    }

    static String newId() {
        return "don:identity:dvrv-us-1:devo/0:authconn/" + UUID.randomUUID().toString().substring(0, 12);
    }

    // ---- API operations ----

    synchronized ObjectNode create(JsonNode request) {
        ObjectNode body = requireObject(request);
        String type = requireType(body);
        List<String> allowed = FIELDS.get(type);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!COMMON.contains(field) && !allowed.contains(field)) {
                throw DevRevError.invalidField(field);
            }
        }
        for (String field : allowed) {
            if (!OPTIONAL.contains(field) && isBlank(body.get(field))) {
                throw DevRevError.missing(field);
            }
        }
        validateValues(body);
        if (body.hasNonNull("connection_name")) {
            validateConnectionName(body.get("connection_name").asText());
        }
        long enterprise = connections.values().stream().filter(AuthConnectionStore::isEnterprise).count();
        if (enterprise >= MAX_ENTERPRISE) {
            throw DevRevError.badRequest("Only " + MAX_ENTERPRISE
                    + " authentication connections can be created by an organization");
        }
        ObjectNode stored = body.deepCopy();
        stored.put("id", newId());
        if (!stored.hasNonNull("display_name")) {
            stored.put("display_name", type);
        }
        stored.put("enabled", false); // a new connection is never enabled by create
        connections.put(stored.get("id").asText(), stored);
        return forRead(stored);
    }

    synchronized ObjectNode get(String id) { return forRead(existing(id)); }

    synchronized List<ObjectNode> list() { return connections.values().stream().map(AuthConnectionStore::forRead).toList(); }

    synchronized ObjectNode update(JsonNode request) {
        ObjectNode body = requireObject(request);
        ObjectNode stored = existing(requireId(body));
        if (!isEnterprise(stored)) {
            throw DevRevError.notPermitted("id", "default connections cannot be updated");
        }
        String storedType = stored.get("type").asText();
        // Type "none" selects the update schema without type fields: only the common ones may change.
        boolean none = "none".equals(body.path("type").asText());
        if (body.has("type") && !none && !storedType.equals(body.get("type").asText())) {
            throw DevRevError.notPermitted("type", "the type of a connection cannot change");
        }
        List<String> allowed = none ? List.of() : FIELDS.get(storedType);
        boolean typeFields = false;
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equals("id") || COMMON.contains(field)) {
                continue;
            }
            if (!allowed.contains(field) || CREATE_ONLY.contains(field)) {
                throw DevRevError.invalidField(field);
            }
            typeFields = true;
        }
        if (typeFields && !body.has("type")) {
            throw DevRevError.missing("type");
        }
        for (String field : allowed) {
            if (body.has(field) && !OPTIONAL.contains(field) && isBlank(body.get(field))) {
                throw DevRevError.notPermitted(field, "a required field cannot be cleared");
            }
        }
        validateValues(body);
        body.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("id") && !(none && e.getKey().equals("type"))) {
                stored.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return forRead(stored);
    }

    /** Without an explicit toggle the API flips the state (so a repeated bare toggle is not idempotent). */
    synchronized void toggle(JsonNode request) {
        ObjectNode body = requireObject(request);
        ObjectNode stored = existing(requireId(body));
        boolean enable;
        if (!body.hasNonNull("toggle")) {
            enable = !stored.path("enabled").asBoolean();
        } else if (Set.of("enable", "disable").contains(body.get("toggle").asText())) {
            enable = body.get("toggle").asText().equals("enable");
        } else {
            DevRevError error = DevRevError.field("invalid_enum_value", "toggle", "toggle must be enable or disable");
            error.body.putArray("allowed_values").add("disable").add("enable");
            throw error;
        }
        if (!enable && stored.path("enabled").asBoolean()) {
            long enabled = connections.values().stream().filter(c -> c.path("enabled").asBoolean()).count();
            if (enabled <= 1) {
                throw DevRevError.notPermitted("toggle",
                        "Atleast one authentication connection must be enabled for a Dev organization");
            }
        }
        stored.put("enabled", enable);
    }

    synchronized void delete(JsonNode request) {
        ObjectNode body = requireObject(request);
        String id = requireId(body);
        ObjectNode stored = existing(id);
        if (stored.path("default").asBoolean()) {
            throw DevRevError.badRequest("Default connections can not be deleted");
        }
        if (stored.path("enabled").asBoolean()) {
            throw DevRevError.badRequest("An enabled authentication connection cannot be deleted; disable it first");
        }
        connections.remove(id);
    }

    // ---- test accessors ----

    synchronized Optional<ObjectNode> stored(String id) {
        return Optional.ofNullable(connections.get(id)).map(ObjectNode::deepCopy);
    }

    synchronized List<ObjectNode> storedAll() { return connections.values().stream().map(ObjectNode::deepCopy).toList(); }

    synchronized boolean edit(String id, Consumer<ObjectNode> edit) {
        ObjectNode stored = connections.get(id);
        if (stored != null) {
            edit.accept(stored);
        }
        return stored != null;
    }

    synchronized boolean remove(String id) { return connections.remove(id) != null; }

    synchronized String insert(ObjectNode connection) {
        ObjectNode stored = connection.deepCopy();
        if (!stored.hasNonNull("id")) {
            stored.put("id", newId());
        }
        connections.put(stored.get("id").asText(), stored);
        return stored.get("id").asText();
    }

    // ---- rules ----

    static boolean isEnterprise(JsonNode connection) { return FIELDS.containsKey(connection.path("type").asText()); }

    /** What the API shows: no write-only field, no internal flag. */
    static ObjectNode forRead(ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        WRITE_ONLY.forEach(copy::remove);
        copy.remove("default");
        return copy;
    }

    private ObjectNode existing(String id) {
        ObjectNode stored = connections.get(id);
        if (stored == null) {
            throw DevRevError.notFound("auth connection");
        }
        return stored;
    }

    private static ObjectNode requireObject(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw DevRevError.field("parse_error", "body", "the request body must be a JSON object");
        }
        return (ObjectNode) request;
    }

    private static String requireId(ObjectNode body) {
        if (isBlank(body.get("id"))) {
            throw DevRevError.missing("id");
        }
        return body.get("id").asText();
    }

    private static String requireType(ObjectNode body) {
        if (isBlank(body.get("type"))) {
            throw DevRevError.missing("type");
        }
        String type = body.get("type").asText();
        if (!FIELDS.containsKey(type)) {
            DevRevError error = DevRevError.field("invalid_enum_value", "type", "invalid value for type");
            FIELDS.keySet().stream().sorted().forEach(error.body.putArray("allowed_values")::add);
            error.body.put("value", type);
            throw error;
        }
        return type;
    }

    /** The schema is flat: every field is a string, except fields_map {email, user_id}. */
    private static void validateValues(ObjectNode body) {
        body.fields().forEachRemaining(e -> {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (field.equals("fields_map")) {
                if (!value.isObject()) {
                    throw DevRevError.invalidField("fields_map");
                }
                value.fields().forEachRemaining(m -> {
                    if (!FIELDS_MAP_KEYS.contains(m.getKey()) || !m.getValue().isTextual()) {
                        throw DevRevError.invalidField("fields_map." + m.getKey());
                    }
                });
            } else if (!value.isTextual() && !value.isNull()) {
                throw DevRevError.invalidField(field);
            }
        });
        String display = body.path("display_name").asText(null);
        if (body.has("display_name") && (display == null || display.isEmpty() || display.length() > 128)) {
            throw DevRevError.notPermitted("display_name", "display_name must have 1 to 128 characters");
        }
        for (String url : List.of("issuer", "sign_in_endpoint")) {
            String value = body.path(url).asText("");
            if (!value.isEmpty() && !value.startsWith("https://")) {
                throw DevRevError.notPermitted(url, url + " must be an https URL");
            }
        }
        String cert = body.path("signing_cert").asText("");
        if (!cert.isEmpty() && !(cert.startsWith("-----BEGIN CERTIFICATE-----")
                && cert.endsWith("-----END CERTIFICATE-----"))) {
            throw DevRevError.notPermitted("signing_cert", "signing_cert must be a PEM encoded X.509 certificate");
        }
    }

    /**
     * The form and uniqueness DevRev's SAML guide requires ("the create fails otherwise"); the exact error DevRev
     * gives is not published, so this answers the schema's 400 value_not_permitted naming the field.
     */
    private void validateConnectionName(String name) {
        if (!name.startsWith(devOid + "-") || name.length() > MAX_CONNECTION_NAME
                || !CONNECTION_NAME_FORM.matcher(name).matches()) {
            throw DevRevError.notPermitted("connection_name", "connection_name must be <dev_oid>-<custom> ("
                    + devOid + "-...) with letters, digits and single hyphens");
        }
        if (connections.values().stream().anyMatch(c -> name.equals(c.path("connection_name").asText(null)))) {
            throw DevRevError.notPermitted("connection_name", "an authentication connection named " + name
                    + " already exists in this Dev organization");
        }
    }

    private static boolean isBlank(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
    }
}
