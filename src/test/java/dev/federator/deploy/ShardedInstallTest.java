package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Both sharded installs (Helm {@code shards: [a, b]} and the kustomize example in examples/sharding) render one
 * Deployment per shard plus the default, each production-ready on its own, told its shard, with pods no other
 * shard's Deployment or budget selects, and the RBAC of the unsharded install, unchanged.
 */
class ShardedInstallTest {
    private static final String SHARD_LABEL = "federator.dev/shard";

    @Test
    void helmShardsRenderOneDeploymentPerShardAndTheSameRbac() throws IOException {
        Manifests sharded = Manifests.parse(new Helm(RenderedInstall.CHART).template().withName("federator")
                .withNamespace("federator-system").set("shards[0]", "a").set("shards[1]", "b").call());
        Manifests plain = Manifests.parse(new Helm(RenderedInstall.CHART).template().withName("federator")
                .withNamespace("federator-system").call());
        assertShards(sharded, Map.of("federator", "", "federator-a", "a", "federator-b", "b"));
        assertThat(rbac(sharded)).as("RBAC of the sharded install").isEqualTo(rbac(plain));
        assertThat(plain.one("Deployment").at("/spec/selector/matchLabels").has(SHARD_LABEL))
                .as("an unsharded release keeps its Deployment's selector (immutable in place)").isFalse();
    }

    @Test
    void kustomizeExampleRendersOneDeploymentPerShardAndTheBaseRbac() throws Exception {
        Manifests sharded = Manifests.parse(InstallManifestsTest.kubectlKustomize("examples/sharding"));
        Manifests base = Manifests.parse(InstallManifestsTest.kubectlKustomize("deploy/"));
        assertShards(sharded, Map.of("federator", "", "federator-a", "a", "federator-b", "b"));
        assertThat(rbac(sharded)).isEqualTo(rbac(base));
        assertThat(sharded.ofKind("CustomResourceDefinition")).hasSize(3);
    }

    /** @param shardByDeployment Deployment name to FEDERATOR_SHARD ("" for the default shard) */
    private static void assertShards(Manifests m, Map<String, String> shardByDeployment) {
        assertThat(m.ofKind("Deployment").stream().map(d -> d.at("/metadata/name").asText()))
                .containsExactlyInAnyOrderElementsOf(shardByDeployment.keySet());
        assertThat(m.ofKind("PodDisruptionBudget")).hasSize(shardByDeployment.size());
        for (var e : shardByDeployment.entrySet()) {
            String name = e.getKey();
            Manifests alone = m.without(d -> List.of("Deployment", "PodDisruptionBudget").contains(d.path("kind").asText())
                    && !name.equals(d.at("/metadata/name").asText()));
            alone.assertProductionReady("federator-system");
            assertThat(env(alone, "FEDERATOR_SHARD")).as("FEDERATOR_SHARD of %s", name)
                    .isEqualTo(e.getValue().isEmpty() ? null : e.getValue());
            assertThat(env(alone, "FEDERATOR_SHARDS")).as("FEDERATOR_SHARDS of %s", name).isEqualTo("a,b");
            JsonNode deployment = alone.one("Deployment");
            assertThat(deployment.at("/spec/template/metadata/labels").path(SHARD_LABEL).asText())
                    .isEqualTo(e.getValue().isEmpty() ? "default" : e.getValue());
            for (JsonNode other : m.ofKind("Deployment")) {
                if (other != deployment) {
                    assertThat(selects(deployment.at("/spec/selector/matchLabels"), other.at("/spec/template/metadata/labels")))
                            .as("%s selects the pods of %s", name, other.at("/metadata/name").asText()).isFalse();
                }
            }
        }
    }

    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        var it = matchLabels.fields();
        while (it.hasNext()) {
            var label = it.next();
            if (!label.getValue().equals(labels.path(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String env(Manifests m, String name) {
        long count = m.container().path("env").findValues("name").stream().filter(n -> n.asText().equals(name)).count();
        assertThat(count).as("%s set at most once", name).isLessThanOrEqualTo(1);
        return m.env(name);
    }

    private static Map<String, JsonNode> rbac(Manifests m) {
        Map<String, JsonNode> rbac = new TreeMap<>();
        for (String kind : List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")) {
            m.ofKind(kind).forEach(d -> rbac.put(kind + "/" + d.at("/metadata/namespace").asText() + "/"
                    + d.at("/metadata/name").asText(), d));
        }
        return rbac;
    }
}
