package dev.federator.contract;

import dev.federator.provider.loginradius.LoginRadiusSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.secrets.PemCertificates;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.SigningCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** LoginRadius: a SAML connection of an organization for its one verified domain; SAML carries no secret. */
final class LoginRadiusFixture implements VendorFixture<LoginRadiusSimulator> {
    private static final String ORG = "5e0c1a9e4b7d8c0e5a3fc0de";
    private static final String DOMAIN = "corp.example.com";
    private static final String API_KEY = "contract-lr-key";
    private static final String API_SECRET = "contract-lr-secret";

    @Override public String vendor() { return "loginradius"; }

    @Override
    public LoginRadiusSimulator start() {
        return new LoginRadiusSimulator().withCredentials(API_KEY, API_SECRET).withOrganization(ORG, DOMAIN).start();
    }

    @Override
    public PlatformAccount account(LoginRadiusSimulator sim) {
        return new PlatformAccount<>("contract/loginradius", new LoginRadiusSettings(sim.baseUrl(), ORG),
                Map.of("api-key", SecretValue.of(API_KEY), "api-secret", SecretValue.of(API_SECRET)));
    }

    /** {@code secret} is ignored: the connection is SAML, whose certificate is public. */
    @Override
    public DesiredConnection desired(String name, String ownerId, SecretValue secret) {
        return saml(name, ownerId, "http://adfs.corp.example.com/adfs/services/trust");
    }

    private static DesiredConnection saml(String name, String ownerId, String entityId) {
        return new DesiredConnection(name, "Corp SSO", true, ConnectionKind.SAML, null,
                new DesiredConnection.Saml("https://adfs.corp.example.com/adfs/ls/", null, entityId,
                        "https://adfs.corp.example.com/FederationMetadata/2007-06/FederationMetadata.xml",
                        certificate(), null, null, false, null),
                null, new DesiredConnection.AttributeMapping("email", "upn", null, null, null), List.of(DOMAIN),
                Map.of(), ownerId);
    }

    private static SigningCertificate certificate() {
        try (InputStream in = LoginRadiusFixture.class.getResourceAsStream("/loginradius/idp-1.crt")) {
            return PemCertificates.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "contract",
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FieldUpdate update() {
        return new FieldUpdate("spec.saml.entityId", d -> saml(d.name(), d.ownerId(), "http://adfs.corp.example.com/v2"),
                stored -> stored.path("IDPEntityId").asText(), "http://adfs.corp.example.com/v2");
    }

    @Override
    public void putOutOfBand(LoginRadiusSimulator sim, ObjectNode rendered) { sim.putDirect(ORG, rendered); }

    @Override
    public Optional<ObjectNode> stored(LoginRadiusSimulator sim, RemoteConnection remote) {
        return sim.connection(ORG, remote.name());
    }

    @Override
    public Optional<String> storedSecret(LoginRadiusSimulator sim, RemoteConnection remote) { return Optional.empty(); }

    @Override
    public boolean enabledOnVendor(LoginRadiusSimulator sim, RemoteConnection remote) {
        return stored(sim, remote).map(c -> c.path("IsActive").asBoolean()).orElse(false);
    }

    @Override
    public Map<Scenario, String> unsupported() {
        return Map.of(Scenario.ROTATE_SECRET, "LoginRadius connections are SAML (the IdP certificate is public, not a "
                + "secret); where an OIDC client secret goes is undocumented, so the adapter refuses to send one");
    }
}
