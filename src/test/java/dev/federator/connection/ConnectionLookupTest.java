package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.AzureAdSpec;
import dev.federator.api.v1alpha1.ClientCredentialsSpec;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.GoogleWorkspaceSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.OidcSpec;
import dev.federator.api.v1alpha1.OktaSpec;
import dev.federator.api.v1alpha1.SamlSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.SecretValue;
import dev.federator.secrets.SecretReader;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delete path builds its lookup from the spec alone; a sync builds it from the desired state resolved from the
 * same spec. They must agree for every type, or a delete looks for something else than the sync created.
 */
class ConnectionLookupTest {
    private static final SecretKeyRef REF = new SecretKeyRef("idp", "secret");
    private int secretReads;
    private final SecretReader secrets = new SecretReader(null, null) {
        @Override
        public SecretValue value(String ns, String name, String key, Map<String, String> versionsRead) {
            secretReads++;
            return SecretValue.of("from-the-secret");
        }
    };

    @ParameterizedTest
    @EnumSource(ConnectionType.class)
    void theSpecAloneGivesTheLookupOfTheResolvedDesiredState(ConnectionType type) {
        IdentityConnection resource = resource(type, "Corp SSO");
        Lookup fromSpec = ConnectionLookup.of(resource, "id-1");
        assertThat(secretReads).as("building the lookup read a Secret").isZero();

        Lookup fromDesired = Lookup.of(new DesiredStateBuilder(secrets, Clock.systemUTC()).build(resource,
                new HashMap<>()), "id-1");
        assertThat(fromSpec).isEqualTo(fromDesired);
        assertThat(fromSpec.kind()).isEqualTo(ConnectionKind.valueOf(type.name()));
        assertThat(fromSpec.name()).isEqualTo("corp-sso");
        assertThat(fromSpec.displayName()).isEqualTo("Corp SSO");
        assertThat(fromSpec.clientId()).isEqualTo(type == ConnectionType.SAML ? null : "client-1");
    }

    @Test
    void withoutDisplayNameVendorsFallBackToTheName() {
        IdentityConnection resource = resource(ConnectionType.OIDC, null);
        assertThat(ConnectionLookup.of(resource, null).displayNameOrName()).isEqualTo("corp-sso");
        assertThat(ConnectionLookup.of(resource, null).externalId()).isNull();
    }

    @Test
    void aResourceWithoutTypeStillHasItsName() {
        IdentityConnection resource = resource(ConnectionType.OIDC, null);
        resource.getSpec().type = null;
        assertThat(ConnectionLookup.of(resource, "x")).isEqualTo(new Lookup("corp-sso", "x", null, null, null));
    }

    private static IdentityConnection resource(ConnectionType type, String displayName) {
        IdentityConnection resource = new IdentityConnection();
        resource.setMetadata(new ObjectMetaBuilder().withName("resource-name").withNamespace("ns").withUid("u")
                .build());
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.connectionName = "corp-sso";
        spec.displayName = displayName;
        spec.type = type;
        switch (type) {
            case OIDC -> {
                spec.oidc = new OidcSpec();
                spec.oidc.issuer = "https://idp.example.com";
                spec.oidc.clientId = "client-1";
                spec.oidc.clientSecretRef = REF;
            }
            case SAML -> {
                spec.saml = new SamlSpec();
                spec.saml.metadataUrl = "https://idp.example.com/metadata";
            }
            case AzureAD -> spec.azureAD = credentials(new AzureAdSpec());
            case Okta -> spec.okta = credentials(new OktaSpec());
            case GoogleWorkspace -> spec.googleWorkspace = credentials(new GoogleWorkspaceSpec());
        }
        resource.setSpec(spec);
        return resource;
    }

    private static <T extends ClientCredentialsSpec> T credentials(T spec) {
        spec.clientId = "client-1";
        spec.clientSecretRef = REF;
        return spec;
    }
}
