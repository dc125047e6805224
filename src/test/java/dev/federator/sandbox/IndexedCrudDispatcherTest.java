package dev.federator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.PlatformRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The indexed mock API server must answer exactly as upstream's scanning one does: the same script of creates,
 * label changes, patches, status writes, finalizer deletes and reads of missing objects, run against both, must
 * read back the same objects.
 */
class IndexedCrudDispatcherTest {

    @Test
    void answersEveryReadAsUpstreamDoes() throws Exception {
        var expectations = new java.util.HashMap<io.fabric8.mockwebserver.ServerRequest,
                java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        KubernetesMockServer upstream = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(), expectations,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(expectations), false);
        upstream.init(java.net.InetAddress.getLoopbackAddress(), 0);
        try (MockKubernetes indexed = new MockKubernetes(Path.of("crds"), "a", "b");
                KubernetesClient plain = upstream.createClient()) {
            MockKubernetes.installCrds(plain, Path.of("crds"));
            for (String ns : List.of("a", "b")) {
                plain.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                        .create();
            }
            List<String> fromIndexed = script(indexed.client());
            List<String> fromUpstream = script(plain);
            assertThat(fromIndexed).hasSizeGreaterThan(40).containsExactlyElementsOf(fromUpstream);
            // Not vacuous: the script reads missing objects and objects that share a name across kinds and namespaces.
            assertThat(fromIndexed).contains("null").anyMatch(s -> s.contains("\"namespace\":\"b\""));
        } finally {
            upstream.destroy();
        }
    }

    /** Every read, as JSON without the fields the servers fill in differently. */
    private static List<String> script(KubernetesClient client) {
        List<String> reads = new ArrayList<>();
        Function<HasMetadata, String> seen = o -> o == null ? "null" : comparable(o);
        Random random = new Random(7);
        for (String ns : List.of("a", "b")) {
            for (String name : List.of("x", "y", "z")) {
                client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns)
                        .addToLabels("k", ns).endMetadata().addToStringData("v", name + ns).build()).create();
                client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                        .addToData("cm", name).build()).create();
            }
        }
        for (int i = 0; i < 40; i++) {
            String ns = random.nextBoolean() ? "a" : "b";
            String name = List.of("x", "y", "z", "missing").get(random.nextInt(4));
            var secret = client.secrets().inNamespace(ns).withName(name);
            switch (random.nextInt(5)) {
                case 0 -> { // a label change moves the object to another key in the store
                    if (secret.get() != null) {
                        secret.edit(s -> { s.getMetadata().getLabels().put("k", "changed" + s.getMetadata().getName()); return s; });
                    }
                }
                case 1 -> {
                    if (secret.get() != null) {
                        secret.edit(s -> { s.setStringData(Map.of("v", "rotated")); return s; });
                    }
                }
                case 2 -> secret.delete();
                case 3 -> {
                    if (secret.get() == null) {
                        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                                .addToStringData("v", "again").build()).create();
                    }
                }
                default -> { }
            }
            reads.add(seen.apply(secret.get()));
            reads.add(seen.apply(client.configMaps().inNamespace(ns).withName(name).get()));
        }
        reads.add(seen.apply(client.namespaces().withName("b").get()));
        reads.add(seen.apply(client.namespaces().withName("nowhere").get()));

        // A custom resource with a status subresource and a finalizer: deleted, still there, gone once released.
        var connections = client.resources(IdentityConnection.class).inNamespace("a");
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withNamespace("a").withName("x").build());
        c.setSpec(new IdentityConnectionSpec());
        c.getSpec().platformRef = new PlatformRef(PlatformRef.Kind.IdentityPlatform, "p");
        c.getSpec().type = ConnectionType.OIDC;
        c.getMetadata().setFinalizers(List.of("federator.dev/finalizer"));
        connections.resource(c).create();
        connections.withName("x").editStatus(o -> { o.setStatus(new dev.federator.api.v1alpha1.IdentityConnectionStatus()); o.getStatus().observedGeneration = 1L; return o; });
        reads.add(seen.apply(connections.withName("x").get()));
        connections.withName("x").delete();
        reads.add(seen.apply(connections.withName("x").get()));
        connections.withName("x").edit(o -> { o.getMetadata().setFinalizers(List.of()); return o; });
        reads.add(seen.apply(connections.withName("x").get()));
        return reads;
    }

    private static String comparable(HasMetadata o) {
        var m = o.getMetadata();
        m.setResourceVersion(null);
        m.setUid(null);
        m.setCreationTimestamp(null);
        m.setDeletionTimestamp(m.getDeletionTimestamp() == null ? null : "set");
        m.setGeneration(null);
        return Serialization.asJson(o);
    }
}
