package dev.federator.provider.ezto;

import dev.federator.provider.spi.Lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.provider.spi.Reason;
import dev.federator.sim.ezto.EztoSimulator;
import dev.federator.provider.keycloak.KeycloakRepresentation;
import dev.federator.provider.keycloak.KeycloakRepresentationTest;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorException;
import dev.federator.testkit.VendorClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ezto adapter (Keycloak's client over ezto's transport) against the ezto simulator, over real HTTP. */
class EztoAdapterTest {
    private static final String TOKEN = "ezto-api-token-1";
    private static final String WORKSPACE = "acme";
    private EztoSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private EztoSimulator start(String pathTemplate) {
        sim = new EztoSimulator(null, 0, pathTemplate).withApiToken(TOKEN).withReadOnlyApiToken("read-only")
                .createWorkspace(WORKSPACE).start();
        return sim;
    }

    private VendorClient client(String token, String pathTemplate) {
        return VendorClients.connect(new EztoProvider(), VendorClients.account("ns/ezto",
                new EztoSettings(sim.baseUrl() + "/", WORKSPACE, pathTemplate), Map.of("token", token)));
    }

    private static DesiredConnection oidc(String secret) { return KeycloakRepresentationTest.oidc(secret, Map.of()); }

    @Test
    void managesAnIdentityProviderThroughTheAuthenticationHeaderAndKeepsTheMaskedSecret() {
        start(EztoSimulator.DEFAULT_PATH_TEMPLATE);
        VendorClient client = client(TOKEN, null);
        client.verify();
        assertThat(sim.calls().calls().get(0).route())
                .isEqualTo("GET /admin/realms/:workspace/identity-provider/instances");

        DesiredConnection desired = oidc("s3cret");
        Rendering rendering = client.render(desired);
        RemoteConnection created = client.create(desired, rendering);
        assertThat(created.name()).isEqualTo("corp");
        assertThat(sim.storedSecret(WORKSPACE, "corp")).contains("s3cret");
        RemoteConnection read = client.find(Lookup.byName("corp", created.id())).orElseThrow();
        assertThat(read.body().path("config").path("clientSecret").asText()).isEqualTo(KeycloakRepresentation.MASK);

        // A display-name change answers 200 with the body; the unchanged secret goes back as the mask and survives.
        DesiredConnection renamed = new DesiredConnection("corp", "Corp renamed", true, desired.kind(), desired.oidc(),
                null, null, null, List.of(), Map.of(), "uid-1");
        RemoteConnection updated = client.update(read, renamed, client.render(renamed), List.of("displayName"));
        assertThat(sim.calls().calls()).anyMatch(c -> c.method().equals("PUT") && c.status() == 200);
        assertThat(updated.body().path("displayName").asText()).isEqualTo("Corp renamed");
        assertThat(sim.storedSecret(WORKSPACE, "corp")).contains("s3cret");
        assertThat(sim.identityProvider(WORKSPACE, "corp").orElseThrow().path("config").path("federatorOwnerId")
                .asText()).isEqualTo("uid-1");

        assertThat(client.listAll().orElseThrow()).extracting(RemoteConnection::name).containsExactly("corp");
        client.delete(updated);
        assertThat(client.find(Lookup.byName("corp", null))).isEmpty();
    }

    @Test
    void aTokenTheVendorRefusesIsAnAuthenticationFailureThatNeverShowsTheToken() {
        start(EztoSimulator.DEFAULT_PATH_TEMPLATE);
        assertThatThrownBy(() -> client("wrong-token-value", null).verify())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining("wrong-token-value");
        VendorClient readOnly = client("read-only", null);
        readOnly.verify();
        DesiredConnection desired = oidc("s");
        assertThatThrownBy(() -> readOnly.create(desired, readOnly.render(desired)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("give the API token permission")
                .hasMessageNotContaining("read-only");
    }

    @Test
    void theCollectionPathComesFromThePathTemplate() {
        String custom = "/api/v2/workspaces/{workspace}/identity-providers";
        start(custom);
        assertThatThrownBy(() -> client(TOKEN, null).verify())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("spec.ezto.pathTemplate");
        VendorClient client = client(TOKEN, custom);
        client.verify();
        DesiredConnection desired = oidc("s");
        client.create(desired, client.render(desired));
        assertThat(sim.identityProvider(WORKSPACE, "corp")).isPresent();
        assertThat(sim.calls().calls()).anyMatch(c -> c.route().equals("POST /api/v2/workspaces/:workspace/identity-providers")
                && c.status() == 201);
    }

    @Test
    void validButFailed402IsPermanentAndNotRetried() {
        start(EztoSimulator.DEFAULT_PATH_TEMPLATE).answerPaymentRequired("corp");
        VendorClient client = client(TOKEN, null);
        DesiredConnection desired = oidc("s");
        sim.calls().reset();
        assertThatThrownBy(() -> client.create(desired, client.render(desired)))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((VendorException) e).reason()).isEqualTo(Reason.VendorRejected))
                .hasMessageContaining("402");
        assertThat(sim.calls().count("POST")).isEqualTo(1);

        sim.clearPaymentRequired("corp");
        RemoteConnection created = client.create(desired, client.render(desired));
        sim.answerPaymentRequired("corp");
        sim.calls().reset();
        assertThatThrownBy(() -> client.update(created, desired, client.render(desired), List.of("displayName")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(sim.calls().count("PUT")).isEqualTo(1); // a PUT is idempotent, yet 402 is never repeated
    }

    @Test
    void a503IsTransientRetriedWhereSafeAndReportedOtherwise() {
        start(EztoSimulator.DEFAULT_PATH_TEMPLATE);
        VendorClient client = client(TOKEN, null);
        sim.faults().failNext(2, 503);
        client.verify(); // a GET is repeated through two 503s
        assertThat(sim.calls().count(c -> c.status() == 503)).isEqualTo(2);

        DesiredConnection desired = oidc("s");
        sim.calls().reset();
        sim.faults().failNext(1, 503);
        assertThatThrownBy(() -> client.create(desired, client.render(desired)))
                .isInstanceOf(TransientVendorException.class)
                .satisfies(e -> assertThat(((VendorException) e).reason()).isEqualTo(Reason.VendorUnavailable));
        assertThat(sim.calls().count("POST")).isEqualTo(1); // a create is never repeated blindly
    }

    @Test
    void aPlatformWithoutTokenIsIncomplete() {
        start(EztoSimulator.DEFAULT_PATH_TEMPLATE);
        PlatformAccount<EztoSettings> account = new PlatformAccount<>("ns/ezto",
                new EztoSettings(sim.baseUrl(), WORKSPACE, null), Map.of());
        assertThatThrownBy(() -> new EztoProvider().connect(account, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("tokenRef");
    }

    @Test
    void theWorkspaceIsEncodedIntoTheTemplateAndSlashesAreNormalised() {
        EztoSettings settings = new EztoSettings("https://api.ezto.example/", "my space", "v1/{workspace}/idps/");
        assertThat(EztoProvider.collectionUrl(settings)).isEqualTo("https://api.ezto.example/v1/my%20space/idps");
        EztoSettings defaults = new EztoSettings("https://api.ezto.example", "acme", null);
        assertThat(EztoProvider.collectionUrl(defaults))
                .isEqualTo("https://api.ezto.example/admin/realms/acme/identity-provider/instances");
    }
}
