package dev.federator.contract;

import dev.federator.provider.keycloak.KeycloakSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.it.keycloak.RealKeycloak;
import dev.federator.it.keycloak.RealKeycloakExtension;
import dev.federator.it.keycloak.UpstreamIdp;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Keycloak contract against a real Keycloak: a fresh realm per scenario. Keycloak never shows a stored secret, so
 * the secret it holds is the one it sends to the upstream's token endpoint in a broker login.
 */
final class RealKeycloakFixture implements VendorFixture<RealKeycloakFixture.Realm> {
    private final UpstreamIdp upstream;

    RealKeycloakFixture(UpstreamIdp upstream) { this.upstream = upstream; }

    /** One realm of the shared server; left behind on close, since the server lives only as long as the test JVM. */
    record Realm(RealKeycloak keycloak, String name) implements AutoCloseable {
        @Override public void close() { }
    }

    @Override public String vendor() { return "keycloak"; }

    @Override
    public Realm start() {
        RealKeycloak keycloak = RealKeycloakExtension.server();
        return new Realm(keycloak, keycloak.admin().newRealm());
    }

    @Override
    public PlatformAccount account(Realm realm) {
        return new PlatformAccount<>("contract/real-keycloak",
                new KeycloakSettings(realm.keycloak().url(), realm.name(), "master"), Map.of("username", SecretValue.of(realm.keycloak().adminUser()),
                "password", SecretValue.of(realm.keycloak().adminPassword())));
    }

    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return new DesiredConnection(name, "Corp SSO", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc(null, "federator-client", secret, List.of("openid"), null,
                        upstream.authorizationUrl(), upstream.tokenUrl(), null, null, null, "client_secret_post", null,
                        null),
                null, null, null, List.of(), Map.of(), ownerId);
    }

    @Override public FieldUpdate update() { return KeycloakFixture.displayName(); }

    @Override
    public Optional<ObjectNode> stored(Realm realm, RemoteConnection remote) {
        return realm.keycloak().admin().identityProvider(realm.name(), remote.name()).map(ObjectNode.class::cast);
    }

    @Override
    public Optional<String> storedSecret(Realm realm, RemoteConnection remote) {
        return upstream.secretSentBy(realm.keycloak(), realm.name(), remote.name());
    }

    @Override
    public boolean enabledOnVendor(Realm realm, RemoteConnection remote) {
        return stored(realm, remote).map(idp -> idp.path("enabled").asBoolean()).orElse(false);
    }
}
