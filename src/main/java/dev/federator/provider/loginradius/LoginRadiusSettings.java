package dev.federator.provider.loginradius;

import dev.federator.provider.spi.Settings;

/**
 * A LoginRadius platform's settings (spec.loginradius).
 *
 * @param url the API's base URL, https://api.loginradius.com by default
 * @param organizationId the organization whose connections are managed
 */
public record LoginRadiusSettings(String url, String organizationId) {
    public LoginRadiusSettings {
        url = Settings.orDefault(url, LoginRadiusProvider.DEFAULT_URL);
        organizationId = Settings.required("organizationId", organizationId);
    }
}
