package dev.federator.sim.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak 26's {@code IdentityProviderRepresentation} rules, as observed on 26.0.7: how a body binds,
 * what create and update validate, what the server stores and what a read shows.
 */
public final class IdentityProviderJson {

    public static final String SECRET_MASK = "**********";
    public static final String CLIENT_SECRET = "clientSecret";

    public static final Set<String> PROVIDER_IDS = Set.of("oidc", "keycloak-oidc", "saml", "google", "github", "microsoft",
            "facebook", "gitlab", "bitbucket", "linkedin-openid-connect", "twitter", "stackoverflow", "instagram",
            "openshift-v3", "openshift-v4", "paypal");

    /** Built-in flows of a new realm; naming any other flow makes Keycloak fail with a 500. */
    public static final Set<String> FLOWS = Set.of("browser", "direct grant", "registration", "reset credentials", "clients",
            "first broker login", "docker auth");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS_NAME = "org.keycloak.representations.idm.IdentityProviderRepresentation";
    private static final List<String> OPTIONAL_STRINGS = List.of("alias", "displayName", "internalId", "providerId",
            "organizationId", "firstBrokerLoginFlowAlias", "postBrokerLoginFlowAlias");
    private static final Map<String, Boolean> BOOLEAN_DEFAULTS = new LinkedHashMap<>();
    private static final Pattern SPACE = Pattern.compile("\\s");
    private static final Pattern RESERVED = Pattern.compile("[:/?#@!$&()*+,;=\\[\\]\\\\]");
    private static final Pattern VAULT_EXPRESSION = Pattern.compile("^\\$\\{vault\\.(.+?)}$");

    static {
        BOOLEAN_DEFAULTS.put("enabled", true);
        BOOLEAN_DEFAULTS.put("trustEmail", false);
        BOOLEAN_DEFAULTS.put("storeToken", false);
        BOOLEAN_DEFAULTS.put("addReadTokenRoleOnCreate", false);
        BOOLEAN_DEFAULTS.put("authenticateByDefault", false);
        BOOLEAN_DEFAULTS.put("linkOnly", false);
        BOOLEAN_DEFAULTS.put("hideOnLogin", false);
        BOOLEAN_DEFAULTS.put("updateProfileFirstLogin", false);
    }

    private IdentityProviderJson() {}

