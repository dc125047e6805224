package dev.federator.connection;

import dev.federator.api.v1alpha1.AttributeMapping;
import dev.federator.api.v1alpha1.ClientCredentialsSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.OidcSpec;
import dev.federator.api.v1alpha1.SamlSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.idp.IdpSources;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.PemCertificates;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.SigningCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Resolves a connection's spec and its Secret references into the vendor-neutral desired state. */
@ApplicationScoped
public class DesiredStateBuilder {
    private final SecretReader secrets;
    private final Clock clock;
    private final IdpSources idp;

    /** Without the IdP's documents: spec and Secrets only (the CLI's export probe). */
    public DesiredStateBuilder(SecretReader secrets, Clock clock) {
        this(secrets, clock, null);
    }

    @jakarta.inject.Inject
    public DesiredStateBuilder(SecretReader secrets, Clock clock, IdpSources idp) {
        this.secrets = secrets;
        this.clock = clock;
        this.idp = idp;
    }

    /** From the spec and Secrets alone: the IdP's metadata and discovery documents are not read. */
    public DesiredConnection build(IdentityConnection connection, java.util.Map<String, String> secretVersions) {
        return build(connection, null, secretVersions);
    }

    /**
     * @param platform where the connection goes, which decides whether the IdP's documents are read (and with which
     *     CA bundle); null to use the spec and Secrets alone
     * @param secretVersions gets the resourceVersion of every Secret read, by name
     */
    public DesiredConnection build(IdentityConnection connection, ResolvedPlatform platform,
                                   java.util.Map<String, String> secretVersions) {
        IdentityConnectionSpec spec = connection.getSpec();
        String ns = connection.getMetadata().getNamespace();
        ConnectionKind kind = ConnectionKind.valueOf(spec.type.name());
        DesiredConnection.Oidc oidc = null;
        DesiredConnection.Saml saml = null;
        DesiredConnection.Hosted hosted = null;
        switch (kind) {
            case OIDC -> oidc = oidc(required(spec.oidc, "oidc"), ns, secretVersions);
            case SAML -> saml = saml(required(spec.saml, "saml"), ns, secretVersions);
            case AzureAD -> hosted = hosted(required(spec.azureAD, "azureAD"), spec.azureAD.domain, ns, secretVersions);
            case Okta -> hosted = hosted(required(spec.okta, "okta"), spec.okta.domain, ns, secretVersions);
            case GoogleWorkspace -> hosted = hosted(required(spec.googleWorkspace, "googleWorkspace"),
                    spec.googleWorkspace.tenantDomain, ns, secretVersions);
        }
        if (idp != null && platform != null && oidc != null) {
            oidc = idp.oidc(connection, platform, oidc);
        }
        if (idp != null && platform != null && saml != null) {
            saml = idp.saml(connection, platform, saml);
        }
        AttributeMapping m = spec.attributeMapping;
        return new DesiredConnection(connection.remoteName(), spec.displayName, spec.enabled(), kind, oidc, saml, hosted,
                m == null ? null : new DesiredConnection.AttributeMapping(m.email, m.userId, m.firstName, m.lastName,
                        m.groups),
                spec.domains, spec.vendorOptions == null ? null : new java.util.LinkedHashMap<String, Object>(spec.vendorOptions),
                connection.getMetadata().getUid());
    }

    private static <T> T required(T block, String name) {
        if (block == null) {
            throw new SecretProblem(Reason.MissingField, "spec." + name + " must be set for this type");
        }
        return block;
    }

    private DesiredConnection.Oidc oidc(OidcSpec o, String ns, java.util.Map<String, String> versions) {
        return new DesiredConnection.Oidc(o.issuer, o.clientId, secret(o.clientSecretRef, ns, versions), o.scopes,
                o.discoveryUrl, o.authorizationUrl, o.tokenUrl, o.userInfoUrl, o.jwksUrl, o.logoutUrl,
                o.clientAuthMethod, o.pkce, o.provider);
    }

    private DesiredConnection.Saml saml(SamlSpec s, String ns, java.util.Map<String, String> versions) {
        SigningCertificate certificate = null;
        if (s.signingCertificateRef != null) {
            SecretValue pem = secrets.value(ns, s.signingCertificateRef.name, s.signingCertificateRef.key, versions);
            certificate = PemCertificates.parse(pem.reveal(), s.signingCertificateRef.toString(), clock);
        }
        return new DesiredConnection.Saml(s.signInEndpoint, s.signOutEndpoint, s.entityId, s.metadataUrl, certificate,
                s.nameIdFormat, s.wantAuthnRequestsSigned, s.idpInitiated, s.postBinding);
    }

    private DesiredConnection.Hosted hosted(ClientCredentialsSpec c, String domain, String ns,
                                            java.util.Map<String, String> versions) {
        return new DesiredConnection.Hosted(c.clientId, secret(c.clientSecretRef, ns, versions), domain);
    }

    private SecretValue secret(SecretKeyRef ref, String ns, java.util.Map<String, String> versions) {
        return ref == null ? null : secrets.value(ns, ref.name, ref.key, versions);
    }
}
