package dev.federator.provider.keycloak;

import static dev.federator.provider.kit.JsonTree.boolText;
import static dev.federator.provider.kit.JsonTree.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.DesiredConnection.Hosted;
import dev.federator.provider.spi.DesiredConnection.Oidc;
import dev.federator.provider.spi.DesiredConnection.Saml;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Rendering;
import java.util.Set;

/**
 * Maps a desired connection to Keycloak's IdentityProviderRepresentation. Public because ezto auth, a Keycloak-based
 * platform, stores the same representation and must map it the same way.
 */
public final class KeycloakRepresentation {
    /** Keycloak returns this instead of the stored client secret; sending it back keeps the stored one. */
    public static final String MASK = "**********";
    public static final String CLIENT_SECRET = "config.clientSecret";
    /** Keycloak keeps unknown config keys, so the owner's uid can live on the identity provider itself. */
    public static final String OWNER = "config.federatorOwnerId";
    private static final String TRANSIENT_NAME_ID = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";

    private KeycloakRepresentation() {}

    public static Rendering render(DesiredConnection desired) {
        ObjectNode body = JsonTree.object();
        body.put("alias", desired.name());
        body.set("displayName", text(desired.displayName()));
        body.put("enabled", desired.enabled());
        ObjectNode config = body.putObject("config");
        switch (desired.kind()) {
            case OIDC -> oidc(body, config, desired.oidc());
            case SAML -> saml(body, config, desired.saml(), desired);
            case Okta -> hostedOidc(body, config, desired.hosted(), "https://" + desired.hosted().domain(),
                    "/oauth2/v1/authorize", "/oauth2/v1/token", "/oauth2/v1/userinfo", "/oauth2/v1/keys",
                    "/oauth2/v1/logout");
            case AzureAD -> hostedOidc(body, config, desired.hosted(),
                    "https://login.microsoftonline.com/" + desired.hosted().domain(),
                    "/oauth2/v2.0/authorize", "/oauth2/v2.0/token", null, "/discovery/v2.0/keys",
                    "/oauth2/v2.0/logout");
            case GoogleWorkspace -> google(body, config, desired.hosted());
        }
        config.put(OWNER.substring("config.".length()), desired.ownerId());
        JsonTree.mergeVendorOptions(body, desired.vendorOptions());
        boolean hasSecret = !config.path("clientSecret").isMissingNode();
        return new Rendering(body, hasSecret ? Set.of(CLIENT_SECRET) : Set.of(), Set.of("alias", "providerId"));
    }

    private static void oidc(ObjectNode body, ObjectNode config, Oidc oidc) {
        if (oidc.authorizationUrl() == null || oidc.tokenUrl() == null) {
            throw new InvalidRequestException(Reason.MissingField, "Keycloak needs spec.oidc.authorizationUrl and "
                    + "spec.oidc.tokenUrl (it does not read the discovery document through its admin API)");
        }
        body.put("providerId", "oidc");
        config.set("clientId", text(oidc.clientId()));
        config.set("clientSecret", text(oidc.clientSecret() == null ? null : oidc.clientSecret().reveal()));
        config.set("clientAuthMethod", text(oidc.clientAuthMethod() == null ? "client_secret_post"
                : oidc.clientAuthMethod()));
        config.set("issuer", text(oidc.issuer()));
        config.set("authorizationUrl", text(oidc.authorizationUrl()));
        config.set("tokenUrl", text(oidc.tokenUrl()));
        config.set("userInfoUrl", text(oidc.userInfoUrl()));
        config.set("logoutUrl", text(oidc.logoutUrl()));
        config.set("jwksUrl", text(oidc.jwksUrl()));
        config.set("useJwksUrl", boolText(oidc.jwksUrl() != null ? Boolean.TRUE : null));
        config.set("validateSignature", boolText(oidc.jwksUrl() != null ? Boolean.TRUE : null));
        config.set("pkceEnabled", boolText(oidc.pkce()));
        config.set("pkceMethod", text(Boolean.TRUE.equals(oidc.pkce()) ? "S256" : null));
        config.set("defaultScope", text(oidc.scopes().isEmpty() ? null : String.join(" ", oidc.scopes())));
    }

