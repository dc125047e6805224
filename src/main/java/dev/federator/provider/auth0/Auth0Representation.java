package dev.federator.provider.auth0;

import static dev.federator.provider.kit.JsonTree.bool;
import static dev.federator.provider.kit.JsonTree.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.DesiredConnection.AttributeMapping;
import dev.federator.provider.spi.DesiredConnection.Hosted;
import dev.federator.provider.spi.DesiredConnection.Oidc;
import dev.federator.provider.spi.DesiredConnection.Saml;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a desired connection to Auth0's connection object ({@code name}, {@code strategy}, {@code display_name},
 * {@code options}, {@code metadata}...). Auth0 returns {@code options.client_secret} in plain text (with the
 * read:connections_options scope), so nothing here is write-only.
 */
final class Auth0Representation {
    /** Auth0's own rule for connection names (its payload validation pattern), at most 128 characters. */
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$");
    static final int NAME_MAX = 128;
    /** Auth0 keeps arbitrary metadata (max 10 keys, values up to 255 characters): room for the owner's uid. */
    static final String OWNER = "metadata.federator_owner";
    static final Set<String> IDENTITY = Set.of("name", "strategy");
    /**
     * The applications the connection is enabled for, as client ids. Not a field Auth0 accepts on the connection any
     * more: the rendering carries it so that it is compared like any other managed field, and Auth0Client reads and
     * writes it through {@code /connections/{id}/clients}.
     */
    static final String CLIENTS = "enabled_clients";
    private static final String POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    private static final String REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    private Auth0Representation() {}

    static String strategy(ConnectionKind kind) {
        return switch (kind) {
            case OIDC -> "oidc";
            case SAML -> "samlp";
            case AzureAD -> "waad";
            case Okta -> "okta";
            case GoogleWorkspace -> "google-apps";
        };
    }

    static Rendering render(DesiredConnection desired) {
        validateName(desired.name());
        ObjectNode body = JsonTree.object();
        body.put("name", desired.name());
        body.put("strategy", strategy(desired.kind()));
        // Auth0 shows the name where display_name is missing, and a PATCH without it resets it to the name.
        body.put("display_name", desired.displayNameOrName());
        ObjectNode options = body.putObject("options");
        switch (desired.kind()) {
            case OIDC -> oidc(options, desired.oidc(), desired.attributeMapping());
            case SAML -> saml(options, desired.saml(), desired.attributeMapping());
            case Okta -> okta(options, desired.hosted(), desired.attributeMapping());
            case AzureAD -> waad(options, desired.hosted());
            case GoogleWorkspace -> google(options, desired.hosted());
        }
        options.set("domain_aliases", desired.domains().isEmpty() ? JsonNodeFactory.instance.nullNode()
                : strings(desired.domains()));
        body.putObject("metadata").put(OWNER.substring("metadata.".length()), desired.ownerId());
        Map<String, Object> vendorOptions = new LinkedHashMap<>(desired.vendorOptions());
        ArrayNode applications = applications(vendorOptions.remove(CLIENTS));
        JsonTree.mergeVendorOptions(body, vendorOptions);
        if (!desired.enabled()) {
            // Auth0 has no enabled flag: a connection no application uses is off.
            if (applications != null && !applications.isEmpty()) {
                throw new InvalidRequestException(Reason.EnabledClientsWhileDisabled, "spec.enabled is false but "
                        + "vendorOptions.enabled_clients lists applications; remove one or the other");
            }
            body.putArray(CLIENTS);
        } else if (applications != null) {
            body.set(CLIENTS, applications);
        }
        return new Rendering(body, Set.of(), IDENTITY);
    }

    /** vendorOptions.enabled_clients as a sorted list of client ids; null when the spec does not manage them. */
    private static ArrayNode applications(Object listed) {
        if (listed == null) {
            return null;
        }
        if (!(listed instanceof List<?> list) || list.stream().anyMatch(c -> !(c instanceof String s) || s.isBlank())) {
            throw new InvalidRequestException(Reason.InvalidField, "vendorOptions.enabled_clients must be a list of "
                    + "Auth0 application client ids");
        }
        return strings(list.stream().map(String.class::cast).distinct().sorted().toList());
    }

    static void validateName(String name) {
        if (name == null || name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException(Reason.InvalidConnectionName, "Auth0 connection names may hold only "
                    + "letters, digits and single hyphens, must start and end with a letter or digit and be at most "
                    + NAME_MAX + " characters; '" + name + "' is not one: set spec.connectionName to a valid name");
        }
    }

    private static void oidc(ObjectNode options, Oidc oidc, AttributeMapping mapping) {
        options.set("client_id", text(oidc.clientId()));
        options.set("client_secret", secret(oidc.clientSecret()));
        // back_channel (code flow) needs the client secret; without one Auth0 uses the implicit front channel.
        options.put("type", oidc.clientSecret() == null ? "front_channel" : "back_channel");
        options.set("issuer", text(oidc.issuer()));
        options.set("discovery_url", text(oidc.discoveryUrl()));
        options.set("authorization_endpoint", text(oidc.authorizationUrl()));
        options.set("token_endpoint", text(oidc.tokenUrl()));
        options.set("userinfo_endpoint", text(oidc.userInfoUrl()));
        options.set("jwks_uri", text(oidc.jwksUrl()));
        options.set("scope", text(oidc.scopes().isEmpty() ? null : String.join(" ", oidc.scopes())));
        attributeMap(options, mapping);
    }

