package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Names of the Secrets (in its own namespace) a connection reads, so their changes reach it within seconds. */
final class SecretReferences {
    private SecretReferences() {}

    static Set<String> of(IdentityConnection connection) {
        IdentityConnectionSpec s = connection.getSpec();
        Set<String> names = new TreeSet<>();
        if (s == null) {
            return names;
        }
        Stream.of(s.oidc == null ? null : s.oidc.clientSecretRef,
                        s.saml == null ? null : s.saml.signingCertificateRef,
                        s.azureAD == null ? null : s.azureAD.clientSecretRef,
                        s.okta == null ? null : s.okta.clientSecretRef,
                        s.googleWorkspace == null ? null : s.googleWorkspace.clientSecretRef)
                .filter(r -> r != null && r.name != null)
                .map((SecretKeyRef r) -> r.name)
                .forEach(names::add);
        return names;
    }
}
