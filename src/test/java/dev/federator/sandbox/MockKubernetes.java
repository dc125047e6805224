package dev.federator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatus;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An embedded Kubernetes API: the Fabric8 mock server in CRUD mode on loopback, with Federator's CRDs installed
 * (so it knows their scope and status subresource) and the operator's namespace created. Reads of one object are
 * indexed ({@link IndexedCrudDispatcher}), so it keeps up with thousands of objects as an API server does.
 */
public final class MockKubernetes implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ConflictingDispatcher dispatcher;

    public MockKubernetes(Path crdDirectory, String... namespaces) {
        var expectations = new HashMap<ServerRequest, Queue<ServerResponse>>();
        dispatcher = new ConflictingDispatcher(expectations);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not start the mock Kubernetes API", e);
        }
        client = server.createClient();
        grantEverything();
        installCrds(client, crdDirectory);
        for (String ns : namespaces) {
            ensureNamespace(ns);
        }
    }

    /** Creates every CRD in {@code crdDirectory} (*.yaml, *.yml) through {@code client}. */
    static void installCrds(KubernetesClient client, Path crdDirectory) {
        for (Path crd : crdFiles(crdDirectory)) {
            try (InputStream in = Files.newInputStream(crd)) {
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).create();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + crd, e);
            }
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

    /**
     * Answers the SelfSubjectRulesReviews of a bearer token as {@code answers} says (token, namespace to the rules;
     * empty = not this token's), e.g. from the shipped RBAC, so that JOSDK's start-up check of Lease access is judged
     * by the RBAC users install rather than by {@link #grantEverything()}.
     */
    public void answerRulesReviews(
            java.util.function.BiFunction<String, String, java.util.Optional<SubjectRulesReviewStatus>> answers) {
        dispatcher.rulesReviews = answers;
    }

    public void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    public String url() { return server.url("/").replaceAll("/$", ""); }

    /** A kubeconfig for this API server at {@code file}, with a token of its own so its requests can be told apart. */
    public static java.nio.file.Path writeKubeconfig(java.nio.file.Path file, String serverUrl, String token) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox
                  cluster: {server: "%s"}
                users:
                - name: cli
                  user: {token: %s}
                contexts:
                - name: sandbox
                  context: {cluster: sandbox, user: cli, namespace: default}
                current-context: sandbox
                """.formatted(serverUrl, token);
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            return java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public KubernetesClient client() { return client; }

    /**
     * Answers 409 Conflict, as an API server does when another writer got there first, to {@code n} status writes
     * (PATCH or PUT) of the object at {@code objectPath} (e.g.
     * {@code /apis/federator.dev/v1alpha1/namespaces/ns/identityconnections/name}), after letting the first
     * {@code skip} of them through.
     */
    public void conflictStatusWrites(String objectPath, int skip, int n) {
        dispatcher.rules.put(objectPath + "/status", new int[] {skip, n});
    }

    /** How many {@code method} requests were made to paths (query left out) that start with {@code pathPrefix}. */
    public long requests(String method, String pathPrefix) {
        String prefix = method.toUpperCase(java.util.Locale.ROOT) + " " + pathPrefix;
        return dispatcher.requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /**
     * Every request that carried a bearer token starting with {@code prefix} (the operators', see
     * {@link OperatorProcess#bearerToken()}): token to "METHOD path[?watch=true][&fieldSelector=...]" to how many came.
     */
    public Map<String, Map<String, Long>> requestsByToken(String prefix) {
        Map<String, Map<String, Long>> byToken = new java.util.TreeMap<>();
        dispatcher.authorized.forEach((key, count) -> {
            String[] tokenAndRequest = key.split(" ", 2);
            if (tokenAndRequest[0].startsWith(prefix)) {
                byToken.computeIfAbsent(tokenAndRequest[0], t -> new java.util.TreeMap<>())
                        .merge(tokenAndRequest[1], count.sum(), Long::sum);
            }
        });
        return byToken;
    }

    /** How many status writes were answered 409 by {@link #conflictStatusWrites}. */
    public int conflictsAnswered() { return dispatcher.answered.get(); }

    /**
     * What upstream's mixed dispatcher does (recorded expectations first, then CRUD), over the indexed CRUD
     * dispatcher, with rules that turn chosen status writes into conflicts, counting them.
     */
    private static final class ConflictingDispatcher extends Dispatcher implements Resetable, CustomResourceAware {
        private final AtomicInteger answered = new AtomicInteger();
        /** Status path to {writes still let through, conflicts still to answer}. */
        private final Map<String, int[]> rules = new ConcurrentHashMap<>();
        /** "METHOD path" to how many such requests came. */
        private final Map<String, java.util.concurrent.atomic.LongAdder> requests = new ConcurrentHashMap<>();
        /** "TOKEN METHOD path[?query the RBAC authorizer reads]" to how many such requests came, for the RBAC audit. */
        private final Map<String, java.util.concurrent.atomic.LongAdder> authorized = new ConcurrentHashMap<>();
        private final Map<ServerRequest, Queue<ServerResponse>> expectations;
        private final MockDispatcher expected;
        private final IndexedCrudDispatcher crud = new IndexedCrudDispatcher();
        private volatile java.util.function.BiFunction<String, String, java.util.Optional<SubjectRulesReviewStatus>>
                rulesReviews = (token, namespace) -> java.util.Optional.empty();

        ConflictingDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
            this.expectations = expectations;
            this.expected = new MockDispatcher(expectations);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            recordAuthorized(request);
            MockResponse review = rulesReview(request);
            if (review != null) {
                return review;
            }
            Queue<ServerResponse> queued = expectations.get(
                    new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
            if (queued != null && !queued.isEmpty()) {
                return expected.dispatch(request);
            }
            String path = request.getPath().split("\\?")[0];
            requests.computeIfAbsent(request.getMethod().toUpperCase(java.util.Locale.ROOT) + " " + path,
                    k -> new java.util.concurrent.atomic.LongAdder()).increment();
            if (!conflicts(request.getMethod(), path)) {
                return crud.dispatch(request);
            }
            answered.incrementAndGet();
            String name = path.replaceAll(".*/([^/]+)/status$", "$1");
            return new MockResponse().setResponseCode(409).setHeader("Content-Type", "application/json")
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                            + "\"message\":\"Operation cannot be fulfilled on identityconnections.federator.dev \\\""
                            + name + "\\\": the object has been modified; please apply your changes to the latest "
                            + "version and try again\",\"reason\":\"Conflict\",\"code\":409}");
        }

        private MockResponse rulesReview(RecordedRequest request) {
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !"POST".equalsIgnoreCase(request.getMethod())
                    || !request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
                return null;
            }
            SelfSubjectRulesReview review = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    request.getUtf8Body(), SelfSubjectRulesReview.class);
            String namespace = review.getSpec() == null ? null : review.getSpec().getNamespace();
            return rulesReviews.apply(auth.substring("Bearer ".length()), namespace)
                    .map(status -> {
                        review.setStatus(status);
                        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                                .setBody(io.fabric8.kubernetes.client.utils.Serialization.asJson(review));
                    }).orElse(null);
        }

        /** Cheap enough for every request: one header read and, for a bearer, one map update. */
        private void recordAuthorized(RecordedRequest request) {
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                return;
            }
            String target = request.getPath();
            int q = target.indexOf('?');
            String key = auth.substring("Bearer ".length()) + " " + request.getMethod().toUpperCase(java.util.Locale.ROOT)
                    + " " + (q < 0 ? target : target.substring(0, q) + authorizedQuery(target.substring(q + 1)));
            authorized.computeIfAbsent(key, k -> new java.util.concurrent.atomic.LongAdder()).increment();
        }

        /** Of a query, what decides the RBAC verb and name (watch, a field selector); not resource versions. */
        private static String authorizedQuery(String query) {
            StringBuilder kept = new StringBuilder();
            for (String pair : query.split("&")) {
                if (pair.startsWith("watch=") || pair.startsWith("fieldSelector=")) {
                    kept.append(kept.length() == 0 ? '?' : '&').append(pair);
                }
            }
            return kept.toString();
        }

        @Override
        public void reset() { crud.reset(); }

        @Override
        public void expectCustomResource(CustomResourceDefinitionContext rdc) { crud.expectCustomResource(rdc); }

        private boolean conflicts(String method, String path) {
            int[] rule = rules.get(path);
            if (rule == null || !("PATCH".equalsIgnoreCase(method) || "PUT".equalsIgnoreCase(method))) {
                return false;
            }
            synchronized (rule) {
                if (rule[0] > 0) {
                    rule[0]--;
                    return false;
                }
                if (rule[1] > 0) {
                    rule[1]--;
                    return true;
                }
                return false;
            }
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
