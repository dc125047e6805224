package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which IdP claim or attribute fills each user field on the vendor. */
public class AttributeMapping {
    @JsonPropertyDescription("Claim or attribute holding the e-mail address.")
    public String email;
    @JsonPropertyDescription("Claim or attribute holding the stable user id.")
    public String userId;
    @JsonPropertyDescription("Claim or attribute holding the given name.")
    public String firstName;
    @JsonPropertyDescription("Claim or attribute holding the family name.")
    public String lastName;
    @JsonPropertyDescription("Claim or attribute holding group memberships.")
    public String groups;
}
