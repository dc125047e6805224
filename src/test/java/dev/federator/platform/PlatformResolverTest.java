package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.ClusterPlatformSpec;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.testkit.Failures;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which platform a connection gets and whether its namespace may use it, including the label-selector matching that
 * {@code allowedNamespaces.from: Selector} relies on (Kubernetes' semantics: every matchLabels entry and every
 * matchExpressions requirement must hold; an empty selector matches every namespace).
 */
class PlatformResolverTest {
    private static final String OPERATOR_NS = "federator-system";

    /** Only a Selector reads the API server: without one the resolver must not need it. */
    private static PlatformResolver resolver() { return new PlatformResolver(null, OPERATOR_NS); }

    private static LabelSelectorBuilder selector() { return new LabelSelectorBuilder(); }

    private static final Map<String, String> TEAM_A_PROD = Map.of("team", "a", "env", "prod");

    @Test
    void matchLabelsNeedsEveryPairWithTheSameValue() {
        assertThat(PlatformResolver.matches(selector().withMatchLabels(Map.of("team", "a")).build(), TEAM_A_PROD)).isTrue();
        assertThat(PlatformResolver.matches(selector().withMatchLabels(TEAM_A_PROD).build(), TEAM_A_PROD)).isTrue();
        assertThat(PlatformResolver.matches(selector().withMatchLabels(Map.of("team", "b")).build(), TEAM_A_PROD))
                .as("other value").isFalse();
        assertThat(PlatformResolver.matches(selector().withMatchLabels(Map.of("team", "a", "tier", "1")).build(),
                TEAM_A_PROD)).as("one pair missing").isFalse();
        assertThat(PlatformResolver.matches(selector().withMatchLabels(Map.of("team", "a")).build(), Map.of()))
                .as("unlabelled namespace").isFalse();
    }

    @ParameterizedTest(name = "{0} {1} on env=prod -> {2}")
    @CsvSource(delimiter = ';', value = {
            "In;prod,staging;true", "In;dev;false",
            "NotIn;dev;true", "NotIn;prod,staging;false",
            "Exists;;true", "DoesNotExist;;false",
            "Bogus;prod;false"})
    void matchExpressionsOnAPresentLabel(String operator, String values, boolean expected) {
        assertThat(PlatformResolver.matches(expression("env", operator, values), TEAM_A_PROD)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} on a namespace without the label -> {2}")
    @CsvSource(delimiter = ';', value = {"In;prod;false", "NotIn;prod;true", "Exists;;false", "DoesNotExist;;true"})
    void matchExpressionsOnAnAbsentLabel(String operator, String values, boolean expected) {
        assertThat(PlatformResolver.matches(expression("tier", operator, values), TEAM_A_PROD)).isEqualTo(expected);
    }

    @Test
    void everyRequirementAndEveryPairMustHold() {
        LabelSelector both = selector().withMatchLabels(Map.of("team", "a"))
                .addNewMatchExpression().withKey("env").withOperator("In").withValues("prod").endMatchExpression()
                .addNewMatchExpression().withKey("frozen").withOperator("DoesNotExist").endMatchExpression().build();
        assertThat(PlatformResolver.matches(both, TEAM_A_PROD)).isTrue();
        assertThat(PlatformResolver.matches(both, Map.of("team", "a", "env", "prod", "frozen", "yes"))).isFalse();
        assertThat(PlatformResolver.matches(both, Map.of("team", "b", "env", "prod"))).isFalse();
    }

    @Test
    void anEmptySelectorMatchesEveryNamespaceAndNoSelectorMatchesNone() {
        assertThat(PlatformResolver.matches(new LabelSelector(), Map.of())).isTrue();
        assertThat(PlatformResolver.matches(selector().withMatchLabels(Map.of()).withMatchExpressions(List.of()).build(),
                TEAM_A_PROD)).isTrue();
        assertThat(PlatformResolver.matches(null, TEAM_A_PROD)).isFalse();
    }

    @Test
    void allowedNamespacesDefaultsToTheOperatorsOwnNamespace() {
        PlatformResolver resolver = resolver();
        assertThat(resolver.allows(null, OPERATOR_NS)).isTrue();
        assertThat(resolver.allows(null, "team-a")).isFalse();
        assertThat(resolver.allows(allowed(AllowedNamespaces.From.Same, null), "team-a")).isFalse();
        AllowedNamespaces unset = new AllowedNamespaces();
        unset.from = null;
        assertThat(resolver.allows(unset, OPERATOR_NS)).isTrue();
        assertThat(resolver.allows(unset, "team-a")).isFalse();
        assertThat(resolver.allows(allowed(AllowedNamespaces.From.All, null), "team-a")).isTrue();
    }

    @Test
    void aNamespacedPlatformKeepsItsSecretsInItsOwnNamespace() {
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("kc").withGeneration(4L).build());
        platform.setSpec(keycloakSpec(new PlatformSpec()));
        ResolvedPlatform resolved = resolver().resolve(connection("team-a", PlatformRef.Kind.IdentityPlatform, "kc"),
                Optional.of(platform), Optional.empty());
        assertThat(resolved.key()).isEqualTo("team-a/kc");
        assertThat(resolved.vendor()).isEqualTo("keycloak");
        assertThat(resolved.secretNamespace()).isEqualTo("team-a");
        assertThat(resolved.generation()).isEqualTo(4L);
    }

