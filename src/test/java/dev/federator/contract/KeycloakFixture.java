package dev.federator.contract;

import dev.federator.provider.keycloak.KeycloakSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.keycloak.KeycloakSimulator;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keycloak: an OIDC identity provider in a realm, the client secret masked on every read. */
final class KeycloakFixture implements VendorFixture<KeycloakSimulator> {
    private static final String REALM = "corp";
    private static final String CLIENT_ID = "federator";
    private static final String CLIENT_SECRET = "contract-admin-secret";

    @Override public String vendor() { return "keycloak"; }

    @Override
    public KeycloakSimulator start() {
        KeycloakSimulator sim = new KeycloakSimulator().withAuthRealm(REALM).withServiceClient(CLIENT_ID, CLIENT_SECRET)
                .start();
        sim.createRealm(REALM);
        return sim;
    }

    @Override
    public PlatformAccount account(KeycloakSimulator sim) {
        return new PlatformAccount<>("contract/keycloak", new KeycloakSettings(sim.baseUrl(), REALM, REALM),
                Map.of("client-id", SecretValue.of(CLIENT_ID), "client-secret", SecretValue.of(CLIENT_SECRET)));
    }

    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return oidc(name, ownerId, secret);
    }

    /** Also the ezto fixture's connection: ezto speaks Keycloak's identity-provider representation. */
    static DesiredConnection oidc(String name, String ownerId, SecretValue secret) {
        return new DesiredConnection(name, "Corp SSO", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp.corp.example.com", "corp-client", secret,
                        List.of("openid", "email"), null, "https://idp.corp.example.com/authorize",
                        "https://idp.corp.example.com/token", null, "https://idp.corp.example.com/keys", null, null,
                        null, null),
                null, null, null, List.of(), Map.of(), ownerId);
    }

    static FieldUpdate displayName() {
        return new FieldUpdate("spec.displayName", d -> Desired.displayName(d, "Corp SSO (renamed)"),
                stored -> stored.path("displayName").asText(), "Corp SSO (renamed)");
    }

    @Override public FieldUpdate update() { return displayName(); }

    @Override
    public void putOutOfBand(KeycloakSimulator sim, ObjectNode rendered) { sim.putDirect(REALM, rendered); }

    @Override
    public Optional<ObjectNode> stored(KeycloakSimulator sim, RemoteConnection remote) {
        return sim.identityProvider(REALM, remote.name());
    }

    @Override
    public Optional<String> storedSecret(KeycloakSimulator sim, RemoteConnection remote) {
        return sim.storedSecret(REALM, remote.name());
    }

    @Override
    public boolean enabledOnVendor(KeycloakSimulator sim, RemoteConnection remote) {
        return stored(sim, remote).map(idp -> idp.path("enabled").asBoolean()).orElse(false);
    }
}
