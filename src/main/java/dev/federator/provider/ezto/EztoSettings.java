package dev.federator.provider.ezto;

import dev.federator.provider.spi.Settings;

/**
 * An ezto platform's settings (spec.ezto).
 *
 * @param url the ezto auth API's base URL
 * @param workspace the workspace whose identity providers are managed
 * @param pathTemplate the identity-provider collection under url, with {workspace}; Keycloak's layout by default
 */
public record EztoSettings(String url, String workspace, String pathTemplate) {
    public EztoSettings {
        url = Settings.required("url", url);
        workspace = Settings.required("workspace", workspace);
        pathTemplate = Settings.orDefault(pathTemplate, EztoProvider.DEFAULT_PATH_TEMPLATE);
    }
}