    @Test
    void aClusterPlatformKeepsItsSecretsInTheOperatorsNamespaceAndChecksTheConnectionsNamespace() {
        ClusterIdentityPlatform platform = clusterPlatform(allowed(AllowedNamespaces.From.All, null));
        ResolvedPlatform resolved = resolver().resolve(connection("team-a", PlatformRef.Kind.ClusterIdentityPlatform,
                "shared"), Optional.empty(), Optional.of(platform));
        assertThat(resolved.key()).isEqualTo("shared");
        assertThat(resolved.secretNamespace()).isEqualTo(OPERATOR_NS);

        Throwable refused = catchThrowable(() -> resolver().resolve(connection("team-a",
                PlatformRef.Kind.ClusterIdentityPlatform, "shared"), Optional.empty(),
                Optional.of(clusterPlatform(null))));
        assertThat(Failures.reason(refused)).isEqualTo("NamespaceNotAllowed");
        assertThat(refused).hasMessageContaining("team-a").hasMessageContaining("allowedNamespaces");
    }

    @Test
    void aMissingPlatformOrVendorBlockIsNamed() {
        Throwable namespaced = catchThrowable(() -> resolver().resolve(
                connection("team-a", PlatformRef.Kind.IdentityPlatform, "kc"), Optional.empty(), Optional.empty()));
        assertThat(Failures.reason(namespaced)).isEqualTo("PlatformNotFound");
        assertThat(namespaced).hasMessageContaining("team-a/kc");
        Throwable cluster = catchThrowable(() -> resolver().resolve(
                connection("team-a", PlatformRef.Kind.ClusterIdentityPlatform, "shared"), Optional.empty(),
                Optional.empty()));
        assertThat(Failures.reason(cluster)).isEqualTo("PlatformNotFound");

        IdentityPlatform empty = new IdentityPlatform();
        empty.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("kc").build());
        empty.setSpec(new PlatformSpec());
        Throwable noVendor = catchThrowable(() -> resolver().resolve(
                connection("team-a", PlatformRef.Kind.IdentityPlatform, "kc"), Optional.of(empty), Optional.empty()));
        assertThat(Failures.reason(noVendor)).isEqualTo("InvalidPlatform");
    }

    @Test
    void theKeyIsNamespacedOnlyForANamespacedPlatform() {
        assertThat(PlatformResolver.keyOf(connection("team-a", PlatformRef.Kind.IdentityPlatform, "kc")))
                .isEqualTo("team-a/kc");
        assertThat(PlatformResolver.keyOf(connection("team-a", PlatformRef.Kind.ClusterIdentityPlatform, "kc")))
                .isEqualTo("kc");
    }

    /** The namespace's labels as the API server holds them. */
    @Nested
    @EnableKubernetesMockClient(crud = true)
    class WithASelector {
        KubernetesClient client;

        @Test
        void aSelectorIsMatchedAgainstTheNamespacesLabelsAsTheApiServerHoldsThem() {
            namespace("team-a", Map.of("federator.dev/sso", "corp"));
            namespace("team-b", Map.of("federator.dev/sso", "none"));
            namespace("team-c", null);
            AllowedNamespaces bySelector = allowed(AllowedNamespaces.From.Selector,
                    selector().withMatchLabels(Map.of("federator.dev/sso", "corp")).build());
            PlatformResolver resolver = new PlatformResolver(client, OPERATOR_NS);
            assertThat(resolver.allows(bySelector, "team-a")).isTrue();
            assertThat(resolver.allows(bySelector, "team-b")).isFalse();
            assertThat(resolver.allows(bySelector, "team-c")).as("no labels at all").isFalse();
            assertThat(resolver.allows(bySelector, "not-created")).as("a namespace that does not exist").isFalse();
            AllowedNamespaces notOptedOut = allowed(AllowedNamespaces.From.Selector, selector().addNewMatchExpression()
                    .withKey("federator.dev/sso").withOperator("NotIn").withValues("none").endMatchExpression().build());
            assertThat(resolver.allows(notOptedOut, "team-c")).isTrue();
            assertThat(resolver.allows(notOptedOut, "team-b")).isFalse();
        }

        private void namespace(String name, Map<String, String> labels) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                    .endMetadata().build()).create();
        }
    }

    private static LabelSelector expression(String key, String operator, String values) {
        return selector().addNewMatchExpression().withKey(key).withOperator(operator)
                .withValues(values == null ? List.of() : List.of(values.split(","))).endMatchExpression().build();
    }

    private static AllowedNamespaces allowed(AllowedNamespaces.From from, LabelSelector selector) {
        AllowedNamespaces allowed = new AllowedNamespaces();
        allowed.from = from;
        allowed.selector = selector;
        return allowed;
    }

    private static <S extends PlatformSpec> S keycloakSpec(S spec) {
        spec.keycloak = new KeycloakPlatformSpec();
        spec.keycloak.url = "https://sso.example.com";
        spec.keycloak.realm = "corp";
        return spec;
    }

    private static ClusterIdentityPlatform clusterPlatform(AllowedNamespaces allowed) {
        ClusterIdentityPlatform platform = new ClusterIdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName("shared").build());
        ClusterPlatformSpec spec = keycloakSpec(new ClusterPlatformSpec());
        spec.allowedNamespaces = allowed;
        platform.setSpec(spec);
        return platform;
    }

    static IdentityConnection connection(String namespace, PlatformRef.Kind kind, String platform) {
        IdentityConnection connection = new IdentityConnection();
        connection.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("corp").build());
        connection.setSpec(new dev.federator.api.v1alpha1.IdentityConnectionSpec());
        connection.getSpec().platformRef = new PlatformRef(kind, platform);
        return connection;
    }
}
