package dev.federator.sandbox;

import dev.federator.api.v1alpha1.IdentityConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The README's sandbox command: runs the operator end to end with no cluster, no Docker and no vendor account,
 * applies samples/ and prints a live table until every sample is Ready (exit 0) or the deadline passes (exit 1,
 * with the failing conditions). {@code --keep-running} leaves everything up for exploring with the printed URLs.
 */
public final class Sandbox {
    /** Held so the JUL configuration is not garbage-collected: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private Sandbox() {}

    public static void main(String[] args) throws Exception {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        boolean keepRunning = List.of(args).contains("--keep-running")
                || Boolean.getBoolean("sandbox.keep-running");
        Duration deadline = Duration.ofSeconds(Long.getLong("sandbox.timeout-seconds", 180));
        Path log = Path.of("target", "sandbox", "operator.log");
        java.nio.file.Files.deleteIfExists(log);
        Instant started = Instant.now();
        try (SandboxEnvironment env = new SandboxEnvironment(log)) {
            System.out.println("Kubernetes API (mock, CRUD mode): " + env.kubernetes().url());
            env.simulators().describe().forEach((vendor, url) -> System.out.println("  " + vendor + " simulator: " + url));
            System.out.println("  IdP (SAML metadata over https, private CA): " + env.simulators().idp().url("/"));
            env.startOperator(Map.of());
            System.out.println("Operator started in " + Duration.between(started, Instant.now()).toMillis()
                    + " ms (log: " + log + ", metrics: " + env.operator().metricsUrl() + ")");
            List<IdentityConnection> applied = env.applySamples(Path.of("samples"), "default");
            System.out.println("Applied " + applied.size() + " IdentityConnections from samples/\n");
            boolean ready = watch(env, applied.size(), deadline);
            System.out.println(ready
                    ? "All " + applied.size() + " sample connections are Ready after "
                    + Duration.between(started, Instant.now()).toSeconds() + " s."
                    : "Not every sample became Ready within " + deadline.toSeconds() + " s; see the MESSAGE column "
                    + "above and " + log);
            System.out.println(cliExample(env));
            if (keepRunning) {
                System.out.println("\n--keep-running: press Ctrl+C to stop.");
                Thread.currentThread().join();
            }
            System.exit(ready ? 0 : 1);
        }
    }

    /**
     * The CLI as a user runs it against this sandbox: a kubeconfig for the mock API server, and samples/ as applied
     * here (pointed at the simulators), under target/sandbox/.
     */
    private static String cliExample(SandboxEnvironment env) {
        Path dir = Path.of("target", "sandbox");
        Path kubeconfig = MockKubernetes.writeKubeconfig(dir.resolve("kubeconfig"), env.kubernetes().url(), "sandbox-cli");
        Path manifests = Samples.writePointedAt(dir.resolve("manifests"), env.simulators());
        return "\nThe CLI against this sandbox (while it runs: add --keep-running): bin/kubectl-federator diff --kubeconfig "
                + kubeconfig + " " + manifests + "/   and   bin/kubectl-federator export --kubeconfig " + kubeconfig
                + " -n default --platform keycloak-corp";
    }

    private static boolean watch(SandboxEnvironment env, int expected, Duration deadline) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        String last = "";
        while (Instant.now().isBefore(end)) {
            List<IdentityConnection> connections = env.connections();
            String table = StatusTable.render(connections);
            if (!table.equals(last)) {
                System.out.println(table);
                last = table;
            }
            if (connections.size() >= expected && connections.stream().allMatch(StatusTable::isReady)) {
                return true;
            }
            Thread.sleep(500); // refresh rate of the table
        }
        return false;
    }
}
