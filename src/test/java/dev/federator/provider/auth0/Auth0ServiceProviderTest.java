package dev.federator.provider.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.ServiceProvider;
import dev.federator.provider.spi.VendorClient;
import dev.federator.testkit.VendorClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auth0's tenant callback and SAML URN, from spec.auth0.domain; no call is made. */
class Auth0ServiceProviderTest {
    private static DesiredConnection desired(ConnectionKind kind) {
        return new DesiredConnection("corp-adfs", null, true, kind, null, null, null, null, null, null, "uid-1");
    }

    private static VendorClient client(String domain) {
        return new Auth0Provider().connect(VendorClients.account("ns/a0", new Auth0Settings(domain, null),
                Map.of("client-id", "federator", "client-secret", "s")), VendorClients.http());
    }

    @Test
    void samlOnATenantDomain() {
        ServiceProvider saml = client("corp.eu.auth0.com").serviceProvider(desired(ConnectionKind.SAML), null)
                .orElseThrow();
        assertThat(saml).isEqualTo(new ServiceProvider(null,
                "https://corp.eu.auth0.com/login/callback?connection=corp-adfs", "urn:auth0:corp:corp-adfs",
                "https://corp.eu.auth0.com/samlp/metadata?connection=corp-adfs", null));
    }

    @Test
    void samlOnACustomDomainLeavesTheEntityIdOut() {
        ServiceProvider saml = client("login.corp.example.com").serviceProvider(desired(ConnectionKind.SAML), null)
                .orElseThrow();
        assertThat(saml.entityId()).isNull(); // the tenant's name is not in a custom domain
        assertThat(saml.acsUrl()).isEqualTo("https://login.corp.example.com/login/callback?connection=corp-adfs");
        assertThat(saml.metadataUrl()).isEqualTo("https://login.corp.example.com/samlp/metadata?connection=corp-adfs");
    }

    @Test
    void oidcStyleKindsShareTheTenantCallback() {
        for (ConnectionKind kind : new ConnectionKind[] {ConnectionKind.OIDC, ConnectionKind.AzureAD,
                ConnectionKind.Okta, ConnectionKind.GoogleWorkspace}) {
            assertThat(client("corp.us.auth0.com").serviceProvider(desired(kind), null).orElseThrow())
                    .isEqualTo(ServiceProvider.redirect("https://corp.us.auth0.com/login/callback"));
        }
        assertThat(client("login.corp.example.com").serviceProvider(desired(ConnectionKind.OIDC), null).orElseThrow()
                .redirectUri()).isEqualTo("https://login.corp.example.com/login/callback");
    }
}
