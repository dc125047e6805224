package dev.federator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ConnectionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec for one connection type whose every text field holds a marker value of its own ({@code xissuerx},
 * {@code https://xissuerx.invalid}...), for reading a vendor's representation backwards: rendered by the adapter,
 * each marker shows where (and inside which fixed text) that field ends up on the vendor.
 */
final class ExportProbe {
    static final String SECRET_NAME = "federator-export-probe";
    static final String SECRET_KEY = "value";
    /** The probe Secret's value: a rendered field holding it is a secret, never read back. */
    static final String SECRET_MARKER = "xsecretx";
    /** The probe Secret's key for a SAML signing certificate, and the exported Secret's. */
    static final String CERTIFICATE_KEY = "tls.crt";
    /** A throwaway public certificate: where its base64 shows in a rendering is where the vendor keeps one. */
    static final String CERTIFICATE = certificate();

    /** The two markers of a list field; what separates them in a rendered text is the list's separator. */
    static final List<String> LIST_ITEMS = List.of("a", "b");

    private ExportProbe() {}

    /** Spec field (dot path under spec) to its marker, for the type's text fields. */
    static Map<String, String> textFields(ConnectionType type) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("displayName", "xdisplaynamex");
        for (String claim : List.of("email", "userId", "firstName", "lastName", "groups")) {
            fields.put("attributeMapping." + claim, "x" + claim.toLowerCase() + "x");
        }
        switch (type) {
            case OIDC -> {
                fields.put("oidc.clientId", "xclientidx");
                for (String url : List.of("issuer", "discoveryUrl", "authorizationUrl", "tokenUrl", "userInfoUrl",
                        "jwksUrl", "logoutUrl")) {
                    fields.put("oidc." + url, "https://x" + url.toLowerCase() + "x.invalid");
                }
            }
            case SAML -> {
                fields.put("saml.entityId", "xentityidx");
                fields.put("saml.nameIdFormat", "xnameidformatx");
                for (String url : List.of("signInEndpoint", "signOutEndpoint", "metadataUrl")) {
                    fields.put("saml." + url, "https://x" + url.toLowerCase() + "x.invalid");
                }
            }
            case AzureAD, Okta, GoogleWorkspace -> {
                fields.put(block(type) + ".clientId", "xclientidx");
                fields.put(block(type) + (type == ConnectionType.GoogleWorkspace ? ".tenantDomain" : ".domain"),
                        "xdomainx.invalid");
            }
        }
        return fields;
    }

    /** Spec list fields to the prefix of their two markers. */
    static Map<String, String> listFields(ConnectionType type) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("domains", "xdomain%sx.invalid");
        if (type == ConnectionType.OIDC) {
            fields.put("oidc.scopes", "xscope%sx");
        }
        return fields;
    }

    static List<String> booleanFields(ConnectionType type) {
        return switch (type) {
            case OIDC -> List.of("enabled", "oidc.pkce");
            case SAML -> List.of("enabled", "saml.wantAuthnRequestsSigned", "saml.idpInitiated", "saml.postBinding");
            default -> List.of("enabled");
        };
    }

    /**
     * Spec fields that take one of a few values, to the values: read back by rendering each ({@link ReverseEnums}).
     * clientAuthMethod's are the CRD's pattern; provider's are those its description names (vendors that key
     * credentials by provider).
     */
    static Map<String, List<String>> enumFields(ConnectionType type) {
        if (type != ConnectionType.OIDC) {
            return Map.of();
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("oidc.clientAuthMethod", patternValues(dev.federator.api.v1alpha1.OidcSpec.class, "clientAuthMethod"));
        fields.put("oidc.provider", List.of("google", "github", "bitbucket", "gitlab", "facebook", "line", "azuread",
                "okta", "apple"));
        return fields;
    }

    /** The alternatives of a field's {@code ^(a|b|c)$} pattern. */
    static List<String> patternValues(Class<?> type, String field) {
        try {
            String pattern = type.getField(field).getAnnotation(io.fabric8.generator.annotation.Pattern.class).value();
            return List.of(pattern.replaceAll("^\\^\\(|\\)\\$$", "").split("\\|"));
        } catch (NoSuchFieldException | NullPointerException e) {
            throw new IllegalStateException(type.getSimpleName() + "." + field + " has no pattern of values", e);
        }
    }

    static String block(ConnectionType type) {
        return switch (type) {
            case OIDC -> "oidc";
            case SAML -> "saml";
            case AzureAD -> "azureAD";
            case Okta -> "okta";
            case GoogleWorkspace -> "googleWorkspace";
        };
    }

    /** The probe spec: every marker set, every secret read from the probe Secret. */
    static ObjectNode spec(ConnectionType type, String platform, String remoteName) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.putObject("platformRef").put("name", platform);
        spec.put("connectionName", remoteName);
        spec.put("type", type.name());
        textFields(type).forEach((path, marker) -> set(spec, path, spec.textNode(marker)));
        listFields(type).forEach((path, marker) -> {
            ArrayNode items = spec.arrayNode();
            LIST_ITEMS.forEach(i -> items.add(marker.formatted(i)));
            set(spec, path, items);
        });
        if (type != ConnectionType.SAML) {
            ObjectNode ref = spec.objectNode().put("name", SECRET_NAME).put("key", SECRET_KEY);
            set(spec, block(type) + ".clientSecretRef", ref);
        } else {
            set(spec, "saml.signingCertificateRef", spec.objectNode().put("name", SECRET_NAME)
                    .put("key", CERTIFICATE_KEY));
        }
        return spec;
    }

    /** The base64 body of the probe certificate, as vendors store it without PEM armour. */
    static String certificateBase64() {
        return CERTIFICATE.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** A vendor's certificate text (PEM, or base64 DER) as PEM. */
    static String pem(String text) {
        if (text.contains("BEGIN CERTIFICATE")) {
            return text;
        }
        String body = text.replaceAll("\\s", "");
        StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        return pem.append("-----END CERTIFICATE-----\n").toString();
    }

    private static String certificate() {
        try (var in = ExportProbe.class.getResourceAsStream("/META-INF/federator/export-probe-certificate.pem")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("this build lacks the export probe certificate", e);
        }
    }

    /** Whether a rendered value carries any probe marker (a spec value, not fixed text). */
    static boolean holdsMarker(JsonNode value) {
        String text = value.toString();
        if (text.contains(SECRET_MARKER) || text.contains(certificateBase64().substring(0, 64))) {
            return true;
        }
        for (ConnectionType type : ConnectionType.values()) {
            if (textFields(type).values().stream().anyMatch(text::contains) || listFields(type).values().stream()
                    .anyMatch(m -> text.contains(m.formatted(LIST_ITEMS.get(0))))) {
                return true;
            }
        }
        return false;
    }

    static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : dev.federator.provider.kit.JsonTree.at(root, path.substring(0, dot));
        if (parent instanceof ObjectNode object) {
            object.remove(path.substring(dot + 1));
        }
    }

    static void set(ObjectNode root, String path, JsonNode value) {
        ObjectNode node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.with(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
