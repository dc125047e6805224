package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the operator observed and did. Written only by the operator. */
public class IdentityConnectionStatus {
    @JsonPropertyDescription("Ready: the remote connection matches the spec. Synced: the last reconcile reached the "
            + "vendor and finished. Each has a reason and a message that says what to do.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation the conditions describe.")
    public Long observedGeneration;

    @JsonPropertyDescription("Id of the connection on the vendor.")
    public String externalId;

    @JsonPropertyDescription("Vendor of the platform: auth0, keycloak, ezto, devrev, loginradius or slashid.")
    public String platformKind;

    @JsonPropertyDescription("When a pass last changed something for this connection (RFC 3339): a write to the vendor, "
            + "or a new spec generation or a recovery brought in sync. A drift check that finds nothing changed leaves "
            + "the status as it is; the metric federator_connection_last_compared_timestamp_seconds shows when the "
            + "connection was last compared.")
    public String lastSyncTime;

    @JsonPropertyDescription("Fields that differ on the vendor from the spec; names only, never values.")
    public List<String> drift;

    @JsonPropertyDescription("The SAML signing certificate in use.")
    public SigningCertificateStatus signingCertificate;

    @JsonPropertyDescription("The values the IdP's administrator enters for this connection (redirect URI; ACS URL, "
            + "SP entity id, SP metadata URL), where the vendor lets us know them.")
    public ServiceProviderStatus serviceProvider;

    @JsonPropertyDescription("Keyed fingerprints (HMAC-SHA256 with an operator-held key) of the secret values last "
            + "written, so write-only secrets can be compared without reading them back. Not reversible.")
    public Map<String, String> secretFingerprints = new TreeMap<>();

    @JsonPropertyDescription("Remote name of a create that was started but not yet confirmed; lets a restarted "
            + "operator recognise its own connection instead of creating a duplicate.")
    public String pendingCreate;

    @JsonPropertyDescription("Digest of what the last successful pass was computed from: the spec generation, the "
            + "platform (without its pacing fields), the resourceVersions of the Secrets read and the operator version. "
            + "While it still matches and the next drift check is not due, a restart or a platform pacing change "
            + "reads and writes nothing for this connection.")
    public String inputsDigest;
}
