package dev.federator.provider.spi;

import static dev.federator.provider.spi.Reason.Health.DEGRADED;
import static dev.federator.provider.spi.Reason.Health.HEALTHY;
import static dev.federator.provider.spi.Reason.Health.NO_HEALTH;
import static dev.federator.provider.spi.Reason.Health.PROGRESSING;
import static dev.federator.provider.spi.Reason.On.CERTIFICATE_EXPIRING;
import static dev.federator.provider.spi.Reason.On.NO_CONDITION;
import static dev.federator.provider.spi.Reason.On.READY;
import static dev.federator.provider.spi.Reason.On.SYNCED;
import static dev.federator.provider.spi.Reason.Use.BOTH;
import static dev.federator.provider.spi.Reason.Use.CONDITION;
import static dev.federator.provider.spi.Reason.Use.EVENT;
import static dev.federator.provider.spi.RetryClass.NONE;
import static dev.federator.provider.spi.RetryClass.RECHECK_CREDENTIALS;
import static dev.federator.provider.spi.RetryClass.RETRY_SOON;
import static dev.federator.provider.spi.RetryClass.WAIT_FOR_CHANGE;

/**
 * Every condition and event reason the operator writes: public API (users, alerts and Argo CD's health script key on
 * them), so this is the only place one is spelled. docs/reference.md and deploy/argocd/health.lua are checked against
 * it by ReasonCatalogueTest. A failure's reason goes on Ready and, for connections, on Synced (both False) and in a
 * warning event when it is new.
 */
