package dev.federator.sim.keycloak;

import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config checks Keycloak 26 runs when an identity provider is created or updated ({@code validate(RealmModel)} of
 * OAuth2IdentityProviderConfig, which every OIDC and social provider inherits, and of SAMLIdentityProviderConfig,
 * with UriUtils.checkUrl for each URL), for a realm with the default {@code sslRequired: external}. Each failure is
 * an IllegalArgumentException carrying Keycloak's own message, which the admin API answers as a 400.
 */
final class ProviderConfigRules {
    static final String TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    private static final Set<String> PKCE_METHODS = Set.of("plain", "S256");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

    private ProviderConfigRules() {}

    static void validate(String providerId, Map<String, String> config) {
        if (providerId.equals("saml")) {
            saml(config);
        } else {
            oauth2(config);
        }
    }

    private static void oauth2(Map<String, String> config) {
        checkUrl(config.get("authorizationUrl"), "authorization_url");
        checkUrl(config.get("tokenUrl"), "token_url");
        checkUrl(config.get("userInfoUrl"), "userinfo_url");
        if (Boolean.parseBoolean(config.getOrDefault("pkceEnabled", "false"))) {
            String method = config.get("pkceMethod");
            if (method == null || !PKCE_METHODS.contains(method)) {
                throw new IllegalArgumentException("PKCE Method not supported: " + method);
            }
        }
    }

    private static void saml(Map<String, String> config) {
        checkUrl(config.get("singleLogoutServiceUrl"), "singleLogoutServiceUrl");
        checkUrl(config.get("singleSignOnServiceUrl"), "singleSignOnServiceUrl");
        String metadata = config.get("metadataDescriptorUrl");
        if (metadata != null && !metadata.isBlank()) {
            checkUrl(metadata, "metadataDescriptorUrl");
        }
        if (Boolean.parseBoolean(config.get("useMetadataDescriptorUrl")) && (metadata == null || metadata.isBlank())) {
            throw new IllegalArgumentException("useMetadataDescriptorUrl needs a non-empty URL for metadataDescriptorUrl");
        }
        String artifact = config.get("artifactResolutionServiceUrl");
        if (artifact != null && !artifact.isBlank()) {
            checkUrl(artifact, "artifactResolutionServiceUrl");
        }
        // SUBJECT is Keycloak's default principal type.
        String principalType = config.getOrDefault("principalType", "SUBJECT");
        if (TRANSIENT.equals(config.get("nameIDPolicyFormat")) && principalType.equals("SUBJECT")) {
            throw new IllegalArgumentException(
                    "Can not have Transient NameID Policy Format together with SUBJECT Principal Type");
        }
    }

    /** UriUtils.checkUrl: a java.net.URL, http or https, and https unless the host is local (sslRequired external). */
    @SuppressWarnings("deprecation") // Keycloak parses with new URL(...), whose notion of "malformed" is the one to match
    private static void checkUrl(String url, String name) {
        if (url == null) {
            return;
        }
        URL parsed;
        try {
            parsed = new URL(url);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("The url [" + name + "] is malformed");
        }
        String protocol = parsed.getProtocol().toLowerCase();
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw new IllegalArgumentException("Invalid protocol/scheme for url [" + name + "]");
        }
        if (!protocol.equals("https") && !isLocal(parsed.getHost())) {
            throw new IllegalArgumentException("The url [" + name + "] requires secure connections");
        }
    }

    /**
     * Keycloak resolves the host and treats loopback, site-local and any-local addresses as local; the simulator does
     * not go to DNS, so a name other than localhost counts as remote.
     */
    private static boolean isLocal(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isSiteLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
