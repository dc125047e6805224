package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The pace the operator keeps towards one vendor account. Unset fields take the vendor's default. */
public class RateLimitSpec {
    @Min(0.1)
    @Max(10000)
    @JsonPropertyDescription("Sustained requests per second to this platform.")
    public Double requestsPerSecond;

    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("The vendor's burst: requests it accepts at once after a quiet period. Federator sends "
            + "at most half of it at once and keeps the rest as headroom, so network jitter does not turn its pace "
            + "into 429s.")
    public Integer burst;
}
