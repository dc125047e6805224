package dev.federator.serviceprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.ServiceProviderStatus;
import dev.federator.provider.keycloak.KeycloakClient;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import org.junit.jupiter.api.Test;

/** The operator's side: the adapter's values become status.serviceProvider and ConfigMap data, nothing invented. */
class ServiceProviderValuesTest {
    private static final DesiredConnection SAML = new DesiredConnection("corp-adfs", null, true, ConnectionKind.SAML,
            null, null, null, null, null, null, "uid-1");

    @Test
    void theAdaptersValuesBecomeTheStatus() {
        ServiceProviderStatus status = ServiceProviderValues.of(
                new KeycloakClient(null, "https://sso.example.com/realms/corp"), SAML, null);
        assertThat(status.acsUrl).isEqualTo("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint");
        assertThat(status.entityId).isEqualTo("https://sso.example.com/realms/corp");
        assertThat(status.metadataUrl).endsWith("/endpoint/descriptor");
        assertThat(status.redirectUri).isNull();
        assertThat(status.spCertificate).isNull();
    }

    @Test
    void aVendorThatKnowsNothingGetsNoStatus() {
        assertThat(ServiceProviderValues.of(new KeycloakClient(null), SAML, null)).isNull();
    }

    @Test
    void configMapDataHoldsOnlyTheKnownValues() {
        assertThat(ServiceProviderValues.data(new ServiceProviderStatus(null, "https://sp/acs", "urn:sp", null,
                "-----BEGIN CERTIFICATE-----"))).containsExactly(
                java.util.Map.entry("acsUrl", "https://sp/acs"), java.util.Map.entry("entityId", "urn:sp"),
                java.util.Map.entry("spCertificate", "-----BEGIN CERTIFICATE-----"));
        assertThat(ServiceProviderValues.data(new ServiceProviderStatus("https://sp/cb", null, null, null, null)))
                .containsOnlyKeys("redirectUri");
    }
}