    /**
     * Binds a request body the way Keycloak's Jackson does: unknown properties are rejected, scalars are
     * coerced, absent booleans take the Java defaults and an absent config is an empty map. An explicit
     * {@code "config": null} is kept as a JSON null because Keycloak then fails later with a 500.
     */
    public static ObjectNode bind(String body) {
        if (body == null || body.isBlank()) {
            throw KeycloakError.serverError();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw KeycloakError.unparsableJson();
        }
        if (root == null || root.isNull()) {
            throw KeycloakError.serverError();
        }
        if (!root.isObject()) {
            throw KeycloakError.unmappableJson();
        }
        ObjectNode bound = JsonNodeFactory.instance.objectNode();
        BOOLEAN_DEFAULTS.forEach(bound::put);
        bound.put("updateProfileFirstLoginMode", "on");
        bound.putObject("config");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            bindField(bound, field.getKey(), field.getValue());
        }
        return bound;
    }

    /** Create-time checks, in Keycloak's order, except the duplicate alias (the store's job). */
    public static void validateCreate(ObjectNode bound) {
        String alias = text(bound, "alias");
        if (alias != null) {
            if (SPACE.matcher(alias).find()) {
                throw KeycloakError.error(400, "Empty Space not allowed.");
            }
            Matcher reserved = RESERVED.matcher(alias);
            if (reserved.find()) {
                throw KeycloakError.error(400, "Character '" + reserved.group() + "' not allowed.");
            }
        }
        validateModel(bound);
    }

    /** Update-time checks. Keycloak validates neither the alias characters nor a rename here. */
    public static void validateUpdate(ObjectNode bound) {
        validateModel(bound);
    }

    /** What the server keeps: canonical field order, empty config values dropped, {@code syncMode} defaulted. */
    public static ObjectNode toStored(ObjectNode bound, String internalId) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        copyText(bound, stored, "alias");
        copyText(bound, stored, "displayName");
        stored.put("internalId", internalId);
        copyText(bound, stored, "providerId");
        stored.put("enabled", bound.path("enabled").asBoolean());
        stored.put("updateProfileFirstLoginMode", bound.path("updateProfileFirstLoginMode").asText("on"));
        for (String flag : List.of("trustEmail", "storeToken", "addReadTokenRoleOnCreate", "authenticateByDefault",
                "linkOnly", "hideOnLogin")) {
            stored.put(flag, bound.path(flag).asBoolean());
        }
        copyText(bound, stored, "organizationId");
        copyNonEmpty(bound, stored, "firstBrokerLoginFlowAlias");
        copyNonEmpty(bound, stored, "postBrokerLoginFlowAlias");
        ObjectNode config = stored.putObject("config");
        bound.path("config").fields().forEachRemaining(entry -> {
            if (!entry.getValue().isNull() && !entry.getValue().asText().isEmpty()) {
                config.put(entry.getKey(), entry.getValue().asText());
            }
        });
        if (!config.has("syncMode")) {
            config.put("syncMode", "LEGACY");
        }
        return stored;
    }

    /**
     * The full replacement a PUT makes: everything comes from the body except the internal id and the
     * provider id, which Keycloak keeps; a masked client secret means "keep the stored one".
     */
    public static ObjectNode replacement(ObjectNode existing, ObjectNode bound) {
        ObjectNode effective = bound.deepCopy();
        effective.put("providerId", existing.path("providerId").asText());
        ObjectNode config = (ObjectNode) effective.get("config");
        if (SECRET_MASK.equals(config.path(CLIENT_SECRET).asText(null))) {
            JsonNode stored = existing.path("config").get(CLIENT_SECRET);
            if (stored == null) {
                config.remove(CLIENT_SECRET);
            } else {
                config.set(CLIENT_SECRET, stored.deepCopy());
            }
        }
        return toStored(effective, existing.path("internalId").asText());
    }

    /** What a GET shows: the client secret masked (vault references excepted), no config in brief form. */
    public static ObjectNode forRead(ObjectNode stored, boolean brief) {
        ObjectNode shown = stored.deepCopy();
        ObjectNode config = (ObjectNode) shown.get("config");
        if (brief) {
            config.removeAll();
        } else if (config.has(CLIENT_SECRET) && !VAULT_EXPRESSION.matcher(config.get(CLIENT_SECRET).asText()).matches()) {
            config.put(CLIENT_SECRET, SECRET_MASK);
        }
        return shown;
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void validateModel(ObjectNode bound) {
        if (bound.get("config").isNull()) {
            throw KeycloakError.serverError();
        }
        String providerId = text(bound, "providerId");
        if (providerId == null || !PROVIDER_IDS.contains(providerId)) {
            throw KeycloakError.errorMessage(400, "Invalid identity provider id [" + providerId + "]");
        }
        for (String flowField : List.of("firstBrokerLoginFlowAlias", "postBrokerLoginFlowAlias")) {
            String flow = text(bound, flowField);
            if (flow != null && !flow.isEmpty() && !FLOWS.contains(flow)) {
                throw KeycloakError.serverError();
            }
        }
        if (text(bound, "organizationId") != null) {
            throw KeycloakError.errorMessage(400, "Organization associated with broker does not exist");
        }
        try {
            ProviderConfigRules.validate(providerId, nonEmpty(bound.path("config")));
        } catch (IllegalArgumentException e) {
            throw KeycloakError.errorMessage(400, e.getMessage());
        }
    }

    /** Keycloak drops empty config values before it validates the model. */
    private static Map<String, String> nonEmpty(JsonNode config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isNull() && !entry.getValue().asText().isEmpty()) {
                values.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return values;
    }

    private static void bindField(ObjectNode bound, String name, JsonNode value) {
        if (BOOLEAN_DEFAULTS.containsKey(name)) {
            bound.put(name, toBoolean(value));
        } else if (OPTIONAL_STRINGS.contains(name) || name.equals("updateProfileFirstLoginMode")) {
            if (value.isNull()) {
                bound.remove(name);
            } else if (value.isValueNode()) {
                bound.put(name, value.asText());
            } else {
                throw KeycloakError.unmappableJson();
            }
        } else if (name.equals("config")) {
            bound.set(name, value.isNull() ? value : toConfig(value));
        } else {
            throw KeycloakError.error(400, "Unrecognized field \"" + name + "\" (class " + CLASS_NAME
                    + "), not marked as ignorable");
        }
    }

    private static boolean toBoolean(JsonNode value) {
        if (value.isBoolean() || value.isNull()) {
            return value.asBoolean(false);
        }
        if (value.isIntegralNumber()) {
            return value.asLong() != 0;
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw KeycloakError.unmappableJson();
    }

    private static ObjectNode toConfig(JsonNode value) {
        if (!value.isObject()) {
            throw KeycloakError.unmappableJson();
        }
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        value.fields().forEachRemaining(entry -> {
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                config.putNull(entry.getKey());
            } else if (v.isValueNode()) {
                config.put(entry.getKey(), v.asText());
            } else {
                throw KeycloakError.unmappableJson();
            }
        });
        return config;
    }

    /** An empty flow alias means "the realm's default flow", so Keycloak does not keep it. */
    private static void copyNonEmpty(ObjectNode from, ObjectNode to, String field) {
        String value = text(from, field);
        if (value != null && !value.isEmpty()) {
            to.put(field, value);
        }
    }

    private static void copyText(ObjectNode from, ObjectNode to, String field) {
        String value = text(from, field);
        if (value != null) {
            to.put(field, value);
        }
    }
}
