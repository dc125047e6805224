package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.federator.api.v1alpha1.Auth0PlatformSpec;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.ClusterPlatformSpec;
import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.LoginRadiusPlatformSpec;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.api.v1alpha1.SecretRef;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.SecretValue;
import dev.federator.secrets.ReferencedSecrets;
import dev.federator.secrets.SecretReader;
import dev.federator.testkit.Failures;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A platform's vendor block turned into the adapter's account: which Secret in which namespace each credential comes
 * from and under which role the adapter finds it. Settings are left to the typed-settings tests.
 */
@EnableKubernetesMockClient(crud = true)
class PlatformAccountsTest {
    private static final String OPERATOR_NS = "federator-system";
    KubernetesClient client;

    private PlatformAccounts accounts() {
        return new PlatformAccounts(new SecretReader(client, new ReferencedSecrets(new SimpleMeterRegistry())));
    }

    private PlatformResolver resolver() { return new PlatformResolver(client, OPERATOR_NS); }

    @Test
    void eachKeyRefBecomesTheCredentialOfItsRole() {
        secret("team-a", "lr", Map.of("key", "the-api-key", "secret", "the-api-secret", "unused", "x"));
        PlatformAccount account = accounts().account(namespaced("team-a", "lr", loginRadius("lr")));
        assertThat(account.id()).isEqualTo("team-a/lr");
        assertThat(account.credentials()).containsOnlyKeys("api-key", "api-secret");
        assertThat(account.credential("api-key").map(SecretValue::reveal)).contains("the-api-key");
        assertThat(account.credential("api-secret").map(SecretValue::reveal)).contains("the-api-secret");
    }

    @Test
    void aCredentialsRefContributesEveryKeyOfItsSecret() {
        secret("team-a", "m2m", Map.of("client-id", "the-id", "client-secret", "the-secret"));
        PlatformAccount account = accounts().account(namespaced("team-a", "tenant", auth0("m2m")));
        assertThat(account.credentials()).containsOnlyKeys("client-id", "client-secret");
        assertThat(account.credential("client-secret").map(SecretValue::reveal)).contains("the-secret");
    }

    @Test
    void aNamespacedPlatformReadsItsOwnNamespaceAndAClusterPlatformTheOperators() {
        secret("team-a", "m2m", Map.of("client-id", "team-id", "client-secret", "team-secret"));
        secret(OPERATOR_NS, "m2m", Map.of("client-id", "operator-id", "client-secret", "operator-secret"));
        var connection = PlatformResolverTest.connection("team-a", PlatformRef.Kind.IdentityPlatform, "tenant");
        IdentityPlatform namespaced = new IdentityPlatform();
        namespaced.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("tenant").build());
        namespaced.setSpec(auth0("m2m"));
        PlatformAccount own = accounts().account(resolver().resolve(connection, Optional.of(namespaced),
                Optional.empty()));
        assertThat(own.credential("client-id").map(SecretValue::reveal)).contains("team-id");

        ClusterIdentityPlatform cluster = new ClusterIdentityPlatform();
        cluster.setMetadata(new ObjectMetaBuilder().withName("tenant").build());
        ClusterPlatformSpec spec = new ClusterPlatformSpec();
        spec.auth0 = auth0("m2m").auth0;
        spec.allowedNamespaces = new AllowedNamespaces();
        spec.allowedNamespaces.from = AllowedNamespaces.From.All;
        cluster.setSpec(spec);
        PlatformAccount shared = accounts().account(resolver().resolve(
                PlatformResolverTest.connection("team-a", PlatformRef.Kind.ClusterIdentityPlatform, "tenant"),
                Optional.empty(), Optional.of(cluster)));
        assertThat(shared.id()).isEqualTo("tenant");
        assertThat(shared.credential("client-id").map(SecretValue::reveal)).contains("operator-id");
    }

    @Test
    void aMissingSecretOrKeyIsNamedWithoutAnyValue() {
        Throwable noSecret = catchThrowable(() -> accounts().account(namespaced("team-a", "lr", loginRadius("lr"))));
        assertThat(Failures.reason(noSecret)).isEqualTo("SecretNotFound");
        assertThat(noSecret).hasMessageContaining("team-a/lr");

        secret("team-a", "lr", Map.of("key", "the-api-key"));
        Throwable noKey = catchThrowable(() -> accounts().account(namespaced("team-a", "lr", loginRadius("lr"))));
        assertThat(Failures.reason(noKey)).isEqualTo("SecretKeyNotFound");
        assertThat(noKey).hasMessageContaining("'secret'").hasMessageNotContaining("the-api-key");

        secret("team-a", "empty", Map.of());
        Throwable empty = catchThrowable(() -> accounts().account(namespaced("team-a", "tenant", auth0("empty"))));
        assertThat(Failures.reason(empty)).isEqualTo("SecretKeyNotFound");
        assertThat(empty).hasMessageContaining("team-a/empty");
    }

    @Test
    void theSecretsAPlatformNamesAreKnownWithoutReadingThem() {
        assertThat(PlatformAccounts.secretNames(loginRadius("lr"))).containsExactly("lr");
        PlatformSpec twoSecrets = loginRadius("keys");
        twoSecrets.loginradius.apiSecretRef = new SecretKeyRef("other", "secret");
        assertThat(PlatformAccounts.secretNames(twoSecrets)).containsExactly("keys", "other");
        assertThat(PlatformAccounts.secretNames(auth0("m2m"))).containsExactly("m2m");
        assertThat(PlatformAccounts.secretNames(new PlatformSpec())).isEmpty();
        assertThat(PlatformAccounts.vendorOf(new PlatformSpec())).isEmpty();
        assertThat(PlatformAccounts.vendorOf(auth0("m2m"))).contains("auth0");
    }

    @Test
    void aRefFieldNamesItsRoleInKebabCase() {
        assertThat(PlatformAccounts.role("tokenRef")).isEqualTo("token");
        assertThat(PlatformAccounts.role("apiKeyRef")).isEqualTo("api-key");
        assertThat(PlatformAccounts.role("apiSecretRef")).isEqualTo("api-secret");
    }

    private void secret(String namespace, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(data).build()).createOr(e -> e.update());
    }

    private static PlatformSpec loginRadius(String secret) {
        PlatformSpec spec = new PlatformSpec();
        spec.loginradius = new LoginRadiusPlatformSpec();
        spec.loginradius.organizationId = "org-1";
        spec.loginradius.apiKeyRef = new SecretKeyRef(secret, "key");
        spec.loginradius.apiSecretRef = new SecretKeyRef(secret, "secret");
        return spec;
    }

    private static PlatformSpec auth0(String credentials) {
        PlatformSpec spec = new PlatformSpec();
        spec.auth0 = new Auth0PlatformSpec();
        spec.auth0.domain = "corp.eu.auth0.com";
        spec.auth0.credentialsRef = new SecretRef(credentials);
        return spec;
    }

    private static ResolvedPlatform namespaced(String namespace, String name, PlatformSpec spec) {
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        platform.setSpec(spec);
        return new ResolvedPlatform(namespace + "/" + name, platform, spec, PlatformAccounts.vendorOf(spec).orElseThrow(),
                namespace);
    }
}
