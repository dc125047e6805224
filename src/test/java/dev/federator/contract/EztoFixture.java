package dev.federator.contract;

import dev.federator.provider.ezto.EztoSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.ezto.EztoSimulator;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.Map;
import java.util.Optional;

/** ezto: Keycloak's identity-provider representation in a workspace, behind an API token. */
final class EztoFixture implements VendorFixture<EztoSimulator> {
    private static final String WORKSPACE = "corp";
    private static final String TOKEN = "contract-ezto-token";

    @Override public String vendor() { return "ezto"; }

    @Override
    public EztoSimulator start() { return new EztoSimulator().withApiToken(TOKEN).createWorkspace(WORKSPACE).start(); }

    @Override
    public PlatformAccount account(EztoSimulator sim) {
        return new PlatformAccount<>("contract/ezto", new EztoSettings(sim.baseUrl(), WORKSPACE, null),
                Map.of("token", SecretValue.of(TOKEN)));
    }

    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return KeycloakFixture.oidc(name, ownerId, secret);
    }

    @Override public FieldUpdate update() { return KeycloakFixture.displayName(); }

    @Override
    public void putOutOfBand(EztoSimulator sim, ObjectNode rendered) { sim.putDirect(WORKSPACE, rendered); }

    @Override
    public Optional<ObjectNode> stored(EztoSimulator sim, RemoteConnection remote) {
        return sim.identityProvider(WORKSPACE, remote.name());
    }

    @Override
    public Optional<String> storedSecret(EztoSimulator sim, RemoteConnection remote) {
        return sim.storedSecret(WORKSPACE, remote.name());
    }

    @Override
    public boolean enabledOnVendor(EztoSimulator sim, RemoteConnection remote) {
        return stored(sim, remote).map(idp -> idp.path("enabled").asBoolean()).orElse(false);
    }
}
