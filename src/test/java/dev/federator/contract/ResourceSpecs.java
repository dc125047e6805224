package dev.federator.contract;

import dev.federator.api.v1alpha1.AzureAdSpec;
import dev.federator.api.v1alpha1.ClientCredentialsSpec;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.GoogleWorkspaceSpec;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.OidcSpec;
import dev.federator.api.v1alpha1.OktaSpec;
import dev.federator.api.v1alpha1.SamlSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.provider.spi.DesiredConnection;

/**
 * The spec a user would have written for a desired connection, with Secret references instead of values: what the
 * operator's delete path sees of a resource, which must be enough to find its connection on the vendor.
 */
final class ResourceSpecs {
    private static final SecretKeyRef SECRET = new SecretKeyRef("contract-secret", "value");

    private ResourceSpecs() {}

    static IdentityConnectionSpec of(DesiredConnection desired) {
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.type = ConnectionType.valueOf(desired.kind().name());
        spec.displayName = desired.displayName();
        spec.enabled = desired.enabled();
        spec.domains = desired.domains().isEmpty() ? null : desired.domains();
        if (desired.oidc() != null) {
            DesiredConnection.Oidc o = desired.oidc();
            spec.oidc = new OidcSpec();
            spec.oidc.issuer = o.issuer();
            spec.oidc.clientId = o.clientId();
            spec.oidc.clientSecretRef = o.clientSecret() == null ? null : SECRET;
            spec.oidc.scopes = o.scopes();
            spec.oidc.provider = o.provider();
        }
        if (desired.saml() != null) {
            DesiredConnection.Saml s = desired.saml();
            spec.saml = new SamlSpec();
            spec.saml.signInEndpoint = s.signInEndpoint();
            spec.saml.entityId = s.entityId();
            spec.saml.metadataUrl = s.metadataUrl();
            spec.saml.signingCertificateRef = s.signingCertificate() == null ? null : SECRET;
        }
        if (desired.hosted() != null) {
            switch (desired.kind()) {
                case Okta -> {
                    spec.okta = hosted(new OktaSpec(), desired.hosted());
                    spec.okta.domain = desired.hosted().domain();
                }
                case AzureAD -> {
                    spec.azureAD = hosted(new AzureAdSpec(), desired.hosted());
                    spec.azureAD.domain = desired.hosted().domain();
                }
                default -> {
                    spec.googleWorkspace = hosted(new GoogleWorkspaceSpec(), desired.hosted());
                    spec.googleWorkspace.tenantDomain = desired.hosted().domain();
                }
            }
        }
        return spec;
    }

    private static <T extends ClientCredentialsSpec> T hosted(T spec, DesiredConnection.Hosted hosted) {
        spec.clientId = hosted.clientId();
        spec.clientSecretRef = hosted.clientSecret() == null ? null : SECRET;
        return spec;
    }
}
