package dev.federator.provider.auth0;

import dev.federator.provider.spi.Settings;

/**
 * An Auth0 platform's settings (spec.auth0).
 *
 * @param domain the tenant domain, also the Management API's audience
 * @param url where the tenant is reached, https://{domain} by default (a custom domain or a simulator otherwise)
 */
public record Auth0Settings(String domain, String url) {
    public Auth0Settings {
        domain = Settings.required("domain", domain);
        url = Settings.orDefault(url, "https://" + domain);
    }
}
