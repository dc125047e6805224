package dev.federator.provider.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One vendor account, as the adapter needs it: the platform's vendor block read into the adapter's own settings
 * record ({@link VendorProvider#settingsType()}) and its credentials, already read from Secrets.
 *
 * @param id a stable key for the account (namespace/name of the platform), used in metrics and logs
 * @param settings the vendor block's non-secret fields (URL, realm, organization...), defaults applied
 * @param credentials the Secret values the vendor block refers to, by role (token, client-id, client-secret...)
 * @param <S> the adapter's settings record
 */
public record PlatformAccount<S extends Record>(String id, S settings, Map<String, SecretValue> credentials) {
    public PlatformAccount {
        Objects.requireNonNull(settings, "settings");
        credentials = Map.copyOf(credentials);
    }

    public Optional<SecretValue> credential(String role) { return Optional.ofNullable(credentials.get(role)); }
}
