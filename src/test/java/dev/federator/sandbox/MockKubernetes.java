package dev.federator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * An embedded Kubernetes API: the Fabric8 mock server in CRUD mode on loopback, with Federator's CRDs installed
 * (so it knows their scope and status subresource) and the operator's namespace created.
 */
public final class MockKubernetes implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockKubernetes(Path crdDirectory, String... namespaces) {
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest,
                java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not start the mock Kubernetes API", e);
        }
        client = server.createClient();
        grantEverything();
        for (Path crd : crdFiles(crdDirectory)) {
            try (InputStream in = Files.newInputStream(crd)) {
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).create();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + crd, e);
            }
        }
        for (String ns : namespaces) {
            ensureNamespace(ns);
        }
    }

    private static List<Path> crdFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("no CRDs in " + dir, e);
        }
    }

    /**
     * The mock server has no authorizer; answer access reviews the way a cluster that grants the operator's RBAC
     * does, so the operator's startup permission check (leader election) passes as it would in production.
     */
    private void grantEverything() {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewMetadata().endMetadata()
                        .withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("*").withResources("*").withVerbs("*").endResourceRule()
                        .endStatus().build())
                .always();
    }

    public void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    public String url() { return server.url("/").replaceAll("/$", ""); }

    public KubernetesClient client() { return client; }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
