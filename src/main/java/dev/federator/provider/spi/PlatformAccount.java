package dev.federator.provider.spi;

import java.util.Map;
import java.util.Optional;

/**
 * One vendor account, as the adapter needs it: the platform's vendor block as plain settings (URL, realm,
 * organization...) and its credentials, already read from Secrets.
 *
 * @param id a stable key for the account (namespace/name of the platform), used in metrics and logs
 * @param settings the vendor block's non-secret fields, by their CRD field names
 * @param credentials the Secret values the vendor block refers to, by role (token, client-id, client-secret...)
 */
public record PlatformAccount(String id, Map<String, String> settings, Map<String, SecretValue> credentials) {
    public PlatformAccount {
        settings = Map.copyOf(settings);
        credentials = Map.copyOf(credentials);
    }

    public Optional<String> setting(String name) { return Optional.ofNullable(settings.get(name)); }

    public String requiredSetting(String name) {
        return setting(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> new InvalidRequestException(Reason.MissingSetting, "the platform needs " + name));
    }

    public Optional<SecretValue> credential(String role) { return Optional.ofNullable(credentials.get(role)); }
}
