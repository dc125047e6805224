package dev.federator.contract;

import dev.federator.provider.devrev.DevRevSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.devrev.DevRevSimulator;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** DevRev: an OIDC auth connection of the org, client_secret write-only, enabled through its own toggle call. */
final class DevRevFixture implements VendorFixture<DevRevSimulator> {
    private static final String TOKEN = "contract-devrev-pat";

    @Override public String vendor() { return "devrev"; }

    @Override public DevRevSimulator start() { return new DevRevSimulator().withToken(TOKEN).start(); }

    @Override
    public PlatformAccount account(DevRevSimulator sim) {
        return new PlatformAccount<>("contract/devrev", new DevRevSettings(sim.baseUrl()),
                Map.of("token", SecretValue.of(TOKEN)));
    }

    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return new DesiredConnection(name, "Corp SSO", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp.corp.example.com", "corp-client", secret, List.of("openid"),
                        null, null, null, null, null, null, null, null, null),
                null, null, null, List.of(), Map.of(), ownerId);
    }

    @Override
    public FieldUpdate update() {
        return new FieldUpdate("spec.oidc.issuer", d -> new DesiredConnection(d.name(), d.displayName(), d.enabled(),
                d.kind(), new DesiredConnection.Oidc("https://login.corp.example.com", d.oidc().clientId(),
                d.oidc().clientSecret(), d.oidc().scopes(), null, null, null, null, null, null, null, null, null),
                null, null, null, d.domains(), d.vendorOptions(), d.ownerId()),
                stored -> stored.path("issuer").asText(), "https://login.corp.example.com");
    }

    @Override
    public Optional<ObjectNode> stored(DevRevSimulator sim, RemoteConnection remote) { return sim.connection(remote.id()); }

    @Override
    public Optional<String> storedSecret(DevRevSimulator sim, RemoteConnection remote) {
        return stored(sim, remote).map(c -> c.path("client_secret").asText(null));
    }

    @Override
    public boolean enabledOnVendor(DevRevSimulator sim, RemoteConnection remote) {
        return stored(sim, remote).map(c -> c.path("enabled").asBoolean()).orElse(false);
    }
}
