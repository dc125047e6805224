package dev.federator.provider.slashid;

import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Settings;
import java.util.Set;

/**
 * A SlashID platform's settings (spec.slashid).
 *
 * @param url the API's base URL, https://api.slashid.com by default
 * @param organizationId sent as SlashID-OrgID
 * @param consistency local_region (the default) or all_regions, sent as SlashID-Required-Consistency
 * @param consistencyTimeoutSeconds 1-120 seconds a write may wait for that consistency, 30 by default
 */
public record SlashIdSettings(String url, String organizationId, String consistency,
                              Integer consistencyTimeoutSeconds) {
    static final int DEFAULT_CONSISTENCY_TIMEOUT = 30;
    private static final Set<String> CONSISTENCIES = Set.of("local_region", "all_regions");

    public SlashIdSettings {
        url = Settings.orDefault(url, "https://api.slashid.com");
        organizationId = Settings.required("organizationId", organizationId);
        consistency = Settings.orDefault(consistency, "local_region");
        if (!CONSISTENCIES.contains(consistency)) {
            throw new InvalidRequestException(Reason.InvalidSetting, "spec.slashid.consistency must be local_region or "
                    + "all_regions");
        }
        consistencyTimeoutSeconds = consistencyTimeoutSeconds == null ? DEFAULT_CONSISTENCY_TIMEOUT
                : consistencyTimeoutSeconds;
        if (consistencyTimeoutSeconds < 1 || consistencyTimeoutSeconds > 120) {
            throw new InvalidRequestException(Reason.InvalidSetting, "spec.slashid.consistencyTimeoutSeconds must be 1-120");
        }
    }
}
