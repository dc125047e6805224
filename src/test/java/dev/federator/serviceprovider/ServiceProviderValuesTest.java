package dev.federator.serviceprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.Auth0PlatformSpec;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.ServiceProviderStatus;
import dev.federator.platform.ResolvedPlatform;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class ServiceProviderValuesTest {
    private static IdentityConnection connection(ConnectionType type) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName("corp-adfs").withNamespace("ns").build());
        c.setSpec(new IdentityConnectionSpec());
        c.getSpec().type = type;
        return c;
    }

    private static ResolvedPlatform platform(String vendor, PlatformSpec spec) {
        return new ResolvedPlatform("ns/p", new IdentityPlatform(), spec, vendor, "ns");
    }

    @Test
    void keycloaksBrokerEndpointPerAlias() {
        PlatformSpec spec = new PlatformSpec();
        spec.keycloak = new KeycloakPlatformSpec();
        spec.keycloak.url = "https://sso.example.com/";
        spec.keycloak.realm = "corp";
        ServiceProviderStatus saml = ServiceProviderValues.of(platform("keycloak", spec), connection(ConnectionType.SAML));
        assertThat(saml.acsUrl).isEqualTo("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint");
        assertThat(saml.entityId).isEqualTo("https://sso.example.com/realms/corp");
        assertThat(saml.metadataUrl).isEqualTo("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint/descriptor");
        assertThat(saml.redirectUri).isNull();
        assertThat(ServiceProviderValues.of(platform("keycloak", spec), connection(ConnectionType.OIDC)).redirectUri)
                .isEqualTo("https://sso.example.com/realms/corp/broker/corp-adfs/endpoint");
    }

    @Test
    void auth0sTenantCallbackAndSamlUrn() {
        PlatformSpec spec = new PlatformSpec();
        spec.auth0 = new Auth0PlatformSpec();
        spec.auth0.domain = "corp.eu.auth0.com";
        ServiceProviderStatus saml = ServiceProviderValues.of(platform("auth0", spec), connection(ConnectionType.SAML));
        assertThat(saml.acsUrl).isEqualTo("https://corp.eu.auth0.com/login/callback?connection=corp-adfs");
        assertThat(saml.entityId).isEqualTo("urn:auth0:corp:corp-adfs");
        assertThat(saml.metadataUrl).isEqualTo("https://corp.eu.auth0.com/samlp/metadata?connection=corp-adfs");
        assertThat(ServiceProviderValues.of(platform("auth0", spec), connection(ConnectionType.AzureAD)).redirectUri)
                .isEqualTo("https://corp.eu.auth0.com/login/callback");
        spec.auth0.domain = "login.corp.example.com";
        assertThat(ServiceProviderValues.of(platform("auth0", spec), connection(ConnectionType.SAML)).entityId).isNull();
    }

    @Test
    void vendorsWithoutADocumentedLayoutGetNothing() {
        assertThat(ServiceProviderValues.of(platform("slashid", new PlatformSpec()), connection(ConnectionType.SAML)))
                .isNull();
        assertThat(ServiceProviderValues.of(platform("keycloak", new PlatformSpec()), connection(ConnectionType.SAML)))
                .isNull();
    }
}
