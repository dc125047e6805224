package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** Which IdP claim or attribute fills each user field on the vendor. */
public class AttributeMapping {
    @Size(min = 1)
    @JsonPropertyDescription("Claim or attribute holding the e-mail address.")
    public String email;
    @Size(min = 1)
    @JsonPropertyDescription("Claim or attribute holding the stable user id.")
    public String userId;
    @Size(min = 1)
    @JsonPropertyDescription("Claim or attribute holding the given name.")
    public String firstName;
    @Size(min = 1)
    @JsonPropertyDescription("Claim or attribute holding the family name.")
    public String lastName;
    @Size(min = 1)
    @JsonPropertyDescription("Claim or attribute holding group memberships.")
    public String groups;
}
