package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.ClusterPlatformSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.api.v1alpha1.SecretRef;
import dev.federator.api.v1alpha1.ServiceProviderConfigMapRef;
import dev.federator.sandbox.SandboxEnvironment;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart's {@code watchNamespaces} install: the operator watches team-a and team-b only. Namespaced kinds stay
 * within them, while the cluster-scoped ClusterIdentityPlatform (credentials in the operator's namespace) is still
 * seen and usable from a watched namespace; a connection in an unwatched namespace is never touched.
 */
class WatchNamespacesE2EIT {
    private static final String WATCHED = "team-a,team-b";
    private static SandboxEnvironment env;
    private static SimulatedKeycloak keycloak;

    @BeforeAll
    static void start() {
        env = new SandboxEnvironment(Path.of("target", "e2e", "watch-namespaces-operator.log"));
        for (String ns : new String[] {"team-a", "team-b", "team-c"}) {
            env.kubernetes().ensureNamespace(ns);
        }
        // As the chart sets it from watchNamespaces; passed through the operator's environment so that what the
        // operator asks of the API server in this mode can be checked against the chart's RBAC.
        env.startOperator(Map.of("QUARKUS_OPERATOR_SDK_NAMESPACES", WATCHED));
        keycloak = new SimulatedKeycloak(env.simulators().keycloak());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void namespacedAndClusterPlatformsWorkInWatchedNamespacesAndOthersAreLeftAlone() {
        String realmA = keycloak.newRealm();
        env.client().resource(Manifests.secret("team-a", "kc-credentials", keycloak.credentials())).create();
        env.client().resource(Manifests.keycloakPlatform("team-a", "kc", keycloak, realmA, "kc-credentials")).create();
        env.client().resource(Manifests.secret("team-a", "a-client", Map.of("client-secret", "secret-a"))).create();
        IdentityConnection a = Manifests.oidc("team-a", "a", "kc", "a-client");
        // The opt-in ConfigMap: this mode's RBAC (a Role per watched namespace) must let the operator publish it.
        a.getSpec().serviceProviderConfigMap = new ServiceProviderConfigMapRef("a-sp");
        env.client().resource(a).create();

        String sharedRealm = keycloak.newRealm();
        env.client().resource(Manifests.secret(SandboxEnvironment.OPERATOR_NAMESPACE, "shared-kc",
                keycloak.credentials())).create();
        env.client().resource(sharedPlatform("shared", sharedRealm, "shared-kc")).create();
        // The unwatched one first: by the time the watched one is Ready, it would have been reconciled too.
        env.client().resource(Manifests.secret("team-c", "c-client", Map.of("client-secret", "secret-c"))).create();
        env.client().resource(usingShared("team-c", "c", "c-client")).create();
        env.client().resource(Manifests.secret("team-b", "b-client", Map.of("client-secret", "secret-b"))).create();
        env.client().resource(usingShared("team-b", "b", "b-client")).create();

        awaitReady("team-a", "a");
        awaitReady("team-b", "b");
        ClusterIdentityPlatform shared = env.client().resources(ClusterIdentityPlatform.class).withName("shared").get();
        assertThat(ConnectionProbe.ready(shared.getStatus().conditions)).isEqualTo("True/Verified");
        assertThat(keycloak.identityProvider(realmA, "a")).isPresent();
        assertThat(keycloak.identityProvider(sharedRealm, "b")).isPresent();

        IdentityConnection untouched = env.client().resources(IdentityConnection.class).inNamespace("team-c")
                .withName("c").get();
        assertThat(untouched.getStatus()).as("no status written in an unwatched namespace").isNull();
        assertThat(untouched.getMetadata().getFinalizers()).as("no finalizer added").isNullOrEmpty();
        assertThat(keycloak.identityProvider(sharedRealm, "c")).isEmpty();

        String redirectUri = keycloak.url().replaceAll("/$", "") + "/realms/" + realmA + "/broker/a/endpoint";
        Awaitility.await("a-sp published").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                env.client().configMaps().inNamespace("team-a").withName("a-sp").get().getData())
                .isEqualTo(Map.of("redirectUri", redirectUri)));
        env.client().configMaps().inNamespace("team-a").withName("a-sp").edit(m -> {
            m.setData(Map.of("redirectUri", "edited"));
            return m;
        });
        Awaitility.await("a-sp put back").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                env.client().configMaps().inNamespace("team-a").withName("a-sp").get().getData())
                .isEqualTo(Map.of("redirectUri", redirectUri)));

        // Deletion in this mode: the watched connection is deleted on the vendor, the unwatched one simply goes.
        env.client().resources(IdentityConnection.class).inNamespace("team-b").withName("b").delete();
        env.client().resources(IdentityConnection.class).inNamespace("team-c").withName("c").delete();
        Awaitility.await("b deleted on the vendor").atMost(Duration.ofSeconds(30)).until(() ->
                keycloak.identityProvider(sharedRealm, "b").isEmpty()
                && env.client().resources(IdentityConnection.class).inNamespace("team-b").withName("b").get() == null
                && env.client().resources(IdentityConnection.class).inNamespace("team-c").withName("c").get() == null);
    }

    private static void awaitReady(String ns, String name) {
        Awaitility.await(ns + "/" + name + " Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(ConnectionProbe.ready(env.client(), ns, name)).isEqualTo("True/InSync"));
    }

    private static ClusterIdentityPlatform sharedPlatform(String name, String realm, String credentialsSecret) {
        ClusterIdentityPlatform platform = new ClusterIdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName(name).build());
        platform.setSpec(new ClusterPlatformSpec());
        platform.getSpec().keycloak = new KeycloakPlatformSpec();
        platform.getSpec().keycloak.url = keycloak.url();
        platform.getSpec().keycloak.realm = realm;
        platform.getSpec().keycloak.authRealm = keycloak.authRealm();
        platform.getSpec().keycloak.credentialsRef = new SecretRef(credentialsSecret);
        platform.getSpec().allowedNamespaces = new AllowedNamespaces();
        platform.getSpec().allowedNamespaces.from = AllowedNamespaces.From.All;
        return platform;
    }

    private static IdentityConnection usingShared(String ns, String name, String secretName) {
        IdentityConnection connection = Manifests.oidc(ns, name, "shared", secretName);
        connection.getSpec().platformRef = new PlatformRef(PlatformRef.Kind.ClusterIdentityPlatform, "shared");
        return connection;
    }
}
