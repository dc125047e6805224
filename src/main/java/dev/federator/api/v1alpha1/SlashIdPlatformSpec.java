package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A SlashID organization's SSO provider credentials. */
public class SlashIdPlatformSpec {
    public enum Consistency { local_region, all_regions }

    @Default("https://api.slashid.com")
    @ValidationRule(value = Cel.SECURE_URL, message = Cel.SECURE_URL_MESSAGE)
    @JsonPropertyDescription("API base URL (https://api.sandbox.slashid.com for the sandbox environment).")
    public String url = "https://api.slashid.com";

    @Required
    @Size(min = 1, max = 255)
    @Pattern(Patterns.URL_SAFE_NAME)
    @JsonPropertyDescription("Organization id, sent as SlashID-OrgID.")
    public String organizationId;

    @Required
    @JsonPropertyDescription("Secret key holding the API key, sent as SlashID-API-Key.")
    public SecretKeyRef apiKeyRef;

    @Default("local_region")
    @JsonPropertyDescription("Consistency required of writes (SlashID-Required-Consistency).")
    public Consistency consistency = Consistency.local_region;

    @Min(1)
    @Max(120)
    @JsonPropertyDescription("Seconds a write may wait for that consistency (SlashID-Required-Consistency-Timeout).")
    public Integer consistencyTimeoutSeconds;
}