public enum Reason {
    // Outcomes of a pass that went well
    InSync(READY, CONDITION, NONE, HEALTHY, "the connection on the vendor matches the spec"),
    Synced(SYNCED, CONDITION, NONE, HEALTHY, "the last pass reached the vendor and finished"),
    Verified(READY, CONDITION, NONE, HEALTHY, "a platform's credentials passed one cheap authenticated read"),
    CertificateValid(CERTIFICATE_EXPIRING, CONDITION, NONE, HEALTHY, "the SAML signing certificate is not close to expiry"),
    CertificateExpiresSoon(CERTIFICATE_EXPIRING, CONDITION, NONE, HEALTHY,
            "the SAML signing certificate expires within federator.certificate-expiry-warning"),
    // A finished pass that found something only a person can settle
    DriftDetected(READY, CONDITION, WAIT_FOR_CHANGE, DEGRADED, "ObserveOnly: fields differ on the vendor"),
    NotFoundOnVendor(READY, CONDITION, WAIT_FOR_CHANGE, DEGRADED, "ObserveOnly: no such connection on the vendor"),
    AlreadyExists(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "a connection with this name exists and is not ours; set adoption: IfExists to take it over"),
    ImmutableField(READY, CONDITION, WAIT_FOR_CHANGE, DEGRADED, "the vendor cannot change this field in place"),
    // The vendor may succeed later
    VendorUnavailable(READY, BOTH, RETRY_SOON, DEGRADED, "the vendor answered 5xx or reported an internal error"),
    VendorUnreachable(READY, BOTH, RETRY_SOON, DEGRADED, "no answer from the vendor (connection refused, timeout)"),
    TLSHandshakeFailed(READY, BOTH, RETRY_SOON, DEGRADED, "the vendor's TLS certificate was not trusted"),
    RateLimited(READY, BOTH, RETRY_SOON, PROGRESSING, "the vendor is rate limiting this platform"),
    OutcomeUnknown(READY, BOTH, RETRY_SOON, DEGRADED, "the vendor could not say whether a write happened"),
    ReplaceIncomplete(READY, BOTH, RETRY_SOON, DEGRADED, "a replacement was created but the old one not yet deleted"),
    NotYetVisible(READY, BOTH, RETRY_SOON, DEGRADED, "a write was accepted but is not readable yet"),
    DeletionInProgress(READY, BOTH, RETRY_SOON, DEGRADED, "the vendor is still deleting an earlier connection"),
    DeleteNotConfirmed(READY, BOTH, RETRY_SOON, DEGRADED, "the vendor answered a delete without confirming it"),
    ConnectionVanished(READY, BOTH, RETRY_SOON, DEGRADED, "the connection was deleted on the vendor during the pass"),
    Interrupted(READY, BOTH, RETRY_SOON, DEGRADED, "the operator was interrupted while waiting for the vendor"),
    // The platform's credentials
    InvalidCredentials(READY, BOTH, RECHECK_CREDENTIALS, DEGRADED, "the vendor refused the platform's credentials"),
    Forbidden(READY, BOTH, RECHECK_CREDENTIALS, DEGRADED, "the credentials may not do what the operator needs"),
    MissingScope(READY, BOTH, RECHECK_CREDENTIALS, DEGRADED, "the credentials lack a Management API scope"),
    ClientNotAuthorized(READY, BOTH, RECHECK_CREDENTIALS, DEGRADED, "the application may not get a token"),
    TokenRequestFailed(READY, BOTH, RECHECK_CREDENTIALS, DEGRADED, "the token endpoint answered an error"),
    CredentialsIncomplete(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the credentials Secret lacks a value"),
    // The platform, its Secrets and its settings
    PlatformNotFound(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the referenced platform does not exist"),
    NamespaceNotAllowed(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the ClusterIdentityPlatform does not serve this namespace"),
    InvalidPlatform(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the platform does not set exactly one vendor block"),
    UnsupportedVendor(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "this build has no adapter for the platform's vendor"),
    MissingSetting(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the platform lacks a setting its vendor needs"),
    InvalidSetting(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "a platform setting has a value the vendor cannot use"),
    SecretNotFound(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "a referenced Secret does not exist"),
    SecretKeyNotFound(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "a referenced Secret lacks the key"),
    CABundleNotFound(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the ConfigMap or key named by spec.tls.caBundleRef is missing"),
    ConfigMapNotOwned(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "spec.serviceProviderConfigMap names a ConfigMap Federator did not create; it is left as it is"),
    InvalidCABundle(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "spec.tls.caBundleRef holds no usable PEM certificate"),
    InvalidCertificate(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the SAML signing certificate is not a usable PEM"),
    CertificateExpired(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the SAML signing certificate has expired"),
    // The spec, as the vendor sees it
    UnsupportedType(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor cannot hold connections of this type"),
    UnsupportedField(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor has no place for a field the spec sets"),
    UnverifiedConnectionType(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the vendor's contract for this connection type is not verified; refused rather than guessed"),
    UnverifiedField(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the vendor does not document where this field goes; refused rather than guessed"),
    MissingField(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the spec lacks a field this type or vendor needs"),
    InvalidField(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "a spec field has a value the vendor refuses"),
    InvalidConnectionName(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the connection name breaks the vendor's rules"),
    VendorOptionConflict(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "vendorOptions set a field the spec already sets"),
    EnabledClientsWhileDisabled(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "Auth0: enabled_clients given for a disabled connection"),
    VendorRejected(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor refused the request (4xx)"),
    NotFound(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor answered 404 for something the pass needs"),
    AmbiguousName(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "several connections on the vendor carry this name"),
    ConnectionLimitReached(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor account holds its maximum"),
    LastEnabledConnection(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor refuses to disable its last connection"),
    DeleteRefused(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "the vendor refused to delete the connection"),
    OrganizationNotFound(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "LoginRadius: the organization does not exist"),
    OrganizationNotActive(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "LoginRadius: the organization is not active"),
    DomainNotVerified(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "LoginRadius: the domain is not verified"),
    DomainNotInOrganization(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "LoginRadius: the domain is not the org's"),
    MissingDomain(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "LoginRadius: the connection needs one domain"),
    TooManyDomains(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED, "LoginRadius: a connection holds one domain only"),
    // Deletion
    ShardMismatch(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the connection's shard label differs from its platform's; the platform's shard reconciles it"),
    // The IdP's published documents (saml.metadataUrl, OIDC discovery)
    MetadataUnavailable(READY, BOTH, RETRY_SOON, DEGRADED,
            "the IdP's SAML metadata (saml.metadataUrl) could not be fetched; nothing changed on the vendor"),
    MetadataInvalid(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the IdP's SAML metadata is malformed, too large, of the wrong type or hostile; nothing changed on the vendor"),
    MetadataHasNoCertificate(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the IdP's SAML metadata holds no signing certificate; the vendor keeps the ones it has"),
    DiscoveryUnavailable(READY, BOTH, RETRY_SOON, DEGRADED, "the OIDC discovery document could not be fetched"),
    DiscoveryInvalid(READY, BOTH, WAIT_FOR_CHANGE, DEGRADED,
            "the OIDC discovery document is malformed or names another issuer"),
    DeleteFailed(READY, BOTH, RETRY_SOON, DEGRADED,
            "the vendor delete cannot finish; retried, and the message gives the kubectl patch that ends it"),
    Deleted(NO_CONDITION, EVENT, NONE, NO_HEALTH, "deleted the connection on the vendor"),
    Orphaned(NO_CONDITION, EVENT, NONE, NO_HEALTH, "left the connection on the vendor (Orphan or ObserveOnly)"),
    NotDeleted(NO_CONDITION, EVENT, NONE, NO_HEALTH, "left a connection this resource did not create or adopt"),
    Released(NO_CONDITION, EVENT, NONE, NO_HEALTH, "deleted without a vendor call: it never reached the vendor"),
    // Writes
    Created(NO_CONDITION, EVENT, NONE, NO_HEALTH, "created the connection on the vendor"),
    Updated(NO_CONDITION, EVENT, NONE, NO_HEALTH, "updated the named fields on the vendor"),
    Replaced(NO_CONDITION, EVENT, NONE, NO_HEALTH, "the vendor keys the connection by a changed field: created anew"),
    Adopted(NO_CONDITION, EVENT, NONE, NO_HEALTH, "took over an existing connection (adoption: IfExists)"),
    Recreated(NO_CONDITION, EVENT, NONE, NO_HEALTH, "created again after someone deleted it on the vendor"),
    CertificateExpiring(NO_CONDITION, EVENT, NONE, NO_HEALTH, "warning: the CertificateExpiring condition turned True"),
    IdpMetadataChanged(NO_CONDITION, EVENT, NONE, NO_HEALTH,
            "the IdP's SAML metadata changed (certificates by fingerprint and notAfter, endpoints)"),
    OidcDiscoveryChanged(NO_CONDITION, EVENT, NONE, NO_HEALTH, "the OIDC discovery document changed the endpoints");

    /** The condition a reason is written on; failures also go on Synced for connections. */
    public enum On {
        READY("Ready"), SYNCED("Synced"), CERTIFICATE_EXPIRING("CertificateExpiring"), NO_CONDITION(null);

        private final String type;

        On(String type) { this.type = type; }

        /** The condition's type as written in status.conditions. */
        public String type() { return type; }
    }

    /** Whether the reason appears on a condition, in events, or both. */
    public enum Use { CONDITION, EVENT, BOTH }

    /** What deploy/argocd/health.lua makes of a resource whose condition carries the reason. */
    public enum Health { HEALTHY, PROGRESSING, DEGRADED, NO_HEALTH }

    private final On condition;
    private final Use use;
    private final RetryClass retry;
    private final Health health;
    private final String meaning;

    Reason(On condition, Use use, RetryClass retry, Health health, String meaning) {
        this.condition = condition;
        this.use = use;
        this.retry = retry;
        this.health = health;
        this.meaning = meaning;
    }

    public On condition() { return condition; }

    public Use use() { return use; }

    public RetryClass retry() { return retry; }

    public Health health() { return health; }

    public String meaning() { return meaning; }
}
