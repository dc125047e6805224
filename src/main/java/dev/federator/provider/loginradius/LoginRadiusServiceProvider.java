package dev.federator.provider.loginradius;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.ServiceProvider;
import java.util.Optional;

/**
 * LoginRadius computes the service-provider side of a SAML connection itself and returns it with the connection (in
 * the create and update responses and in the organizations list): {@code EntityId}, {@code ACSEndpoint},
 * {@code MetadataUrl} and {@code SPCertificate {Certificate}}. Nothing is derived: a field LoginRadius did not return
 * is left out. Its OIDC connections are undocumented, so they have no values.
 */
final class LoginRadiusServiceProvider {
    private LoginRadiusServiceProvider() {}

    static Optional<ServiceProvider> of(ConnectionKind kind, RemoteConnection remote) {
        if (kind != ConnectionKind.SAML || remote == null || remote.body() == null) {
            return Optional.empty();
        }
        JsonNode body = remote.body();
        JsonNode certificate = body.path("SPCertificate");
        ServiceProvider values = new ServiceProvider(null, text(body.path("ACSEndpoint")), text(body.path("EntityId")),
                text(body.path("MetadataUrl")), text(certificate.isObject() ? certificate.path("Certificate") : certificate));
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
