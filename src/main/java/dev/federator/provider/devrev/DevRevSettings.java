package dev.federator.provider.devrev;

import dev.federator.provider.spi.Settings;

/**
 * A DevRev platform's settings (spec.devrev).
 *
 * @param url the API's base URL, https://api.devrev.ai by default
 */
public record DevRevSettings(String url) {
    public DevRevSettings {
        url = Settings.orDefault(url, "https://api.devrev.ai");
    }
}
