package dev.federator.contract;

import dev.federator.provider.slashid.SlashIdSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.slashid.SlashIdSimulator;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SlashID: Okta OIDC provider credentials of an organization, keyed by client id, client_secret write-only. */
final class SlashIdFixture implements VendorFixture<SlashIdSimulator> {
    private static final String ORG = "c0a7e1f2-3b4c-4d5e-8f60-718293a4b5c6";
    private static final String API_KEY = "contract-slashid-key";

    @Override public String vendor() { return "slashid"; }

    @Override public SlashIdSimulator start() { return new SlashIdSimulator(ORG, API_KEY).start(); }

    @Override
    public PlatformAccount account(SlashIdSimulator sim) {
        return new PlatformAccount<>("contract/slashid", new SlashIdSettings(sim.baseUrl(), ORG, null, null),
                Map.of("api-key", SecretValue.of(API_KEY)));
    }

    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return new DesiredConnection(name, "Corp SSO", true, ConnectionKind.Okta, null, null,
                new DesiredConnection.Hosted("0oacontract1", secret, "corp.okta.com"), null, List.of(), Map.of(),
                ownerId);
    }

    @Override
    public FieldUpdate update() {
        return new FieldUpdate("spec.displayName", d -> Desired.displayName(d, "Corp SSO (renamed)"),
                stored -> stored.path("label").asText(), "Corp SSO (renamed)");
    }

    @Override
    public Optional<ObjectNode> stored(SlashIdSimulator sim, RemoteConnection remote) {
        return Optional.ofNullable(sim.oidcCredentials().get(remote.id()));
    }

    @Override
    public Optional<String> storedSecret(SlashIdSimulator sim, RemoteConnection remote) {
        return sim.clientSecret(remote.id());
    }

    /** Provider credentials have no state of their own: stored is usable. */
    @Override
    public boolean enabledOnVendor(SlashIdSimulator sim, RemoteConnection remote) {
        return stored(sim, remote).isPresent();
    }

    @Override
    public Map<Scenario, String> unsupported() {
        return Map.of(Scenario.DISABLE, "SlashID provider credentials have no enabled flag; the adapter refuses "
                + "spec.enabled: false (UnsupportedField) rather than delete them behind the user's back");
    }
}