    private static void hostedOidc(ObjectNode body, ObjectNode config, Hosted hosted, String base, String authorize,
                                   String token, String userInfo, String jwks, String logout) {
        body.put("providerId", "oidc");
        config.set("clientId", text(hosted.clientId()));
        config.set("clientSecret", text(hosted.clientSecret() == null ? null : hosted.clientSecret().reveal()));
        config.set("clientAuthMethod", text("client_secret_post"));
        config.set("issuer", text(base.contains("microsoftonline") ? base + "/v2.0" : base));
        config.set("authorizationUrl", text(base + authorize));
        config.set("tokenUrl", text(base + token));
        config.set("userInfoUrl", text(userInfo == null ? null : base + userInfo));
        config.set("jwksUrl", text(base + jwks));
        config.set("useJwksUrl", text("true"));
        config.set("validateSignature", text("true"));
        config.set("logoutUrl", text(base + logout));
        config.set("defaultScope", text("openid email profile"));
    }

    private static void google(ObjectNode body, ObjectNode config, Hosted hosted) {
        body.put("providerId", "google");
        config.set("clientId", text(hosted.clientId()));
        config.set("clientSecret", text(hosted.clientSecret() == null ? null : hosted.clientSecret().reveal()));
        config.set("hostedDomain", text(hosted.domain()));
    }

    private static void saml(ObjectNode body, ObjectNode config, Saml saml, DesiredConnection desired) {
        body.put("providerId", "saml");
        config.set("singleSignOnServiceUrl", text(saml.signInEndpoint()));
        config.set("singleLogoutServiceUrl", text(saml.signOutEndpoint()));
        config.set("idpEntityId", text(saml.entityId()));
        config.set("metadataDescriptorUrl", text(saml.metadataUrl()));
        // Keycloak reads metadataDescriptorUrl only when this flag is "true"; without it the URL is ignored.
        config.set("useMetadataDescriptorUrl", boolText(saml.metadataUrl() != null ? Boolean.TRUE : null));
        boolean hasCert = saml.signingCertificate() != null;
        config.set("signingCertificate", text(hasCert ? String.join(",", saml.signingCertificate().base64Der()) : null));
        config.set("validateSignature", text(hasCert ? "true" : "false"));
        config.set("nameIDPolicyFormat", text(saml.nameIdFormat()));
        config.set("wantAuthnRequestsSigned", boolText(saml.wantAuthnRequestsSigned()));
        config.set("postBindingResponse", boolText(saml.postBinding()));
        config.set("postBindingAuthnRequest", boolText(saml.postBinding()));
        String userId = desired.attributeMapping() == null ? null : desired.attributeMapping().userId();
        if (TRANSIENT_NAME_ID.equals(saml.nameIdFormat()) && userId == null) {
            throw new InvalidRequestException(Reason.InvalidField, "Keycloak refuses a transient NameID format with its "
                    + "default SUBJECT principal type (the user would change on every login): set "
                    + "spec.attributeMapping.userId to the attribute that identifies the user, or choose another "
                    + "spec.saml.nameIdFormat");
        }
        config.set("principalType", text(userId == null ? null : "ATTRIBUTE"));
        config.set("principalAttribute", text(userId));
    }

    /** What Keycloak shows of a representation it accepted: the same, with the client secret masked. */
    public static ObjectNode asRead(ObjectNode sent, Rendering rendering) {
        ObjectNode stored = sent.deepCopy();
        if (rendering.writeOnlyPaths().contains(CLIENT_SECRET)) {
            JsonTree.set(stored, CLIENT_SECRET, text(MASK));
        }
        return stored;
    }

    /**
     * The PUT body: what Keycloak holds, with the managed fields overlaid. An unchanged client secret is sent back as
     * the mask, because omitting the key would clear the stored secret.
     */
    public static ObjectNode updateBody(ObjectNode current, Rendering rendering, java.util.List<String> changedPaths) {
        ObjectNode body = current.deepCopy();
        ObjectNode desired = rendering.body().deepCopy();
        if (rendering.writeOnlyPaths().contains(CLIENT_SECRET) && !changedPaths.contains(CLIENT_SECRET)) {
            JsonTree.set(desired, CLIENT_SECRET, text(MASK));
        }
        JsonTree.overlay(body, desired);
        return body;
    }
}
