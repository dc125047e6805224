package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.provider.auth0.Auth0Settings;
import dev.federator.provider.keycloak.KeycloakSettings;
import dev.federator.provider.slashid.SlashIdSettings;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.VendorException;
import dev.federator.sandbox.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a platform's vendor block becomes the adapter's settings record, and how it fails when it cannot. */
class PlatformSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VendorRegistry REGISTRY = new VendorRegistry();

    @Test
    void everySamplePlatformReadsIntoItsAdaptersSettingsRecord() {
        List<ObjectNode> platforms = Samples.read(Path.of("samples")).stream()
                .filter(doc -> doc.path("kind").asText().endsWith("IdentityPlatform")).toList();
        assertThat(platforms).hasSizeGreaterThanOrEqualTo(REGISTRY.vendors().size());
        for (ObjectNode doc : platforms) {
            PlatformSpec spec = JSON.convertValue(doc.path("spec"), PlatformSpec.class);
            String vendor = PlatformAccounts.vendorOf(spec).orElseThrow();
            var type = REGISTRY.provider(vendor).orElseThrow().settingsType();
            Record settings = PlatformAccounts.settings(vendor, JSON.valueToTree(spec).path(vendor), type);
            assertThat(settings).as(doc.path("metadata").path("name").asText()).isInstanceOf(type);
        }
    }

    @Test
    void fieldsArriveByNameWithDefaultsAndWithoutTheSecretReferences() {
        KeycloakSettings keycloak = PlatformAccounts.settings("keycloak", block(
                "{\"url\": \"https://sso.example.com\", \"realm\": \"corp\", \"credentialsRef\": {\"name\": \"kc\"}}"),
                KeycloakSettings.class);
        assertThat(keycloak).isEqualTo(new KeycloakSettings("https://sso.example.com", "corp", "master"));
        Auth0Settings auth0 = PlatformAccounts.settings("auth0", block("{\"domain\": \"corp.eu.auth0.com\"}"),
                Auth0Settings.class);
        assertThat(auth0.url()).isEqualTo("https://corp.eu.auth0.com");
        SlashIdSettings slashid = PlatformAccounts.settings("slashid", block("{\"organizationId\": \"o1\", "
                + "\"consistency\": \"all_regions\", \"consistencyTimeoutSeconds\": 5, "
                + "\"apiKeyRef\": {\"name\": \"s\", \"key\": \"k\"}}"), SlashIdSettings.class);
        assertThat(slashid).isEqualTo(new SlashIdSettings("https://api.slashid.com", "o1", "all_regions", 5));
    }

    @Test
    void aMissingOrBlankRequiredFieldIsMissingSettingNamingTheField() {
        assertThatThrownBy(() -> PlatformAccounts.settings("keycloak", block("{\"url\": \"https://sso\"}"),
                KeycloakSettings.class))
                .isInstanceOf(InvalidRequestException.class).hasMessage("the platform needs realm")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.MissingSetting);
        assertThatThrownBy(() -> PlatformAccounts.settings("auth0", block("{\"domain\": \" \"}"), Auth0Settings.class))
                .isInstanceOf(InvalidRequestException.class).hasMessage("the platform needs domain");
    }

    @Test
    void aValueOfTheWrongTypeIsInvalidSettingNamingTheField() {
        assertThatThrownBy(() -> PlatformAccounts.settings("slashid", block("{\"organizationId\": \"o1\", "
                + "\"consistencyTimeoutSeconds\": \"soon\"}"), SlashIdSettings.class))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("spec.slashid.consistencyTimeoutSeconds")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.InvalidSetting);
    }

    @Test
    void theRecordsOwnChecksPassThroughAsTheyAre() {
        assertThatThrownBy(() -> PlatformAccounts.settings("slashid", block("{\"organizationId\": \"o1\", "
                + "\"consistencyTimeoutSeconds\": 121}"), SlashIdSettings.class))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1-120")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.InvalidSetting);
    }

    @Test
    void theVendorIsTheRegisteredBlockThatIsSet() {
        IdentityPlatform platform = JSON.convertValue(Map.of("spec", Map.of("devrev", Map.of("url", "http://x"))),
                IdentityPlatform.class);
        assertThat(PlatformAccounts.vendorOf(platform.getSpec())).contains("devrev");
        assertThat(PlatformAccounts.vendorOf(new PlatformSpec())).isEmpty();
    }

    @Test
    void plainHttpFollowsTheSettingsUrl() {
        assertThat(PlatformAccounts.plainHttp(new PlatformAccount<>("ns/p",
                new KeycloakSettings("http://localhost:8080", "corp", null), Map.of()))).isTrue();
        assertThat(PlatformAccounts.plainHttp(new PlatformAccount<>("ns/p",
                new Auth0Settings("corp.eu.auth0.com", null), Map.of()))).isFalse();
    }

    private static JsonNode block(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
