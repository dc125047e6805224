package dev.federator.provider.loginradius;

import static dev.federator.provider.kit.JsonTree.bool;
import static dev.federator.provider.kit.JsonTree.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.DesiredConnection.AttributeMapping;
import dev.federator.provider.spi.DesiredConnection.Saml;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Rendering;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Maps a desired connection to a LoginRadius organization connection. Documented: Name, Domain (both required on
 * create), IsActive, ConnectionType saml_custom, IDPEntityId, IDPMetadataUrl, IsIDPInitiated, IDPCertificate
 * (Certificate as PEM with its headers in every published example) and Attributes as they appear in responses;
 * request fields beyond Name and Domain are assumed to mirror the response. No field for the IdP's sign-in URL is
 * documented, so none is sent (LoginRadius reads it from IDPMetadataUrl). OIDC is undocumented and sent only as the
 * user's vendorOptions describe it.
 */
final class LoginRadiusRepresentation {
    static final String NAME = "Name";
    static final String CONNECTION_TYPE = "ConnectionType";
    static final String SAML_TYPE = "saml_custom";
    static final String CERTIFICATE = "IDPCertificate.Certificate";
    /** Computed by LoginRadius from the certificate; never sent back with a changed certificate. */
    static final List<String> CERTIFICATE_DATES = List.of("IDPCertificate.NotAfter", "IDPCertificate.NotBefore");
    /** Server-managed fields that a PUT does not carry. */
    static final List<String> READ_ONLY = List.of("Id", "CreatedDate", "ModifiedDate");

    private LoginRadiusRepresentation() {}

    static Rendering render(DesiredConnection desired) {
        ObjectNode body = JsonTree.object();
        body.put(NAME, desired.name());
        body.put("Domain", domain(desired));
        body.put("IsActive", desired.enabled());
        switch (desired.kind()) {
            case SAML -> saml(body, desired.saml(), desired.attributeMapping());
            case OIDC -> oidc(desired);
            default -> throw new InvalidRequestException(Reason.UnsupportedType, "LoginRadius organization connections"
                    + " support SAML (and OIDC through vendorOptions), not " + desired.kind());
        }
        JsonTree.mergeVendorOptions(body, desired.vendorOptions());
        if (desired.kind() == ConnectionKind.OIDC && !body.path(CONNECTION_TYPE).isTextual()) {
            throw new InvalidRequestException(Reason.UnverifiedConnectionType, "LoginRadius' OIDC connection type and"
                    + " fields are not documented: set vendorOptions.ConnectionType and the OIDC fields your"
                    + " LoginRadius account expects in vendorOptions");
        }
        return new Rendering(body, Set.of(), Set.of(NAME, CONNECTION_TYPE));
    }

    /** LoginRadius keeps exactly one Domain per connection and refuses a connection without one. */
    static String domain(DesiredConnection desired) {
        List<String> domains = desired.domains();
        if (domains.isEmpty() || domains.get(0) == null || domains.get(0).isBlank()) {
            throw new InvalidRequestException(Reason.MissingDomain, "LoginRadius requires a Domain for every connection:"
                    + " set spec.domains to the one email domain this connection serves, e.g. [corp.example.com]");
        }
        if (domains.size() > 1) {
            throw new InvalidRequestException(Reason.TooManyDomains, "a LoginRadius connection holds one Domain, but"
                    + " spec.domains lists " + domains.size() + ": keep one, and use one IdentityConnection per domain");
        }
        return domains.get(0);
    }

    private static void saml(ObjectNode body, Saml saml, AttributeMapping mapping) {
        body.put(CONNECTION_TYPE, SAML_TYPE);
        body.set("IDPEntityId", text(saml.entityId()));
        body.set("IDPMetadataUrl", text(saml.metadataUrl()));
        body.set("IsIDPInitiated", bool(saml.idpInitiated() == null ? Boolean.FALSE : saml.idpInitiated()));
        // One certificate: LoginRadius' IDPCertificate holds a single one (with one NotAfter).
        String cert = saml.signingCertificate() == null || saml.signingCertificate().base64Der().isEmpty() ? null
                : pem(saml.signingCertificate().base64Der().get(0));
        JsonTree.set(body, CERTIFICATE, text(cert));
        ObjectNode attributes = body.putObject("Attributes");
        attributes.set("Email", text(mapping == null ? null : mapping.email()));
        attributes.set("FirstName", text(mapping == null ? null : mapping.firstName()));
        attributes.set("LastName", text(mapping == null ? null : mapping.lastName()));
        attributes.set("ID", text(mapping == null ? null : mapping.userId()));
        attributes.set("Groups", text(mapping == null ? null : mapping.groups()));
    }

    /** The PEM form LoginRadius' examples show: headers, base64 in 64-character lines. */
    static String pem(String base64Der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Base64.getDecoder().decode(base64Der));
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----";
    }

    /** OIDC field names are unverified: a client secret is never sent under a guessed name. */
    private static void oidc(DesiredConnection desired) {
        if (desired.oidc() != null && desired.oidc().clientSecret() != null) {
            throw new InvalidRequestException(Reason.UnverifiedField, "LoginRadius does not document where an OIDC client"
                    + " secret goes, so Federator does not send spec.oidc.clientSecretRef under a guessed name;"
                    + " remove it and describe the connection in vendorOptions (see the README)");
        }
    }

    /**
     * The PUT body: everything LoginRadius holds, with the managed fields overlaid. Server-managed ids and dates are
     * left out, and so are the certificate's dates when the certificate changes (LoginRadius derives them).
     */
    static ObjectNode updateBody(ObjectNode current, Rendering rendering, List<String> changedPaths) {
        ObjectNode body = current.deepCopy();
        READ_ONLY.forEach(path -> JsonTree.remove(body, path));
        if (changedPaths.contains(CERTIFICATE)) {
            CERTIFICATE_DATES.forEach(path -> JsonTree.remove(body, path));
        }
        JsonTree.overlay(body, rendering.body());
        return body;
    }
}
