package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** The SSO connection as it must exist on the vendor. */
@ValidationRule(value = "has(self.oidc) == (self.type == 'OIDC')",
        message = "spec.oidc must be set when type is OIDC, and only then")
@ValidationRule(value = "has(self.saml) == (self.type == 'SAML')",
        message = "spec.saml must be set when type is SAML, and only then")
@ValidationRule(value = "has(self.azureAD) == (self.type == 'AzureAD')",
        message = "spec.azureAD must be set when type is AzureAD, and only then")
@ValidationRule(value = "has(self.okta) == (self.type == 'Okta')",
        message = "spec.okta must be set when type is Okta, and only then")
@ValidationRule(value = "has(self.googleWorkspace) == (self.type == 'GoogleWorkspace')",
        message = "spec.googleWorkspace must be set when type is GoogleWorkspace, and only then")
@ValidationRule(value = "has(self.connectionName) == has(oldSelf.connectionName) && "
        + "(!has(self.connectionName) || self.connectionName == oldSelf.connectionName)",
        message = "connectionName is immutable: create a new IdentityConnection to use another remote name")
public class IdentityConnectionSpec {
    @Required
    @ValidationRule(value = "self == oldSelf",
            message = "platformRef is immutable: create a new IdentityConnection on the other platform")
    @JsonPropertyDescription("The IdentityPlatform or ClusterIdentityPlatform (vendor account) to manage this "
            + "connection in.")
    public PlatformRef platformRef;

    @Pattern("^[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")
    @JsonPropertyDescription("Name (alias) of the connection on the vendor. Defaults to metadata.name. "
            + "Immutable. Letters, digits, '.', '_' and '-', at most 128; some vendors allow fewer.")
    public String connectionName;

    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Name shown to users on the login page.")
    public String displayName;

    @Default("true")
    @JsonPropertyDescription("Whether users can log in through this connection.")
    public Boolean enabled = Boolean.TRUE;

    @Required
    @ValidationRule(value = "self == oldSelf",
            message = "type is immutable on the vendors: create a new IdentityConnection for another type")
    @JsonPropertyDescription("Kind of identity provider; names the one block (oidc, saml, azureAD, okta, "
            + "googleWorkspace) that must be set.")
    public ConnectionType type;

    @JsonPropertyDescription("Settings for type OIDC.")
    public OidcSpec oidc;

    @JsonPropertyDescription("Settings for type SAML.")
    public SamlSpec saml;

    @JsonPropertyDescription("Settings for type AzureAD.")
    public AzureAdSpec azureAD;

    @JsonPropertyDescription("Settings for type Okta.")
    public OktaSpec okta;

    @JsonPropertyDescription("Settings for type GoogleWorkspace.")
    public GoogleWorkspaceSpec googleWorkspace;

    @JsonPropertyDescription("Which IdP claims fill the user's fields, where the vendor supports mapping.")
    public AttributeMapping attributeMapping;

    @JsonPropertyDescription("E-mail domains routed to this connection (home-realm discovery), where the vendor "
            + "has it: domain names such as corp.example.com (internationalised ones in their xn-- form).")
    public List<@Pattern(Patterns.EMAIL_DOMAIN) @Size(min = 1, max = 253) String> domains;

    @PreserveUnknownFields
    @JsonPropertyDescription("Vendor-specific settings Federator does not model, merged last into the vendor's "
            + "representation. They may not overwrite a secret or a key Federator manages.")
    public Map<String, com.fasterxml.jackson.databind.JsonNode> vendorOptions;

    @Default("Delete")
    @JsonPropertyDescription("Delete removes the remote connection when this resource is deleted; Orphan keeps it.")
    public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

    @Default("Manage")
    @JsonPropertyDescription("Manage writes to the vendor; ObserveOnly only reports drift in status.drift.")
    public ManagementPolicy managementPolicy = ManagementPolicy.Manage;

    @Default("Never")
    @JsonPropertyDescription("IfExists takes over a remote connection with the same name that this resource did not "
            + "create; Never reports the conflict instead.")
    public AdoptionPolicy adoption = AdoptionPolicy.Never;

    @JsonPropertyDescription("Opt-in: also publish status.serviceProvider (the values the IdP's administrator "
            + "enters) to this ConfigMap, with keys redirectUri, acsUrl, entityId, metadataUrl, spCertificate (those "
            + "known), for other tools such as a customer portal.")
    public ServiceProviderConfigMapRef serviceProviderConfigMap;

    public boolean enabled() { return enabled == null || enabled; }
    public DeletionPolicy deletionPolicy() { return deletionPolicy == null ? DeletionPolicy.Delete : deletionPolicy; }
    public ManagementPolicy managementPolicy() {
        return managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
    }
    public AdoptionPolicy adoption() { return adoption == null ? AdoptionPolicy.Never : adoption; }
}
