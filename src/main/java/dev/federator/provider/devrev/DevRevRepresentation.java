package dev.federator.provider.devrev;

import static dev.federator.provider.kit.JsonTree.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.DesiredConnection.Hosted;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DevRev's auth-connection object: {@code type}, {@code display_name}, {@code enabled} and the type's fields flat
 * beside them (oidc: client_id, client_secret, issuer; okta/waad: client_id, client_secret, domain; google_apps:
 * client_id, client_secret, tenant_domain; samlp: sign_in_endpoint, signing_cert, fields_map {email, user_id}).
 */
final class DevRevRepresentation {
    static final String TYPE = "type";
    static final String DISPLAY_NAME = "display_name";
    static final String ENABLED = "enabled";
    static final String CLIENT_SECRET = "client_secret";
    static final String SIGNING_CERT = "signing_cert";
    static final String FIELDS_MAP = "fields_map";
    static final String CONNECTION_NAME = "connection_name";
    /** DevRev never returns a write-only field; a connection of these types always holds one (it is required). */
    static final String HIDDEN = "<write-only>";
    static final int MAX_DISPLAY_NAME = 128;
    static final int MAX_CONNECTION_NAME = 128;
    private static final Pattern CONNECTION_NAME_FORM = Pattern.compile("^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$");

    private DevRevRepresentation() {}

    static String type(ConnectionKind kind) {
        return switch (kind) {
            case OIDC -> "oidc";
            case Okta -> "okta";
            case AzureAD -> "waad";
            case GoogleWorkspace -> "google_apps";
            case SAML -> "samlp";
        };
    }

    static String displayName(DesiredConnection desired) {
        String display = desired.displayNameOrName();
        if (display.length() > MAX_DISPLAY_NAME) {
            throw new InvalidRequestException(Reason.InvalidField, "DevRev allows at most " + MAX_DISPLAY_NAME
                    + " characters in display_name; shorten spec.displayName (or spec.connectionName when no "
                    + "displayName is set)");
        }
        return display;
    }

    static Rendering render(DesiredConnection desired) {
        ObjectNode body = JsonTree.object();
        body.put(TYPE, type(desired.kind()));
        body.put(DISPLAY_NAME, displayName(desired));
        body.put(ENABLED, desired.enabled());
        Set<String> writeOnly = new HashSet<>();
        switch (desired.kind()) {
            case OIDC -> {
                body.set("client_id", text(desired.oidc().clientId()));
                secret(body, CLIENT_SECRET, desired.oidc().clientSecret(), writeOnly);
                body.set("issuer", text(desired.oidc().issuer()));
            }
            case Okta, AzureAD -> hosted(body, desired.hosted(), "domain", writeOnly);
            case GoogleWorkspace -> hosted(body, desired.hosted(), "tenant_domain", writeOnly);
            case SAML -> {
                body.set("sign_in_endpoint", text(desired.saml().signInEndpoint()));
                var certificate = desired.saml().signingCertificate();
                secret(body, SIGNING_CERT, certificate == null ? null : SecretValue.of(certificate.pem().trim()),
                        writeOnly);
                ObjectNode fields = body.putObject(FIELDS_MAP);
                var mapping = desired.attributeMapping();
                fields.set("email", text(mapping == null ? null : mapping.email()));
                fields.set("user_id", text(mapping == null ? null : mapping.userId()));
            }
        }
        JsonTree.mergeVendorOptions(body, desired.vendorOptions());
        return new Rendering(body, writeOnly, Set.of(TYPE));
    }

    private static void hosted(ObjectNode body, Hosted hosted, String domainField, Set<String> writeOnly) {
        body.set("client_id", text(hosted.clientId()));
        secret(body, CLIENT_SECRET, hosted.clientSecret(), writeOnly);
        body.set(domainField, text(hosted.domain()));
    }

    /**
     * A write-only field is managed only when the spec gives it: DevRev requires it on create (so a missing one is
     * reported as missing_required_field) and never shows it, so "must be absent" could never be verified.
     */
    private static void secret(ObjectNode body, String field, SecretValue value, Set<String> writeOnly) {
        if (value != null) {
            body.put(field, value.reveal());
            writeOnly.add(field);
        }
    }

    /**
     * The create request: every managed field that has a value, except enabled (DevRev creates disabled).
     *
     * @param samlConnectionName the SAML connection_name ({@link #samlConnectionName}); ignored for other types
     */
    static ObjectNode createBody(DesiredConnection desired, Rendering rendering, String samlConnectionName) {
        ObjectNode body = withoutEmpty(JsonTree.withoutNulls(rendering.body()));
        body.remove(ENABLED);
        if (desired.kind() == ConnectionKind.SAML) {
            body.put(CONNECTION_NAME, samlConnectionName);
        }
        return body;
    }

