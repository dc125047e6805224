package dev.federator.provider.devrev;

import dev.federator.sim.devrev.DevRevSimulator;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.SigningCertificate;
import dev.federator.provider.spi.VendorClient;
import dev.federator.testkit.VendorClients;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Desired connections of every type and a client wired to a simulator, shared by the DevRev adapter tests. */
final class DevRevFixtures {
    static final String TOKEN = "devrev-pat-test";
    static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVGb3JEZXZSZXZUZXN0czAKBggqhkjOPQQDAjAZ
            -----END CERTIFICATE-----""";
    static final String PEM2 = PEM.replace("MIIBs", "MIICs");

    private DevRevFixtures() {}

    static VendorClient client(DevRevSimulator sim, String token) {
        return VendorClients.connect(new DevRevProvider(),
                VendorClients.account("ns/devrev", Map.of("url", sim.baseUrl()), Map.of("token", token)));
    }

    static DesiredConnection oidc(String name, String secret) {
        return new DesiredConnection(name, "OIDC " + name, true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc("https://idp.example.com", "client-" + name, SecretValue.of(secret),
                        List.of("openid"), null, null, null, null, null, null, null, null, null),
                null, null, null, null, Map.of(), "uid-" + name);
    }

    static DesiredConnection hosted(String name, ConnectionKind kind, String domain, String secret) {
        return new DesiredConnection(name, kind + " " + name, true, kind, null, null,
                new DesiredConnection.Hosted("client-" + name, SecretValue.of(secret), domain),
                null, null, Map.of(), "uid-" + name);
    }

    static DesiredConnection saml(String name, String pem, String email) {
        return new DesiredConnection(name, "SAML " + name, true, ConnectionKind.SAML, null,
                new DesiredConnection.Saml("https://adfs.example.com/adfs/ls/", null, null, null,
                        new SigningCertificate(pem, List.of("ignored"), Instant.parse("2030-01-01T00:00:00Z"),
                                "CN=adfs"), null, null, null, null),
                null, new DesiredConnection.AttributeMapping(email, "upn", null, null, null), null, Map.of(),
                "uid-" + name);
    }

    /** One desired connection of each of the five types. */
    static List<DesiredConnection> everyType() {
        return List.of(oidc("corp-oidc", "oidc-secret"),
                hosted("corp-okta", ConnectionKind.Okta, "corp.okta.com", "okta-secret"),
                hosted("corp-azure", ConnectionKind.AzureAD, "corp.onmicrosoft.com", "azure-secret"),
                hosted("corp-google", ConnectionKind.GoogleWorkspace, "corp.example.com", "google-secret"),
                saml("corp-adfs", PEM, "email"));
    }
}
