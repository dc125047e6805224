package dev.federator.e2e;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.EztoPlatformSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.OidcSpec;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.api.v1alpha1.SecretRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;

/** Typed manifests for the scenarios and the benchmark, as a user would write them in YAML. */
public final class Manifests {
    private Manifests() {}

    public static Secret secret(String ns, String name, Map<String, String> data) {
        return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build())
                .withStringData(data).build();
    }

    static IdentityPlatform keycloakPlatform(String ns, String name, KeycloakBackend backend, String realm,
                                             String credentialsSecret) {
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        PlatformSpec spec = new PlatformSpec();
        spec.keycloak = new KeycloakPlatformSpec();
        spec.keycloak.url = backend.url();
        spec.keycloak.realm = realm;
        spec.keycloak.authRealm = backend.authRealm();
        spec.keycloak.credentialsRef = new SecretRef(credentialsSecret);
        spec.syncInterval = "3s"; // drift checks every few seconds, so reverts are observable in a test
        platform.setSpec(spec);
        return platform;
    }

    /** An ezto workspace; the token Secret holds the key {@code token}. A null pathTemplate keeps the default. */
    static IdentityPlatform eztoPlatform(String ns, String name, String url, String workspace, String tokenSecret,
                                         String pathTemplate) {
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        PlatformSpec spec = new PlatformSpec();
        spec.ezto = new EztoPlatformSpec();
        spec.ezto.url = url;
        spec.ezto.workspace = workspace;
        spec.ezto.tokenRef = new SecretKeyRef(tokenSecret, "token");
        spec.ezto.pathTemplate = pathTemplate;
        spec.syncInterval = "3s";
        platform.setSpec(spec);
        return platform;
    }

    public static IdentityConnection oidc(String ns, String name, String platform, String secretName) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.platformRef = new PlatformRef(PlatformRef.Kind.IdentityPlatform, platform);
        spec.displayName = "Partner " + name;
        spec.type = ConnectionType.OIDC;
        spec.oidc = new OidcSpec();
        spec.oidc.issuer = "https://idp.example.com";
        spec.oidc.clientId = "client-" + name;
        spec.oidc.clientSecretRef = new SecretKeyRef(secretName, "client-secret");
        spec.oidc.authorizationUrl = "https://idp.example.com/authorize";
        spec.oidc.tokenUrl = "https://idp.example.com/token";
        spec.oidc.jwksUrl = "https://idp.example.com/keys";
        spec.oidc.scopes = List.of("openid", "email");
        c.setSpec(spec);
        return c;
    }
}
