package dev.federator.provider.slashid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SlashID provider credentials as Federator compares them.
 *
 * <p>OIDC credentials have no name on SlashID: they are keyed by the IdP's client id. Federator keeps the
 * connectionName and the owner's uid in {@code external_cred_id} as {@code federator:<uid>:<connectionName>}, and
 * shows it to the operator as the synthetic object {@code federator {name, owner}} (never sent as such). The write-only
 * values (client_secret, Apple's private_key) are never returned, so a read carries a placeholder where SlashID holds
 * one and the operator compares them by fingerprint.
 *
 * <p>SAML credentials get server ids and have no free field but {@code label}: they are found by id, or by label
 * (displayName, else connectionName) when the id was lost.
 */
final class SlashIdRepresentation {
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String PROVIDER = "provider";
    static final String OWNER = "federator.owner";
    static final String NAME = "federator.name";
    static final String APPLE_KEY = "options.apple.private_key";
    /** SlashID's bounds for Apple's secret_lifetime, and its default when none is given (30 days). */
    static final java.time.Duration APPLE_MIN_LIFETIME = java.time.Duration.ofMinutes(5);
    static final java.time.Duration APPLE_MAX_LIFETIME = java.time.Duration.ofSeconds(15_777_000);
    static final String APPLE_DEFAULT_LIFETIME = "720h";
    static final String HELD = "(write-only, held by SlashID)";
    private static final String MARKER = "federator:";
    static final Set<String> OIDC_PROVIDERS = Set.of("github", "gitlab", "bitbucket", "facebook", "line", "apple",
            "google");

    private SlashIdRepresentation() {}

    static Rendering render(DesiredConnection desired) {
        if (!desired.enabled()) {
            throw new InvalidRequestException(Reason.UnsupportedField, "SlashID provider credentials cannot be disabled; "
                    + "remove spec.enabled: false (or delete the IdentityConnection to remove them)");
        }
        if (desired.vendorOptions().containsKey("external_cred_id") || desired.vendorOptions().containsKey("federator")) {
            throw new InvalidRequestException(Reason.VendorOptionConflict, "vendorOptions.external_cred_id is where "
                    + "Federator keeps the connection name and owner on SlashID; remove it from vendorOptions");
        }
        ObjectNode body = JsonTree.object();
        Set<String> writeOnly = new HashSet<>();
        if (desired.kind() == ConnectionKind.SAML) {
            DesiredConnection.Saml saml = desired.saml();
            if (saml == null || saml.metadataUrl() == null || saml.metadataUrl().isBlank()) {
                throw new InvalidRequestException(Reason.MissingField, "SlashID reads SAML identity providers from their "
                        + "metadata: set spec.saml.metadataUrl");
            }
            body.put("idp_metadata_url", saml.metadataUrl());
            body.put("label", desired.displayNameOrName());
            String email = desired.attributeMapping() == null ? null : desired.attributeMapping().email();
            if (email == null || email.isBlank()) {
                body.putNull("email_claims");
            } else {
                body.putArray("email_claims").add(email);
            }
            JsonTree.mergeVendorOptions(body, desired.vendorOptions());
            return new Rendering(body, writeOnly, Set.of());
        }
        String provider;
        String clientId;
        SecretValue secret;
        List<String> scopes = List.of();
        ObjectNode options = JsonTree.object();
        switch (desired.kind()) {
            case Okta -> {
                provider = "okta";
                clientId = desired.hosted().clientId();
                secret = desired.hosted().clientSecret();
                String domain = required(desired.hosted().domain(), "spec.okta.domain");
                options.put("organization_url", domain.startsWith("https://") ? domain : "https://" + domain);
            }
            case AzureAD -> {
                provider = "azuread";
                clientId = desired.hosted().clientId();
                secret = desired.hosted().clientSecret();
                if (desired.hosted().domain() != null && !desired.hosted().domain().isBlank()) {
                    options.put("tenant", desired.hosted().domain());
                }
            }
            case GoogleWorkspace -> {
                provider = "google";
                clientId = desired.hosted().clientId();
                secret = desired.hosted().clientSecret();
            }
            default -> {
                DesiredConnection.Oidc oidc = desired.oidc();
                provider = oidc.provider() == null ? "" : oidc.provider().trim().toLowerCase(java.util.Locale.ROOT);
                if (provider.equals("okta") || provider.equals("azuread")) {
                    throw new InvalidRequestException(Reason.InvalidField, "for provider " + provider + " use type "
                            + (provider.equals("okta") ? "Okta with spec.okta" : "AzureAD with spec.azureAD")
                            + ", which carry the domain SlashID needs");
                }
                if (!OIDC_PROVIDERS.contains(provider)) {
                    throw new InvalidRequestException(provider.isEmpty() ? Reason.MissingField : Reason.InvalidField,
                            "SlashID keys OIDC credentials by provider: set spec.oidc.provider to one of "
                                    + "github, gitlab, bitbucket, facebook, line, apple or google"
                                    + (provider.isEmpty() ? "" : " (got " + provider + ")"));
                }
                clientId = oidc.clientId();
                secret = oidc.clientSecret();
                scopes = oidc.scopes();
            }
        }
        required(clientId, "the client id");
        if (!scopes.isEmpty()) {
            ArrayNode array = options.putArray("authorize_scopes");
            scopes.forEach(array::add);
        }
        body.put(CLIENT_ID, clientId);
        body.put(PROVIDER, provider);
        if (provider.equals("apple")) {
            // SlashID mints Apple's client secret (a signed JWT) from the private key; the Secret holds the .p8 key.
            if (secret == null) {
                throw new InvalidRequestException(Reason.MissingField, "for provider apple set spec.oidc.clientSecretRef to "
                        + "the Secret key holding the Apple private key (.p8); team_id and key_id go in "
                        + "spec.vendorOptions.options.apple");
            }
            options.put("private_key", secret.reveal());
            writeOnly.add(APPLE_KEY);
        } else if (secret == null) {
            throw new InvalidRequestException(Reason.MissingField, "SlashID requires a client secret: set "
                    + "clientSecretRef to the Secret key holding it");
        }
        // Required for every provider by SlashID's create schema; for Apple it is the key SlashID signs with.
        body.put(CLIENT_SECRET, secret.reveal());
        writeOnly.add(CLIENT_SECRET);
        body.set("label", JsonTree.text(desired.displayName()));
        if (!options.isEmpty()) {
            body.putObject("options").set(provider, options);
        }
        body.putObject("federator").put("name", desired.name()).set("owner", JsonTree.text(desired.ownerId()));
        JsonTree.mergeVendorOptions(body, desired.vendorOptions());
        if (provider.equals("apple")) {
            ObjectNode apple = (ObjectNode) body.path("options").path("apple");
            if (!apple.hasNonNull("secret_lifetime")) {
                apple.put("secret_lifetime", APPLE_DEFAULT_LIFETIME); // required; SlashID's own default
            }
            requireAppleOptions(apple);
        }
        // provider cannot change on SlashID; client_id can, through create-new-then-delete-old in update().
        return new Rendering(body, writeOnly, Set.of(PROVIDER));
    }

    /** SlashID's Apple options schema requires team_id, key_id and a secret_lifetime of 5 minutes to 6 months. */
    private static void requireAppleOptions(JsonNode apple) {
        for (String field : List.of("team_id", "key_id")) {
            if (apple.path(field).asText("").isBlank()) {
                throw new InvalidRequestException(Reason.MissingField, "SlashID needs Apple's " + field + " for provider "
                        + "apple: set spec.vendorOptions.options.apple." + field + " (from your Apple developer "
                        + "account)");
            }
        }
        String lifetime = apple.path("secret_lifetime").asText("");
        boolean inRange = GoDuration.parse(lifetime).filter(d -> d.compareTo(APPLE_MIN_LIFETIME) >= 0
                && d.compareTo(APPLE_MAX_LIFETIME) <= 0).isPresent();
        if (!inRange) {
            throw new InvalidRequestException(Reason.InvalidField, "spec.vendorOptions.options.apple.secret_lifetime must "
                    + "be a Go duration from 5m to 4382h30m (6 months), for example 720h; got \"" + lifetime + "\"");
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(Reason.MissingField, "SlashID needs " + what + "; set it in the spec");
        }
        return value;
    }

    /** What is sent on create: the rendering without absent fields, with the marker in external_cred_id. */
    static ObjectNode oidcWire(ObjectNode rendering) {
        ObjectNode wire = JsonTree.withoutNulls(rendering);
        JsonNode federator = wire.remove("federator");
        if (federator != null) {
            wire.put("external_cred_id", marker(federator.path("owner").asText(""), federator.path("name").asText()));
        }
        return wire;
    }

    static String marker(String owner, String name) { return MARKER + owner + ":" + name; }

    /** A credential as read, with the marker unpacked and placeholders where SlashID holds write-only values. */
    static ObjectNode oidcRemote(JsonNode stored) {
        ObjectNode body = ((ObjectNode) stored).deepCopy();
        String external = body.path("external_cred_id").asText("");
        if (external.startsWith(MARKER)) {
            String rest = external.substring(MARKER.length());
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                body.putObject("federator").put("owner", rest.substring(0, colon)).put("name", rest.substring(colon + 1));
                body.remove("external_cred_id"); // shown as federator, as the rendering has it
            }
        }
        if ("apple".equals(body.path(PROVIDER).asText())) {
            JsonTree.set(body, APPLE_KEY, JsonTree.text(HELD));
        }
        body.put(CLIENT_SECRET, HELD);
        return body;
    }

    /** The connection name a read credential carries in its marker, or null. */
    static String nameOf(ObjectNode remoteBody) {
        JsonNode name = JsonTree.at(remoteBody, NAME);
        return name.isTextual() ? name.asText() : null;
    }
}
