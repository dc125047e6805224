package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One environment's audit: it fails on what the shipped RBAC forbids, in the mode the operator ran in. */
class RbacAuditTest {
    private static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/federator-system/leases/federator-leader";

    @TempDir
    Path reports;

    @Test
    void aForbiddenRequestFailsTheEnvironment() {
        RbacAudit audit = new RbacAudit("Forbidden", "federator-system", reports);
        audit.addOperator("sa-token", Map.of());
        RbacAudit.Report report = audit.finish(Map.of("sa-token", Map.of(
                "PATCH " + LEASE, 3L,
                "DELETE /api/v1/namespaces/team-a/secrets/s", 1L,
                "GET /api/v1/namespaces/team-a/secrets/s", 2L),
                "the-test's-token", Map.of("DELETE /api/v1/namespaces/team-a/secrets/t", 1L)));
        assertThat(report.forbidden()).hasSize(2).allMatch(f -> f.contains("forbids delete secrets s in team-a"));
        assertThatThrownBy(report::assertAllowed).hasMessageContaining("delete secrets s in team-a")
                .hasMessageNotContaining("secrets/t");
        assertThat(reports.resolve("Forbidden.json")).exists();
        assertThat(report.json().path("requests").asLong()).as("only the operator's token counts").isEqualTo(6);
    }

    @Test
    void everyRequestKindNamesTheRuleThatGrantsIt() {
        RbacAudit audit = new RbacAudit("Allowed", "federator-system", reports);
        audit.addOperator("sa-token", Map.of());
        RbacAudit.Report report = audit.finish(Map.of("sa-token", Map.of("PATCH " + LEASE, 3L,
                "GET /api/v1/namespaces/team-a/secrets?allowWatchBookmarks=true&watch=true", 1L)));
        report.assertAllowed();
        var kinds = report.json().path("kinds");
        assertThat(kinds).hasSize(2);
        assertThat(kinds.get(0).path("kind").asText()).isEqualTo("patch coordination.k8s.io/leases in the operator namespace");
        assertThat(kinds.get(0).path("grantedBy").path("kustomize deploy/").asText())
                .isEqualTo("deploy/operator.yaml: Role federator rule 1 (RoleBinding federator in federator-system)");
        assertThat(kinds.get(1).path("kind").asText()).isEqualTo("watch secrets in a watched namespace");
        assertThat(report.json().path("grantsUsed").toString()).contains("ClusterRole federator (cluster-wide) | watch secrets");
    }

    @Test
    void aListedNamespacesOperatorIsJudgedByTheChartWithThoseNamespaces() {
        RbacAudit audit = new RbacAudit("Listed", "federator-system", reports);
        audit.addOperator("sa-token", Map.of(InstallMode.NAMESPACES_ENV, "team-a,team-b"));
        RbacAudit.Report report = audit.finish(Map.of("sa-token", Map.of(
                "GET /api/v1/namespaces/team-a/secrets?watch=true", 1L,
                "GET /api/v1/namespaces/team-c/secrets/s", 1L)));
        assertThat(report.forbidden()).singleElement().asString()
                .contains("watchNamespaces=[team-a, team-b] forbids get secrets s in team-c");
    }

    @Test
    void rulesReviewsAnswerWhatEveryInstallOfTheModeGrantsInThatNamespace() {
        RbacAudit audit = new RbacAudit("Review", "federator-system", reports);
        audit.addOperator("sa-token", Map.of());
        var home = audit.rulesReview("sa-token", "federator-system").orElseThrow();
        assertThat(home.getResourceRules()).anySatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(r.getResources()).containsExactly("leases");
            assertThat(r.getVerbs()).contains("create", "update", "get", "patch");
        });
        assertThat(audit.rulesReview("sa-token", "team-a").orElseThrow().getResourceRules())
                .noneSatisfy(r -> assertThat(r.getResources()).contains("leases"));
        assertThat(audit.rulesReview("another-token", "federator-system")).isEmpty();
    }

    @Test
    void anOperatorWithoutRecordedRequestsProvesNothing() {
        RbacAudit audit = new RbacAudit("Silent", "federator-system", reports);
        audit.addOperator("sa-token", Map.of());
        assertThatThrownBy(() -> audit.finish(Map.of()).assertAllowed()).hasMessageContaining("proves nothing");
    }
}
