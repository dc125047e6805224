package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's authorizer must say no where a cluster would, or the audit proves nothing. */
class RbacAuthorizerTest {
    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
              - apiGroups: [federator.dev]
                resources: [identityconnections, identityconnections/status]
                verbs: [get, list, watch]
              - apiGroups: [""]
                resources: [configmaps]
                resourceNames: [trusted-ca]
                verbs: [get, watch]
              - apiGroups: [apps]
                resources: ["*/scale"]
                verbs: [update]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: ServiceAccount, name: federator, namespace: federator-system}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: own, namespace: federator-system}
            rules:
              - apiGroups: [coordination.k8s.io]
                resources: [leases]
                verbs: [get, patch]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: own, namespace: federator-system}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: own}
            subjects: [{kind: ServiceAccount, name: federator, namespace: federator-system}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: secrets}
            rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
            ---
            # A ClusterRole bound by a RoleBinding grants only in that binding's namespace.
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: secrets, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets}
            subjects: [{kind: ServiceAccount, name: federator, namespace: federator-system}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: someone-else}
            rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: someone-else}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: someone-else}
            subjects: [{kind: ServiceAccount, name: federator, namespace: other}]
            """;

    private final RbacAuthorizer authorizer = RbacAuthorizer.forServiceAccount(
            RenderedInstall.of("test", "rbac.yaml", RBAC), "federator-system", "federator");

    private boolean allowed(String method, String target) {
        return authorizer.authorize(ApiRequest.of(method, target)).isPresent();
    }

    @Test
    void aRequestNoRuleGrantsIsForbidden() {
        assertThat(allowed("GET", "/apis/federator.dev/v1alpha1/namespaces/a/identityconnections/x")).isTrue();
        assertThat(allowed("PATCH", "/apis/federator.dev/v1alpha1/namespaces/a/identityconnections/x")).isFalse();
        assertThat(allowed("DELETE", "/apis/federator.dev/v1alpha1/namespaces/a/identityconnections")).isFalse();
        assertThat(allowed("GET", "/apis/federator.dev/v1alpha1/identityplatforms")).isFalse();
        assertThat(allowed("POST", "/api/v1/namespaces/a/secrets")).isFalse();
    }

    @Test
    void listAndWatchAreTheirOwnVerbs() {
        RbacAuthorizer leasesOnlyGetAndPatch = authorizer;
        assertThat(leasesOnlyGetAndPatch.authorize(ApiRequest.of("GET",
                "/apis/coordination.k8s.io/v1/namespaces/federator-system/leases?watch=true"))).isEmpty();
        assertThat(allowed("GET", "/apis/coordination.k8s.io/v1/namespaces/federator-system/leases")).isFalse();
        assertThat(allowed("GET", "/apis/federator.dev/v1alpha1/identityconnections?allowWatchBookmarks=true&watch=true"))
                .isTrue();
    }

    @Test
    void resourceNamesRestrictToThoseObjects() {
        assertThat(allowed("GET", "/api/v1/namespaces/a/configmaps/trusted-ca")).isTrue();
        assertThat(allowed("GET", "/api/v1/namespaces/a/configmaps/other")).isFalse();
        assertThat(allowed("GET", "/api/v1/namespaces/a/configmaps")).as("a list names no object").isFalse();
        assertThat(allowed("GET", "/api/v1/namespaces/a/configmaps?fieldSelector=metadata.name%3Dtrusted-ca&watch=true"))
                .as("a watch of that one object by field selector").isTrue();
        assertThat(allowed("POST", "/api/v1/namespaces/a/configmaps")).as("a create names no object").isFalse();
    }

    @Test
    void aNamespacedRoleDoesNotGrantAnotherNamespaceNorClusterWide() {
        assertThat(allowed("PATCH", "/apis/coordination.k8s.io/v1/namespaces/federator-system/leases/l")).isTrue();
        assertThat(allowed("PATCH", "/apis/coordination.k8s.io/v1/namespaces/team-a/leases/l")).isFalse();
        assertThat(allowed("GET", "/api/v1/namespaces/team-a/secrets/s")).isTrue();
        assertThat(allowed("GET", "/api/v1/namespaces/team-b/secrets/s")).isFalse();
        assertThat(allowed("GET", "/api/v1/secrets")).as("cluster-wide list").isFalse();
    }

    @Test
    void subresourcesNeedTheirOwnGrant() {
        assertThat(allowed("GET", "/apis/federator.dev/v1alpha1/namespaces/a/identityconnections/x/status")).isTrue();
        assertThat(allowed("PATCH", "/apis/federator.dev/v1alpha1/namespaces/a/identityconnections/x/status")).isFalse();
        assertThat(allowed("PUT", "/apis/apps/v1/namespaces/a/deployments/d/scale")).as("*/scale").isTrue();
        assertThat(allowed("PUT", "/apis/apps/v1/namespaces/a/deployments/d")).isFalse();
        assertThat(allowed("GET", "/apis/federator.dev/v1alpha1/namespaces/a/identityplatforms/p/status")).isFalse();
    }

    @Test
    void onlyBindingsOfThisServiceAccountCount() {
        assertThat(allowed("DELETE", "/api/v1/namespaces/a/pods/p")).as("bound to another account").isFalse();
    }

    @Test
    void everyUserMayReviewItsOwnAccessAndReadDiscovery() {
        assertThat(allowed("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")).isTrue();
        assertThat(allowed("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews")).isFalse();
        assertThat(allowed("GET", "/version")).isTrue();
        assertThat(allowed("GET", "/apis/federator.dev/v1alpha1")).isTrue();
        assertThat(allowed("GET", "/metrics")).isFalse();
    }

    @Test
    void requestsTakeTheApiServersAttributes() {
        assertThat(ApiRequest.of("GET", "/api/v1/namespaces/team-a")).isEqualTo(
                new ApiRequest("get", "", "namespaces", "", "team-a", "team-a", ""));
        assertThat(ApiRequest.of("PUT", "/api/v1/namespaces/team-a/status").resourceWithSubresource())
                .isEqualTo("namespaces/status");
        assertThat(ApiRequest.of("DELETE", "/api/v1/namespaces/a/secrets").verb()).isEqualTo("deletecollection");
        assertThat(ApiRequest.of("PATCH", "/apis/federator.dev/v1alpha1/clusteridentityplatforms/c/status"))
                .isEqualTo(new ApiRequest("patch", "federator.dev", "clusteridentityplatforms", "status", "", "c", ""));
    }

    @Test
    void aggregatedClusterRolesAreNotJudgedSilently() {
        String aggregated = RBAC.replace("metadata: {name: reader}\nrules:",
                "metadata: {name: reader}\naggregationRule: {clusterRoleSelectors: []}\nrules:");
        assertThatThrownBy(() -> RbacAuthorizer.forServiceAccount(RenderedInstall.of("t", "x.yaml", aggregated),
                "federator-system", "federator")).hasMessageContaining("aggregated");
    }

    @Test
    void theShippedInstallsLetTheOperatorKeepALeader() {
        for (RenderedInstall install : List.of(RenderedInstall.kustomizeBase(), RenderedInstall.helm(List.of()),
                RenderedInstall.helm(List.of("team-a", "team-b")))) {
            RbacAuthorizer shipped = RbacAuthorizer.forServiceAccount(install, "federator-system", "federator");
            for (String method : List.of("GET", "PATCH")) {
                assertThat(shipped.authorize(ApiRequest.of(method,
                        "/apis/coordination.k8s.io/v1/namespaces/federator-system/leases/federator-leader")))
                        .as("%s %s the Lease", install.name(), method).isPresent();
            }
            assertThat(shipped.authorize(ApiRequest.of("POST",
                    "/apis/coordination.k8s.io/v1/namespaces/federator-system/leases"))).isPresent();
            assertThat(shipped.authorize(ApiRequest.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/team-a/leases/x")))
                    .as("%s: Leases only in the operator's namespace", install.name()).isEmpty();
        }
    }

    @Test
    void theModeFollowsTheOperatorsEnvironment() {
        assertThat(InstallMode.fromOperatorEnv(Map.of()).allNamespaces()).isTrue();
        assertThat(InstallMode.fromOperatorEnv(Map.of(InstallMode.NAMESPACES_ENV, "JOSDK_ALL_NAMESPACES")).allNamespaces())
                .isTrue();
        InstallMode listed = InstallMode.fromOperatorEnv(Map.of(InstallMode.NAMESPACES_ENV, "team-b, team-a"));
        assertThat(listed.watchNamespaces()).containsExactly("team-a", "team-b");
        assertThat(listed.installs()).singleElement().satisfies(i -> assertThat(i.name()).contains("team-a, team-b"));
        assertThat(InstallMode.fromOperatorEnv(Map.of()).installs()).extracting(RenderedInstall::name)
                .containsExactly("kustomize deploy/", "helm deploy/helm/federator (all namespaces)");
    }
}
