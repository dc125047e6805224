package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One vendor account; exactly one vendor block is set. Shared by the namespaced and cluster-scoped kinds. */
@ValidationRule(value = "[has(self.auth0), has(self.keycloak), has(self.ezto), has(self.devrev), "
        + "has(self.loginradius), has(self.slashid)].filter(x, x).size() == 1",
        message = "exactly one of auth0, keycloak, ezto, devrev, loginradius, slashid must be set")
public class PlatformSpec {
    @JsonPropertyDescription("An Auth0 tenant.")
    public Auth0PlatformSpec auth0;
    @JsonPropertyDescription("A Keycloak realm.")
    public KeycloakPlatformSpec keycloak;
    @JsonPropertyDescription("An ezto auth workspace.")
    public EztoPlatformSpec ezto;
    @JsonPropertyDescription("A DevRev organization.")
    public DevRevPlatformSpec devrev;
    @JsonPropertyDescription("A LoginRadius organization.")
    public LoginRadiusPlatformSpec loginradius;
    @JsonPropertyDescription("A SlashID organization.")
    public SlashIdPlatformSpec slashid;

    @JsonPropertyDescription("Client-side rate limit towards this account; defaults depend on the vendor.")
    public RateLimitSpec rateLimit;

    @JsonPropertyDescription("TLS settings towards the vendor.")
    public TlsSpec tls;

    @Default("10m")
    @Size(max = 32)
    @Pattern("^([0-9]{1,6}(s|m|h))+$")
    @ValidationRule(value = "self.matches('^.*[1-9].*$')",
            message = "must be longer than zero, for example 30s or 10m (zero would silently mean the default 10m)")
    @JsonPropertyDescription("How often every connection on this platform is compared with the vendor to revert "
            + "drift, for example 10m or 1h30m.")
    public String syncInterval = "10m";
}
