package dev.federator.contract;

import dev.federator.provider.auth0.Auth0Settings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.sim.auth0.Auth0Simulator;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Auth0: an OIDC connection. Auth0 has no enabled flag: a connection is on for the applications it is enabled for,
 * so "enabled" here is "enabled for the one application the spec names" and "disabled" is "for none".
 */
final class Auth0Fixture implements VendorFixture<Auth0Simulator> {
    private static final String DOMAIN = "contract.eu.auth0.com";
    private static final String CLIENT_ID = "ContractM2mClient0000000000000001";
    private static final String CLIENT_SECRET = "contract-auth0-secret";
    /** The application users sign in to through the connection. */
    static final String APPLICATION = "ContractWebApp000000000000000001";

    @Override public String vendor() { return "auth0"; }

    @Override
    public Auth0Simulator start() {
        return new Auth0Simulator(DOMAIN).withClient(CLIENT_ID, CLIENT_SECRET, Auth0Simulator.ALL_SCOPES)
                .withApplication(APPLICATION).start();
    }

    @Override
    public PlatformAccount account(Auth0Simulator sim) {
        return new PlatformAccount<>("contract/auth0", new Auth0Settings(DOMAIN, sim.baseUrl()),
                Map.of("client-id", SecretValue.of(CLIENT_ID), "client-secret", SecretValue.of(CLIENT_SECRET)));
    }

    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return new DesiredConnection(name, "Corp SSO", true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp.corp.example.com", "corp-client", secret,
                        List.of("openid", "email"), "https://idp.corp.example.com/.well-known/openid-configuration",
                        null, null, null, null, null, null, null, null),
                null, null, null, List.of(), Map.of("enabled_clients", List.of(APPLICATION)), ownerId);
    }

    @Override
    public DesiredConnection disabled(DesiredConnection desired) {
        return Desired.enabled(Desired.vendorOptions(desired, Map.of()), false);
    }

    @Override
    public FieldUpdate update() {
        return new FieldUpdate("spec.displayName", d -> Desired.displayName(d, "Corp SSO (renamed)"),
                stored -> stored.path("display_name").asText(), "Corp SSO (renamed)");
    }

    @Override
    public void putOutOfBand(Auth0Simulator sim, ObjectNode rendered) {
        ObjectNode connection = rendered.deepCopy();
        connection.remove("enabled_clients"); // not a field of the connection: the applications are assigned apart
        sim.putDirect(connection);
    }

    @Override
    public Optional<ObjectNode> stored(Auth0Simulator sim, RemoteConnection remote) {
        // A deleted connection stays visible for a while on Auth0; the simulator marks it as being deleted.
        return sim.connection(remote.name()).filter(c -> !sim.deleting(remote.name()));
    }

    @Override
    public Optional<String> storedSecret(Auth0Simulator sim, RemoteConnection remote) {
        return stored(sim, remote).map(c -> c.path("options").path("client_secret").asText(null));
    }

    @Override
    public boolean enabledOnVendor(Auth0Simulator sim, RemoteConnection remote) {
        // Assignment lives behind /connections/{id}/clients, not on the connection (Auth0 deprecated enabled_clients).
        return stored(sim, remote).isPresent() && sim.enabledClients(remote.name()).contains(APPLICATION);
    }

    @Override
    public Optional<String> secretReturnedOnRead() {
        return Optional.of("Auth0 returns options.client_secret in plain text to a client with read:connections_options,"
                + " so the adapter compares it by value instead of by fingerprint");
    }
}
