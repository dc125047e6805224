package dev.federator.provider.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class KeycloakRepresentationTest {
    public static DesiredConnection oidc(String secret, Map<String, Object> vendorOptions) {
        return new DesiredConnection("corp", "Corp", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp", "client", SecretValue.of(secret), List.of("openid", "email"),
                        null, "https://idp/auth", "https://idp/token", null, "https://idp/keys", null, null, null, null),
                null, null, null, List.of(), vendorOptions, "uid-1");
    }

    @Test
    void rendersOidcWithTheSecretAsWriteOnlyAndTheOwnerMarker() {
        Rendering r = KeycloakRepresentation.render(oidc("s3cret", Map.of()));
        assertThat(r.body().path("providerId").asText()).isEqualTo("oidc");
        assertThat(r.body().path("config").path("defaultScope").asText()).isEqualTo("openid email");
        assertThat(r.body().path("config").path("useJwksUrl").asText()).isEqualTo("true");
        assertThat(r.body().path("config").path("federatorOwnerId").asText()).isEqualTo("uid-1");
        assertThat(r.writeOnlyPaths()).containsExactly("config.clientSecret");
        assertThat(r.identityPaths()).contains("alias", "providerId");
    }

    private static DesiredConnection saml(String metadataUrl, String nameIdFormat, String userId) {
        return new DesiredConnection("corp-saml", null, true, ConnectionKind.SAML, null,
                new DesiredConnection.Saml("https://idp/sso", null, "https://idp", metadataUrl, null, nameIdFormat,
                        null, null, null),
                null, new DesiredConnection.AttributeMapping(null, userId, null, null, null), List.of(), Map.of(),
                "uid-1");
    }

    /** Keycloak ignores metadataDescriptorUrl unless useMetadataDescriptorUrl is "true". */
    @Test
    void aMetadataUrlIsSentWithTheFlagThatMakesKeycloakUseIt() {
        ObjectNode config = (ObjectNode) KeycloakRepresentation.render(saml("https://idp/md", null, null)).body()
                .path("config");
        assertThat(config.path("metadataDescriptorUrl").asText()).isEqualTo("https://idp/md");
        assertThat(config.path("useMetadataDescriptorUrl").asText()).isEqualTo("true");
        ObjectNode without = (ObjectNode) KeycloakRepresentation.render(saml(null, null, null)).body().path("config");
        assertThat(without.path("useMetadataDescriptorUrl").isTextual()).isFalse();
    }

    @Test
    void aTransientNameIdNeedsAnAttributePrincipalAsKeycloakRequires() {
        String transientFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
        assertThatThrownBy(() -> KeycloakRepresentation.render(saml(null, transientFormat, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("spec.attributeMapping.userId");
        ObjectNode config = (ObjectNode) KeycloakRepresentation.render(saml(null, transientFormat, "uid")).body()
                .path("config");
        assertThat(config.path("principalType").asText()).isEqualTo("ATTRIBUTE");
    }

    @Test
    void unchangedSecretIsSentBackAsTheMaskAndAChangedOneAsItsValue() {
        Rendering r = KeycloakRepresentation.render(oidc("s3cret", Map.of()));
        ObjectNode current = JsonTree.object();
        current.put("alias", "corp").put("internalId", "id-1").putObject("config")
                .put("clientSecret", KeycloakRepresentation.MASK).put("syncMode", "LEGACY");
        ObjectNode keep = KeycloakRepresentation.updateBody(current, r, List.of("displayName"));
        assertThat(keep.path("config").path("clientSecret").asText()).isEqualTo(KeycloakRepresentation.MASK);
        assertThat(keep.path("config").path("syncMode").asText()).isEqualTo("LEGACY");
        assertThat(keep.path("internalId").asText()).isEqualTo("id-1");
        ObjectNode rotate = KeycloakRepresentation.updateBody(current, r, List.of("config.clientSecret"));
        assertThat(rotate.path("config").path("clientSecret").asText()).isEqualTo("s3cret");
    }

    @Test
    void vendorOptionsAddFieldsButNeverReplaceManagedOnes() {
        Rendering r = KeycloakRepresentation.render(oidc("s", Map.of("trustEmail", true,
                "config", Map.of("syncMode", "FORCE"))));
        assertThat(r.body().path("trustEmail").asBoolean()).isTrue();
        assertThat(r.body().path("config").path("syncMode").asText()).isEqualTo("FORCE");
        assertThatThrownBy(() -> KeycloakRepresentation.render(oidc("s", Map.of("config", Map.of("clientSecret", "x")))))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.VendorOptionConflict))
                .hasMessageContaining("config.clientSecret").hasMessageNotContaining("x\"");
    }

    @Test
    void oktaAndAzureDeriveEndpointsFromTheDomain() {
        DesiredConnection okta = new DesiredConnection("okta", null, true, ConnectionKind.Okta, null, null,
                new DesiredConnection.Hosted("cid", SecretValue.of("s"), "corp.okta.com"), null, null, null, "u");
        assertThat(KeycloakRepresentation.render(okta).body().path("config").path("tokenUrl").asText())
                .isEqualTo("https://corp.okta.com/oauth2/v1/token");
        DesiredConnection azure = new DesiredConnection("az", null, true, ConnectionKind.AzureAD, null, null,
                new DesiredConnection.Hosted("cid", SecretValue.of("s"), "corp.onmicrosoft.com"), null, null, null, "u");
        assertThat(KeycloakRepresentation.render(azure).body().path("config").path("issuer").asText())
                .isEqualTo("https://login.microsoftonline.com/corp.onmicrosoft.com/v2.0");
    }

    @Test
    void secretValuesNeverPrint() {
        assertThat(SecretValue.of("s3cret").toString()).doesNotContain("s3cret");
        assertThat(oidc("s3cret", Map.of()).toString()).doesNotContain("s3cret");
    }
}
