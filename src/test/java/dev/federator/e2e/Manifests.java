package dev.federator.e2e;

import dev.federator.api.v1alpha1.AttributeMapping;
import dev.federator.api.v1alpha1.Auth0PlatformSpec;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.ClusterPlatformSpec;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.DevRevPlatformSpec;
import dev.federator.api.v1alpha1.EztoPlatformSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.LoginRadiusPlatformSpec;
import dev.federator.api.v1alpha1.OidcSpec;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.SamlSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.api.v1alpha1.SecretRef;
import dev.federator.api.v1alpha1.SlashIdPlatformSpec;
import dev.federator.sandbox.SimulatorFleet;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /** A ClusterIdentityPlatform on a Keycloak realm; its credentials Secret lives in the operator's namespace. */
    static ClusterIdentityPlatform clusterKeycloakPlatform(String name, KeycloakBackend backend, String realm,
                                                           String credentialsSecret) {
        ClusterIdentityPlatform platform = new ClusterIdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName(name).build());
        platform.setSpec(new ClusterPlatformSpec());
        platform.getSpec().keycloak = new KeycloakPlatformSpec();
        platform.getSpec().keycloak.url = backend.url();
        platform.getSpec().keycloak.realm = realm;
        platform.getSpec().keycloak.authRealm = backend.authRealm();
        platform.getSpec().keycloak.credentialsRef = new SecretRef(credentialsSecret);
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

    /** A platform with one vendor block filled in by {@code vendor}; drift checks every 3 s unless changed. */
    static IdentityPlatform platform(String ns, String name, Consumer<PlatformSpec> vendor) {
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        PlatformSpec spec = new PlatformSpec();
        vendor.accept(spec);
        spec.syncInterval = "3s";
        platform.setSpec(spec);
        return platform;
    }

    /** An Auth0 tenant (the fleet's domain); the Secret holds client-id and client-secret. */
    static IdentityPlatform auth0Platform(String ns, String name, String url, String credentialsSecret) {
        return platform(ns, name, spec -> {
            spec.auth0 = new Auth0PlatformSpec();
            spec.auth0.domain = SimulatorFleet.AUTH0_DOMAIN;
            spec.auth0.url = url;
            spec.auth0.credentialsRef = new SecretRef(credentialsSecret);
        });
    }

    /** A DevRev org; the Secret holds the key {@code token}. */
    static IdentityPlatform devrevPlatform(String ns, String name, String url, String tokenSecret) {
        return platform(ns, name, spec -> {
            spec.devrev = new DevRevPlatformSpec();
            spec.devrev.url = url;
            spec.devrev.tokenRef = new SecretKeyRef(tokenSecret, "token");
        });
    }

    /** The fleet's LoginRadius organization; the Secret holds api-key and api-secret. */
    static IdentityPlatform loginRadiusPlatform(String ns, String name, String url, String credentialsSecret) {
        return platform(ns, name, spec -> {
            spec.loginradius = new LoginRadiusPlatformSpec();
            spec.loginradius.url = url;
            spec.loginradius.organizationId = SimulatorFleet.LOGINRADIUS_ORGANIZATION;
            spec.loginradius.apiKeyRef = new SecretKeyRef(credentialsSecret, "api-key");
            spec.loginradius.apiSecretRef = new SecretKeyRef(credentialsSecret, "api-secret");
        });
    }

    /** The fleet's SlashID organization, all-regions consistency; the Secret holds the key {@code api-key}. */
    static IdentityPlatform slashIdPlatform(String ns, String name, String url, String keySecret) {
        return platform(ns, name, spec -> {
            spec.slashid = new SlashIdPlatformSpec();
            spec.slashid.url = url;
            spec.slashid.organizationId = SimulatorFleet.SLASHID_ORG;
            spec.slashid.apiKeyRef = new SecretKeyRef(keySecret, "api-key");
            spec.slashid.consistency = SlashIdPlatformSpec.Consistency.all_regions;
            spec.slashid.consistencyTimeoutSeconds = 20;
        });
    }

    /** A connection of {@code type} on {@code platform}, without its type block. */
    static IdentityConnection connection(String ns, String name, String platform, ConnectionType type,
                                         String displayName) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.platformRef = new PlatformRef(PlatformRef.Kind.IdentityPlatform, platform);
        spec.displayName = displayName;
        spec.type = type;
        c.setSpec(spec);
        return c;
    }

    /** OIDC with only an issuer, client id {@code client-NAME} and the secret's key {@code client-secret} (DevRev). */
    static IdentityConnection issuerOidc(String ns, String name, String platform, String secretName) {
        IdentityConnection c = connection(ns, name, platform, ConnectionType.OIDC, "Partner " + name);
        c.getSpec().oidc = new OidcSpec();
        c.getSpec().oidc.issuer = "https://idp.example.com";
        c.getSpec().oidc.clientId = "client-" + name;
        c.getSpec().oidc.clientSecretRef = new SecretKeyRef(secretName, "client-secret");
        return c;
    }

    /** A GitHub login on SlashID, labelled "Display NAME"; the secret's key is {@code client-secret}. */
    static IdentityConnection slashIdGithub(String ns, String name, String platform, String clientId,
                                            String secretName) {
        IdentityConnection c = connection(ns, name, platform, ConnectionType.OIDC, "Display " + name);
        c.getSpec().oidc = new OidcSpec();
        c.getSpec().oidc.provider = "github";
        c.getSpec().oidc.clientId = clientId;
        c.getSpec().oidc.clientSecretRef = new SecretKeyRef(secretName, "client-secret");
        c.getSpec().oidc.scopes = List.of("read:user");
        return c;
    }

    /** SAML from a metadata URL, labelled "Display NAME" (SlashID). */
    static IdentityConnection metadataSaml(String ns, String name, String platform, String metadataUrl) {
        IdentityConnection c = connection(ns, name, platform, ConnectionType.SAML, "Display " + name);
        c.getSpec().saml = new SamlSpec();
        c.getSpec().saml.metadataUrl = metadataUrl;
        return c;
    }

    /**
     * SAML for LoginRadius: entity id {@code http://idp.example.com/NAME}, one domain, the signing certificate from
     * the Secret's {@code tls.crt}, email mapped from {@code mail}.
     */
    static IdentityConnection loginRadiusSaml(String ns, String name, String platform, String domain,
                                              String certSecret) {
        IdentityConnection c = connection(ns, name, platform, ConnectionType.SAML, null);
        IdentityConnectionSpec spec = c.getSpec();
        spec.domains = List.of(domain);
        spec.saml = new SamlSpec();
        spec.saml.entityId = "http://idp.example.com/" + name;
        spec.saml.signInEndpoint = "https://idp.example.com/sso";
        spec.saml.signingCertificateRef = new SecretKeyRef(certSecret, "tls.crt");
        spec.attributeMapping = new AttributeMapping();
        spec.attributeMapping.email = "mail";
        return c;
    }

    /**
     * Changes a connection as a user would: the operator writes the status concurrently, which moves the resource
     * version, so a conflicting edit is read again and retried, as {@code kubectl edit} and Argo CD do.
     */
    public static void editConnection(io.fabric8.kubernetes.client.KubernetesClient kube, String ns, String name,
                                      java.util.function.Consumer<IdentityConnection> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                kube.resources(IdentityConnection.class).inNamespace(ns).withName(name)
                        .edit(c -> { change.accept(c); return c; });
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
