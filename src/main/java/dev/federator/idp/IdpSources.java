package dev.federator.idp;

import dev.federator.provider.spi.Reason;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.TrustStores;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.SigningCertificate;
import dev.federator.secrets.PemCertificates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Completes a connection's desired state from the documents its IdP publishes: the SAML metadata at
 * {@code saml.metadataUrl} and the OpenID discovery document of {@code oidc.issuer} / {@code oidc.discoveryUrl}.
 * What the spec sets always wins; a document is read only when the vendor needs something the spec leaves empty
 * (see {@link VendorIdpSupport}). Any failure stops the pass before the vendor is read or written.
 */
@ApplicationScoped
public class IdpSources {
    private final IdpDocuments documents;
    private final TrustStores trust;
    private final IdpChangeReports reports;
    private final Clock clock;
    /** The re-check request each connection's last completed pass honoured, by uid. */
    private final Map<String, String> honoured = new ConcurrentHashMap<>();

    public IdpSources(IdpDocuments documents, TrustStores trust, IdpChangeReports reports, Clock clock) {
        this.documents = documents;
        this.trust = trust;
        this.reports = reports;
        this.clock = clock;
    }

    public DesiredConnection.Saml saml(IdentityConnection connection, ResolvedPlatform platform,
                                       DesiredConnection.Saml spec) {
        String vendor = platform.vendor();
        if (spec.metadataUrl() == null || VendorIdpSupport.readsMetadataItself(vendor)) {
            return spec;
        }
        boolean needsSignIn = !VendorIdpSupport.readsSignInFromMetadata(vendor);
        if (spec.entityId() != null && spec.signingCertificate() != null
                && (spec.signInEndpoint() != null || !needsSignIn)) {
            return spec;
        }
        IdpMetadata metadata = documents.metadata(spec.metadataUrl(), spec.entityId(), trust.bundle(platform),
                platform.syncInterval(), freshRequested(connection));
        if (metadata.signingCertificates().isEmpty() && spec.signingCertificate() == null) {
            throw new InvalidRequestException(Reason.MetadataHasNoCertificate, "the IdP metadata at "
                    + spec.metadataUrl() + " lists no signing certificate; using it would leave the vendor unable to "
                    + "verify any login, so nothing was changed. Fix the IdP, or set spec.saml.signingCertificateRef");
        }
        reports.metadata(connection, spec.metadataUrl(), metadata);
        honour(connection);
        SigningCertificate certificate = spec.signingCertificate() != null ? spec.signingCertificate()
                : PemCertificates.parse(pem(metadata), "the IdP metadata at " + spec.metadataUrl(), clock);
        return new DesiredConnection.Saml(
                spec.signInEndpoint() != null ? spec.signInEndpoint() : metadata.signIn(spec.postBinding()),
                spec.signOutEndpoint() != null ? spec.signOutEndpoint() : metadata.signOut(spec.postBinding()),
                spec.entityId() != null ? spec.entityId() : metadata.entityId(), spec.metadataUrl(), certificate,
                spec.nameIdFormat(), spec.wantAuthnRequestsSigned(), spec.idpInitiated(), spec.postBinding());
    }

    public DesiredConnection.Oidc oidc(IdentityConnection connection, ResolvedPlatform platform,
                                       DesiredConnection.Oidc spec) {
        boolean complete = spec.authorizationUrl() != null && spec.tokenUrl() != null;
        boolean source = spec.issuer() != null || spec.discoveryUrl() != null;
        if (!VendorIdpSupport.needsDiscoveredEndpoints(platform.vendor()) || !source
                || (complete && spec.discoveryUrl() == null)) {
            return spec;
        }
        String url = OidcDiscovery.location(spec.issuer(), spec.discoveryUrl());
        OidcDiscovery found = documents.discovery(url, spec.issuer(), trust.bundle(platform), platform.syncInterval(),
                freshRequested(connection));
        reports.discovery(connection, url, found);
        honour(connection);
        return new DesiredConnection.Oidc(spec.issuer() != null ? spec.issuer() : found.issuer(), spec.clientId(),
                spec.clientSecret(), spec.scopes(), spec.discoveryUrl(),
                or(spec.authorizationUrl(), found.authorizationEndpoint()), or(spec.tokenUrl(), found.tokenEndpoint()),
                or(spec.userInfoUrl(), found.userinfoEndpoint()), or(spec.jwksUrl(), found.jwksUri()),
                or(spec.logoutUrl(), found.endSessionEndpoint()), spec.clientAuthMethod(), spec.pkce(),
                spec.provider());
    }

    /** A re-check annotation this process has not honoured yet for the connection. */
    private boolean freshRequested(IdentityConnection connection) {
        String requested = RecheckRequests.requested(connection);
        return requested != null && !requested.equals(honoured.get(connection.getMetadata().getUid()));
    }

    private void honour(IdentityConnection connection) {
        String requested = RecheckRequests.requested(connection);
        if (requested != null) {
            honoured.put(connection.getMetadata().getUid(), requested);
        }
    }

    private static String pem(IdpMetadata metadata) {
        return metadata.signingCertificates().stream()
                .map(der -> "-----BEGIN CERTIFICATE-----\n" + der + "\n-----END CERTIFICATE-----\n")
                .collect(Collectors.joining());
    }

    private static String or(String spec, String discovered) { return spec != null ? spec : discovered; }
}