    private static void okta(ObjectNode options, Hosted hosted, AttributeMapping mapping) {
        options.set("client_id", text(hosted.clientId()));
        options.set("client_secret", secret(hosted.clientSecret()));
        options.set("domain", text(hosted.domain()));
        options.put("type", "back_channel");
        attributeMap(options, mapping);
    }

    private static void waad(ObjectNode options, Hosted hosted) {
        options.set("client_id", text(hosted.clientId()));
        options.set("client_secret", secret(hosted.clientSecret()));
        options.set("domain", text(hosted.domain()));
        options.set("tenant_domain", text(hosted.domain()));
        options.put("waad_protocol", "openid-connect");
    }

    private static void google(ObjectNode options, Hosted hosted) {
        options.set("client_id", text(hosted.clientId()));
        options.set("client_secret", secret(hosted.clientSecret()));
        options.set("domain", text(hosted.domain()));
        options.set("tenant_domain", text(hosted.domain()));
    }

    private static void saml(ObjectNode options, Saml saml, AttributeMapping mapping) {
        options.set("signInEndpoint", text(saml.signInEndpoint()));
        options.set("signOutEndpoint", text(saml.signOutEndpoint()));
        options.set("entityId", text(saml.entityId()));
        options.set("metadataUrl", text(saml.metadataUrl()));
        // Auth0 holds one IdP signing certificate; the first of a bundle is the one in use.
        options.set("signingCert", text(saml.signingCertificate() == null ? null
                : saml.signingCertificate().base64Der().get(0)));
        options.set("signSAMLRequest", bool(saml.wantAuthnRequestsSigned()));
        options.set("protocolBinding", text(saml.postBinding() == null ? null
                : saml.postBinding() ? POST_BINDING : REDIRECT_BINDING));
        options.set("idpinitiated", saml.idpInitiated() == null ? JsonNodeFactory.instance.nullNode()
                : JsonNodeFactory.instance.objectNode().put("enabled", saml.idpInitiated()));
        if (mapping != null) {
            ObjectNode fields = options.putObject("fieldsMap");
            fields.set("email", text(mapping.email()));
            fields.set("user_id", text(mapping.userId()));
            fields.set("given_name", text(mapping.firstName()));
            fields.set("family_name", text(mapping.lastName()));
            fields.set("groups", text(mapping.groups()));
        }
    }

    /** OIDC and Okta claims to Auth0 profile attributes, in Auth0's attribute_map "use_map" form. */
    private static void attributeMap(ObjectNode options, AttributeMapping mapping) {
        if (mapping == null) {
            return;
        }
        ObjectNode map = options.putObject("attribute_map");
        map.put("mapping_mode", "use_map");
        ObjectNode attributes = map.putObject("attributes");
        attributes.set("email", claim(mapping.email()));
        attributes.set("user_id", claim(mapping.userId()));
        attributes.set("given_name", claim(mapping.firstName()));
        attributes.set("family_name", claim(mapping.lastName()));
        attributes.set("groups", claim(mapping.groups()));
    }

    private static JsonNode claim(String name) { return text(name == null ? null : "${context.tokenset." + name + "}"); }

    private static JsonNode secret(SecretValue value) { return text(value == null ? null : value.reveal()); }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /**
     * The PATCH body. Auth0 replaces {@code options} (and {@code metadata}) whole, so both start from what the tenant
     * holds now, including keys it manages itself (thumbprints, cert, oidc_metadata, google tokens), and get the
     * managed keys overlaid. Name and strategy are not patchable and never sent.
     */
    static ObjectNode patchBody(ObjectNode stored, Rendering rendering) {
        ObjectNode merged = stored.deepCopy();
        JsonTree.overlay(merged, rendering.body());
        ObjectNode patch = JsonTree.object();
        rendering.body().fieldNames().forEachRemaining(field -> {
            if (IDENTITY.contains(field) || field.equals(CLIENTS)) {
                return;
            }
            JsonNode value = merged.get(field);
            if (value == null || value.isNull()) {
                JsonNode wanted = rendering.body().get(field);
                // An array that must be empty is sent empty; an absent scalar is simply not sent.
                if (wanted != null && wanted.isArray()) {
                    patch.putArray(field);
                }
            } else {
                patch.set(field, value);
            }
        });
        // A PATCH without display_name makes Auth0 overwrite it with the name: always send the one wanted or held.
        if (!patch.path("display_name").isTextual()) {
            patch.put("display_name", stored.path("display_name").asText(stored.path("name").asText()));
        }
        return patch;
    }
}
