package dev.federator.serviceprovider;

import dev.federator.api.v1alpha1.ServiceProviderStatus;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.VendorClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code status.serviceProvider}: the values an IdP administrator needs, as the vendor's adapter knows them
 * ({@link VendorClient#serviceProvider}), and the same values as ConfigMap data.
 */
public final class ServiceProviderValues {
    private ServiceProviderValues() {}

    /** Null when the vendor lets us know none of them. */
    public static ServiceProviderStatus of(VendorClient client, DesiredConnection desired, RemoteConnection remote) {
        return client.serviceProvider(desired, remote).filter(values -> !values.isEmpty())
                .map(v -> new ServiceProviderStatus(v.redirectUri(), v.acsUrl(), v.entityId(), v.metadataUrl(),
                        v.certificate()))
                .orElse(null);
    }

    /** ConfigMap data: one key per known value, named as in the status. */
    static Map<String, String> data(ServiceProviderStatus values) {
        Map<String, String> data = new LinkedHashMap<>();
        put(data, "redirectUri", values.redirectUri);
        put(data, "acsUrl", values.acsUrl);
        put(data, "entityId", values.entityId);
        put(data, "metadataUrl", values.metadataUrl);
        put(data, "spCertificate", values.spCertificate);
        return data;
    }

    private static void put(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
