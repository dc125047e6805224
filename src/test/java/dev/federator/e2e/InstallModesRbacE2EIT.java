package dev.federator.e2e;

import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.status.Conditions;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator's requests in each documented install mode, for the RBAC audit that closing an environment runs: with
 * every namespace watched (judged by the kustomize base and the chart's defaults), a connection on a
 * ClusterIdentityPlatform that selects namespaces by label; with QUARKUS_OPERATOR_SDK_NAMESPACES=team-a,team-b (judged
 * by the chart with those watchNamespaces), a platform and a connection in each listed namespace. Each environment
 * fails on close if the shipped RBAC would forbid a request.
 */
class InstallModesRbacE2EIT {
    private static final Duration READY = Duration.ofSeconds(90);

    @Test
    void allNamespacesWithAClusterPlatformThatSelectsNamespacesByLabel() {
        try (SandboxEnvironment env = new SandboxEnvironment(log("all-namespaces"), "InstallModesRbacE2EIT-all")) {
            env.startOperator(Map.of());
            SimulatedKeycloak keycloak = new SimulatedKeycloak(env.simulators().keycloak());
            String ns = env.newNamespace();
            env.client().namespaces().withName(ns).edit(n -> {
                n.getMetadata().setLabels(Map.of("federator.dev/tenant", "a"));
                return n;
            });
            String home = SandboxEnvironment.OPERATOR_NAMESPACE;
            env.client().resource(Manifests.secret(home, "shared-kc", keycloak.credentials())).create();
            ClusterIdentityPlatform shared = Manifests.clusterKeycloakPlatform("shared-kc-" + ns, keycloak,
                    keycloak.newRealm(), "shared-kc");
            shared.getSpec().allowedNamespaces = new AllowedNamespaces();
            shared.getSpec().allowedNamespaces.from = AllowedNamespaces.From.Selector;
            shared.getSpec().allowedNamespaces.selector = new LabelSelectorBuilder()
                    .withMatchLabels(Map.of("federator.dev/tenant", "a")).build();
            env.client().resource(shared).create();

            IdentityConnection connection = Manifests.oidc(ns, "partner", shared.getMetadata().getName(), "partner-oidc");
            connection.getSpec().platformRef = new PlatformRef(PlatformRef.Kind.ClusterIdentityPlatform,
                    shared.getMetadata().getName());
            env.client().resource(Manifests.secret(ns, "partner-oidc", Map.of("client-secret", "rbac-all-s3cret"))).create();
            env.client().resource(connection).create();
            awaitReady(env, ns, "partner");
        }
    }

    @Test
    void listedNamespacesWithAPlatformInEach() {
        try (SandboxEnvironment env = new SandboxEnvironment(log("listed-namespaces"), "InstallModesRbacE2EIT-listed")) {
            List<String> namespaces = List.of("team-a", "team-b");
            namespaces.forEach(env.kubernetes()::ensureNamespace);
            env.startOperator(Map.of("QUARKUS_OPERATOR_SDK_NAMESPACES", String.join(",", namespaces)));
            SimulatedKeycloak keycloak = new SimulatedKeycloak(env.simulators().keycloak());
            for (String ns : namespaces) {
                env.client().resource(Manifests.secret(ns, "kc", keycloak.credentials())).create();
                env.client().resource(Manifests.keycloakPlatform(ns, "kc", keycloak, keycloak.newRealm(), "kc")).create();
                env.client().resource(Manifests.secret(ns, "partner-oidc", Map.of("client-secret", "rbac-" + ns + "-s3cret")))
                        .create();
                env.client().resource(Manifests.oidc(ns, "partner", "kc", "partner-oidc")).create();
            }
            namespaces.forEach(ns -> awaitReady(env, ns, "partner"));
        }
    }

    private static void awaitReady(SandboxEnvironment env, String ns, String name) {
        Awaitility.await(ns + "/" + name + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250)).until(() -> {
            IdentityConnection c = env.client().resources(IdentityConnection.class).inNamespace(ns).withName(name).get();
            return c != null && c.getStatus() != null && Conditions.isTrue(c.getStatus().conditions, Conditions.READY);
        });
    }

    private static Path log(String mode) {
        return Path.of("target", "e2e", "install-modes-rbac-" + mode + "-operator.log");
    }
}
