package dev.federator.provider.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.VendorClient;
import dev.federator.testkit.VendorClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keycloak's broker endpoint per alias, from the platform's URL and realm; no call is made. */
class KeycloakServiceProviderTest {
    private static DesiredConnection desired(ConnectionKind kind) {
        return new DesiredConnection("corp-adfs", null, true, kind, null, null, null, null, null, null, "uid-1");
    }

    private static VendorClient client() {
        return new KeycloakProvider().connect(VendorClients.account("ns/kc",
                new KeycloakSettings("https://sso.example.com/", "corp", null),
                Map.of("client-id", "federator", "client-secret", "s")), VendorClients.http());
    }

    @Test
    void samlGetsTheBrokerEndpointTheRealmAsEntityIdAndTheDescriptor() {
        ServiceProvider saml = client().serviceProvider(desired(ConnectionKind.SAML), null).orElseThrow();
        assertThat(saml.acsUrl()).isEqualTo("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint");
        assertThat(saml.entityId()).isEqualTo("https://sso.example.com/realms/corp");
        assertThat(saml.metadataUrl())
                .isEqualTo("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint/descriptor");
        assertThat(saml.redirectUri()).isNull();
        assertThat(saml.certificate()).isNull();
    }

    @Test
    void oidcStyleKindsGetTheBrokerEndpointAsRedirectUri() {
        for (ConnectionKind kind : new ConnectionKind[] {ConnectionKind.OIDC, ConnectionKind.AzureAD,
                ConnectionKind.Okta, ConnectionKind.GoogleWorkspace}) {
            assertThat(client().serviceProvider(desired(kind), null).orElseThrow())
                    .isEqualTo(ServiceProvider.redirect("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint"));
        }
    }

    @Test
    void aClientWithoutAKnownRealmUrlKnowsNothing() {
        // ezto builds its client this way: Keycloak-based, but its public URL layout is not documented.
        assertThat(new KeycloakClient(null).serviceProvider(desired(ConnectionKind.SAML), null)).isEmpty();
    }
}
