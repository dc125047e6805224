package dev.federator.sandbox;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.deploy.RbacAudit;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the operator needs, on one machine with nothing installed: an embedded Kubernetes API, a simulator
 * per vendor and the packaged operator in its own JVM. Shared by the sandbox command and the end-to-end tests.
 * Every environment runs a {@link SecretScan} from start to close: closing it fails if any secret value showed up in
 * the operator's log, events, statuses or metrics. And an {@link RbacAudit}: closing fails if the shipped RBAC would
 * forbid any request the operator sent.
 */
public final class SandboxEnvironment implements AutoCloseable {
    public static final String OPERATOR_NAMESPACE = "federator-system";

    private final MockKubernetes kubernetes;
    private final SimulatorFleet simulators;
    private OperatorProcess operator;
    private final List<OperatorProcess> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path log;
    private final SecretScan secretScan;
    private final RbacAudit rbacAudit;

    /** Its secret-scan report is named after the class that creates it (the test class). */
    public SandboxEnvironment(Path log) {
        this(log, StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getSimpleName());
    }

    public SandboxEnvironment(Path log, String name) {
        this.log = log;
        this.kubernetes = new MockKubernetes(Path.of("crds"), OPERATOR_NAMESPACE, "default");
        this.secretScan = SecretScan.start(name, kubernetes.client(), namespace -> true);
        this.rbacAudit = new RbacAudit(name, OPERATOR_NAMESPACE);
        kubernetes.answerRulesReviews(rbacAudit::rulesReview);
        this.simulators = SimulatorFleet.start();
        secretScan.addSecrets("a token a simulator issued", simulators::issuedTokens);
    }

    public SandboxEnvironment startOperator(Map<String, String> extraEnv) {
        return startOperator(extraEnv, null);
    }

    /** The operator started by {@code launcher} (null: this machine's java), e.g. from the image's root filesystem. */
    public SandboxEnvironment startOperator(Map<String, String> extraEnv, OperatorProcess.Launcher launcher) {
        operator = new OperatorProcess(OperatorProcess.defaultJar(), kubernetes.url(), OPERATOR_NAMESPACE, log, extraEnv)
                .launchedBy(launcher);
        secretScan.addOperator(operator);
        rbacAudit.addOperator(operator.bearerToken(), extraEnv);
        operator.start();
        return this;
    }

    /**
     * One more replica of the operator on the same API server, as a second pod of the Deployment (or a pod of another
     * shard's Deployment): it logs to its own file, its log and metrics are secret-scanned and its requests
     * RBAC-audited too, and it is stopped on close.
     */
    public OperatorProcess startReplica(Path replicaLog, Map<String, String> extraEnv) {
        OperatorProcess replica = new OperatorProcess(OperatorProcess.defaultJar(), kubernetes.url(), OPERATOR_NAMESPACE,
                replicaLog, extraEnv);
        secretScan.addOperator(replica);
        rbacAudit.addOperator(replica.bearerToken(), extraEnv);
        replicas.add(replica);
        replica.start();
        return replica;
    }

    public List<IdentityConnection> applySamples(Path samples, String namespace) {
        kubernetes.ensureNamespace(namespace);
        return Samples.apply(kubernetes.client(), Samples.read(samples), namespace, simulators);
    }

    /**
     * Applies samples/ to {@code default} and waits (3 min at most) until every applied connection is Ready; fails
     * naming each one that is not, with its conditions.
     */
    public List<IdentityConnection> applySamplesAndAwaitReady() {
        List<IdentityConnection> applied = applySamples(Path.of("samples"), "default");
        org.assertj.core.api.Assertions.assertThat(applied).isNotEmpty();
        org.awaitility.Awaitility.await("every sample Ready").atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofSeconds(1)).untilAsserted(() ->
                        org.assertj.core.api.Assertions.assertThat(connections()).hasSize(applied.size())
                                .allSatisfy(c -> org.assertj.core.api.Assertions.assertThat(
                                        dev.federator.status.Conditions.isTrue(c.getStatus() == null ? null
                                                : c.getStatus().conditions, dev.federator.status.Conditions.READY))
                                        .as("%s Ready: %s", c.getMetadata().getName(),
                                                c.getStatus() == null ? null : c.getStatus().conditions).isTrue()));
        return applied;
    }

    public KubernetesClient client() { return kubernetes.client(); }

    public MockKubernetes kubernetes() { return kubernetes; }

    /** A fresh namespace, so that a test never sees another's resources. */
    public String newNamespace() {
        String ns = "t-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        kubernetes.ensureNamespace(ns);
        return ns;
    }

    public SimulatorFleet simulators() { return simulators; }

    /** More secret values for the scan, from a test's own simulators (the tokens they issued), read at close. */
    public void alsoScanFor(String origin, java.util.function.Supplier<? extends java.util.Collection<String>> values) {
        secretScan.addSecrets(origin, values);
    }

    public OperatorProcess operator() { return operator; }

    public List<IdentityConnection> connections() {
        return client().resources(IdentityConnection.class).inAnyNamespace().list().getItems();
    }

    /**
     * Stops everything; fails (after stopping) if the secret scan found a secret value or the RBAC audit a request the
     * shipped RBAC forbids.
     */
    @Override
    public void close() {
        SecretScan.Report scan;
        RbacAudit.Report rbac;
        try {
            if (operator != null) {
                operator.close(); // first, so that its whole log, shutdown included, is scanned
            }
            replicas.forEach(OperatorProcess::close);
            scan = secretScan.finish();
            rbac = rbacAudit.finish(kubernetes.requestsByToken(OperatorProcess.TOKEN_PREFIX));
        } finally {
            simulators.close();
            kubernetes.close();
        }
        AssertionError failure = null;
        for (Runnable check : List.<Runnable>of(scan::assertClean, rbac::assertAllowed)) {
            try {
                check.run();
            } catch (AssertionError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
