package dev.federator.connection;

import dev.federator.api.v1alpha1.ClientCredentialsSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.Lookup;

/**
 * How a resource's connection is looked up on its vendor, from its spec alone: no Secret is read, so the delete path
 * builds it when the Secrets are gone, and it equals {@link Lookup#of} of the desired state a sync resolves from the
 * same spec (both paths find the same connection).
 */
public final class ConnectionLookup {
    private ConnectionLookup() {}

    /** @param externalId the vendor's id recorded on the status, or null */
    public static Lookup of(IdentityConnection connection, String externalId) {
        IdentityConnectionSpec spec = connection.getSpec();
        if (spec == null) {
            return Lookup.byName(connection.remoteName(), externalId);
        }
        ConnectionKind kind = spec.type == null ? null : ConnectionKind.valueOf(spec.type.name());
        return new Lookup(connection.remoteName(), externalId, spec.displayName, kind, clientId(spec, kind));
    }

    private static String clientId(IdentityConnectionSpec spec, ConnectionKind kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case OIDC -> spec.oidc == null ? null : spec.oidc.clientId;
            case SAML -> null;
            case AzureAD -> clientId(spec.azureAD);
            case Okta -> clientId(spec.okta);
            case GoogleWorkspace -> clientId(spec.googleWorkspace);
        };
    }

    private static String clientId(ClientCredentialsSpec credentials) {
        return credentials == null ? null : credentials.clientId;
    }
}
