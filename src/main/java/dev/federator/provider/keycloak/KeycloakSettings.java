package dev.federator.provider.keycloak;

import dev.federator.provider.spi.Settings;

/**
 * A Keycloak platform's settings (spec.keycloak).
 *
 * @param url the server's base URL
 * @param realm the realm whose identity providers are managed
 * @param authRealm the realm the credentials log in to, master by default
 */
public record KeycloakSettings(String url, String realm, String authRealm) {
    public KeycloakSettings {
        url = Settings.required("url", url);
        realm = Settings.required("realm", realm);
        authRealm = Settings.orDefault(authRealm, "master");
    }
}