    /**
     * DevRev's setup guide requires a SAML connection_name of the form {@code <dev_oid>-<custom>} with letters, digits
     * and single hyphens only, unique in the org; anything else fails the create. The org's id is prefixed here so
     * that a sample or spec never has to know it, and a name DevRev would refuse is reported before any write.
     */
    static String samlConnectionName(String devOid, String connectionName) {
        String derived = devOid + "-" + connectionName;
        if (!CONNECTION_NAME_FORM.matcher(derived).matches() || derived.length() > MAX_CONNECTION_NAME) {
            throw new InvalidRequestException(Reason.InvalidField, "DevRev's SAML connection_name is the org id and "
                    + "spec.connectionName joined by a hyphen (\"" + devOid + "-<connectionName>\"); it allows only "
                    + "letters, digits and single hyphens, at most " + MAX_CONNECTION_NAME + " characters, so \""
                    + connectionName + "\" cannot be used; choose a connectionName without '.', '_' or '--'");
        }
        return derived;
    }

    /** The connectionName a SAML connection_name was derived from, or null when it is not of this org's form. */
    static String connectionNameOf(String devOid, String samlConnectionName) {
        String prefix = devOid + "-";
        return samlConnectionName != null && samlConnectionName.startsWith(prefix)
                ? samlConnectionName.substring(prefix.length()) : null;
    }

    /**
     * The update request: the id, the type (it selects the schema) and only the changed fields. Everything else,
     * including a write-only field that did not change, is left out and so kept by DevRev.
     */
    static ObjectNode updateBody(String id, Rendering rendering, List<String> changedPaths) {
        ObjectNode body = JsonTree.object();
        body.put("id", id);
        body.set(TYPE, rendering.body().get(TYPE));
        for (String path : changedPaths) {
            if (path.equals(ENABLED) || path.equals(TYPE)) {
                continue;
            }
            String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
            JsonNode value = rendering.body().get(top);
            if (value != null && value.isObject()) {
                body.set(top, JsonTree.withoutNulls((ObjectNode) value)); // fields_map is replaced as a whole
            } else {
                body.set(top, value == null ? JsonTree.text(null) : value);
            }
        }
        return body;
    }

    static boolean changesFields(List<String> changedPaths) {
        return changedPaths.stream().anyMatch(p -> !p.equals(ENABLED));
    }

    /** The vendor's answer in the rendering's shape: a write-only field the type requires reads as present. */
    static ObjectNode fromVendor(JsonNode connection) {
        ObjectNode body = ((ObjectNode) connection).deepCopy();
        switch (body.path(TYPE).asText()) {
            case "oidc", "okta", "waad", "google_apps" -> body.put(CLIENT_SECRET, HIDDEN);
            case "samlp" -> body.put(SIGNING_CERT, HIDDEN);
            default -> { }
        }
        return body;
    }

    static boolean isEnterprise(JsonNode connection) {
        return Set.of("oidc", "okta", "waad", "google_apps", "samlp").contains(connection.path(TYPE).asText());
    }

    static boolean isWriteOnly(String field) { return field.equals(CLIENT_SECRET) || field.equals(SIGNING_CERT); }

    private static final Map<String, String> COMMON = Map.of(
            DISPLAY_NAME, "spec.displayName", CONNECTION_NAME, "spec.connectionName", TYPE, "spec.type",
            "fields_map.email", "spec.attributeMapping.email", "fields_map.user_id", "spec.attributeMapping.userId",
            FIELDS_MAP, "spec.attributeMapping", "sign_in_endpoint", "spec.saml.signInEndpoint",
            SIGNING_CERT, "spec.saml.signingCertificateRef", "issuer", "spec.oidc.issuer");

    /** The spec field the user edits to fix what DevRev said about {@code field}. */
    static String specPath(ConnectionKind kind, String field) {
        String common = COMMON.get(field);
        if (common != null) {
            return common;
        }
        String block = kind == null ? null : switch (kind) {
            case OIDC -> "spec.oidc";
            case Okta -> "spec.okta";
            case AzureAD -> "spec.azureAD";
            case GoogleWorkspace -> "spec.googleWorkspace";
            case SAML -> "spec.saml";
        };
        if (block == null) {
            return "the spec (DevRev field " + field + ")";
        }
        return switch (field) {
            case "client_id" -> block + ".clientId";
            case CLIENT_SECRET -> block + ".clientSecretRef (the Secret it points at)";
            case "domain" -> block + ".domain";
            case "tenant_domain" -> block + ".tenantDomain";
            default -> "spec.vendorOptions." + field + " or the type's fields";
        };
    }

    /** Drops objects left empty by {@link JsonTree#withoutNulls} (an unset fields_map). */
    private static ObjectNode withoutEmpty(ObjectNode body) {
        List<String> empty = new java.util.ArrayList<>();
        body.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && e.getValue().isEmpty()) {
                empty.add(e.getKey());
            }
        });
        body.remove(empty);
        return body;
    }
}
