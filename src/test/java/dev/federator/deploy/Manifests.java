package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Rendered install manifests (kustomize or Helm) and the production invariants both must keep: least-privilege RBAC,
 * probes, a restricted security context, resources, a PodDisruptionBudget and two replicas with leader election.
 */
final class Manifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection", "*");
    private static final Set<String> CRD_RESOURCES =
            Set.of("identityconnections", "identityplatforms", "clusteridentityplatforms");

    final List<JsonNode> docs;

    private Manifests(List<JsonNode> docs) { this.docs = docs; }

    static Manifests parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.hasNonNull("kind")) {
                    docs.add(doc);
                }
            }
        }
        return new Manifests(docs);
    }

    /** These manifests without the documents {@code drop} matches, e.g. every Deployment but one. */
    Manifests without(java.util.function.Predicate<JsonNode> drop) {
        return new Manifests(docs.stream().filter(drop.negate()).toList());
    }

    List<JsonNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertThat(found).as("exactly one %s", kind).hasSize(1);
        return found.get(0);
    }

    JsonNode container() { return one("Deployment").at("/spec/template/spec/containers/0"); }

    String env(String name) {
        for (JsonNode e : container().path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText(null);
            }
        }
        return null;
    }

    /** Everything a production install must be, whichever tool rendered it. */
    void assertProductionReady(String operatorNamespace) {
        assertRbac(operatorNamespace);
        JsonNode deployment = one("Deployment");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo(operatorNamespace);
        assertThat(deployment.at("/spec/replicas").asInt()).as("two replicas, one active through leader election")
                .isEqualTo(2);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        JsonNode c = container();
        assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(texts(c.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
        assertThat(c.at("/securityContext/capabilities/add").isMissingNode()).isTrue();
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(c.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(c.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(c.at("/resources/limits/memory").asText()).isNotEmpty();
        // The read-only root filesystem needs a writable /tmp for the JVM.
        assertThat(texts(c.path("volumeMounts"), "mountPath")).contains("/tmp");
        // FEDERATOR_NAMESPACE is where the Lease and the operator's own Secrets live.
        JsonNode nsEnv = null;
        for (JsonNode e : c.path("env")) {
            if ("FEDERATOR_NAMESPACE".equals(e.path("name").asText())) {
                nsEnv = e;
            }
        }
        assertThat(nsEnv).isNotNull();
        assertThat(nsEnv.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.namespace");
        // Each replica names itself in the Lease after its pod; SIGTERM must have time to release the Lease.
        assertThat(c.path("env").findParents("name").stream().filter(e -> e.path("name").asText()
                .equals("FEDERATOR_POD_NAME")).map(e -> e.at("/valueFrom/fieldRef/fieldPath").asText()))
                .containsExactly("metadata.name");
        assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).as("terminationGracePeriodSeconds")
                .isBetween(10, 60);
        assertThat(c.at("/image").asText()).contains("federator");

        JsonNode pdb = one("PodDisruptionBudget");
        assertThat(pdb.at("/metadata/namespace").asText()).isEqualTo(operatorNamespace);
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels"))
                .isEqualTo(deployment.at("/spec/selector/matchLabels"));

        // The metrics Service selects the operator's pods: of every shard, when sharded (one Deployment each).
        JsonNode service = one("Service");
        service.at("/spec/selector").fields().forEachRemaining(label -> assertThat(
                deployment.at("/spec/selector/matchLabels").path(label.getKey())).isEqualTo(label.getValue()));
        assertThat(service.at("/spec/selector").size()).isPositive();
        assertThat(texts(service.at("/spec/ports"), "targetPort")).containsExactly("http");
    }

    private void assertRbac(String operatorNamespace) {
        JsonNode clusterRole = one("ClusterRole");
        for (JsonNode rule : clusterRole.path("rules")) {
            List<String> verbs = texts(rule.path("verbs"));
            List<String> resources = texts(rule.path("resources"));
            assertThat(verbs).as("no wildcard verbs").doesNotContain("*");
            assertThat(resources).as("no wildcard resources").doesNotContain("*");
            assertThat(texts(rule.path("apiGroups"))).as("no wildcard API groups").doesNotContain("*");
            if (resources.contains("secrets")) {
                assertThat(verbs).as("Secrets are read-only cluster-wide").containsOnly("get", "list", "watch");
            }
            if (resources.stream().anyMatch(CRD_RESOURCES::contains)) {
                // The finalizer is added and removed with a patch/update of the main resource; never create/delete.
                assertThat(verbs).as("our resources: read, plus patch/update for the finalizer")
                        .isSubsetOf("get", "list", "watch", "patch", "update");
            }
            for (String resource : resources) {
                if (resource.endsWith("/finalizers")) {
                    assertThat(verbs).isSubsetOf("update");
                } else if (resource.endsWith("/status")) {
                    assertThat(verbs).isSubsetOf("get", "patch", "update");
                } else if ("configmaps".equals(resource)) {
                    // The opt-in service-provider ConfigMap: created and kept current, never deleted (Kubernetes'
                    // garbage collector does that through its ownerReference).
                    assertThat(verbs).as("configmaps").isSubsetOf("get", "list", "watch", "create", "update");
                } else if (!CRD_RESOURCES.contains(resource) && !"events".equals(resource)) {
                    assertThat(verbs).as("%s is read-only", resource).noneMatch(WRITE_VERBS::contains);
                }
            }
        }
        // The operator's own Role (Lease, fingerprint-key Secret) and, with watchNamespaces, one Secret-reading Role
        // per namespace: never more than reading Secrets, or creating the one the operator owns.
        List<JsonNode> roles = ofKind("Role");
        assertThat(roles).as("the operator's own Role").anyMatch(r -> r.at("/metadata/namespace").asText()
                .equals(operatorNamespace) && texts(r.at("/rules/0/resources")).contains("leases"));
        for (JsonNode role : roles) {
            for (JsonNode rule : role.path("rules")) {
                List<String> verbs = texts(rule.path("verbs"));
                assertThat(verbs).doesNotContain("*", "delete", "deletecollection");
                if (texts(rule.path("resources")).contains("secrets")) {
                    assertThat(Set.copyOf(verbs)).as("Secrets: read, or create the fingerprint key in the operator namespace")
                            .isIn(Set.of("get", "list", "watch"), Set.of("create"));
                }
            }
        }
        JsonNode serviceAccount = one("ServiceAccount");
        String sa = serviceAccount.at("/metadata/name").asText();
        assertThat(one("Deployment").at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(sa);
        for (String binding : List.of("ClusterRoleBinding", "RoleBinding")) {
            assertThat(ofKind(binding)).as(binding).isNotEmpty();
            for (JsonNode b : ofKind(binding)) {
                JsonNode subject = b.at("/subjects/0");
                assertThat(subject.path("name").asText()).isEqualTo(sa);
                assertThat(subject.path("namespace").asText()).isEqualTo(operatorNamespace);
            }
        }
    }

    /** Namespaces in which a Role lets the operator read Secrets. */
    List<String> secretReadingNamespaces() {
        return ofKind("Role").stream().filter(r -> StreamSupport.stream(r.path("rules").spliterator(), false)
                        .anyMatch(rule -> texts(rule.path("resources")).contains("secrets")
                                && texts(rule.path("verbs")).contains("list")))
                .map(r -> r.at("/metadata/namespace").asText()).sorted().toList();
    }

    boolean clusterRoleReadsSecrets() {
        return StreamSupport.stream(one("ClusterRole").path("rules").spliterator(), false)
                .anyMatch(rule -> texts(rule.path("resources")).contains("secrets"));
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
