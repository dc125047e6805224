package dev.federator.sandbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operator exactly as users run it: the packaged Quarkus application in its own JVM, pointed at a Kubernetes
 * API by the same environment variables a Deployment would set. Tests can kill it (as a crash) and start it again.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Path jar;
    private final String apiServerUrl;
    private final String namespace;
    private final Path log;
    private final Map<String, String> extraEnv;
    private Process process;
    private int httpPort;
    private int runs;
    private long launchedAt;
    private final List<String> metricScrapes = new ArrayList<>();
    private Launcher launcher;

    /**
     * How the JVM is started, given the test's JVM flags: by default this machine's java with the packaged jar; the
     * image test starts the image's entrypoint in a chroot instead.
     */
    public interface Launcher {
        List<String> command(List<String> jvmFlags);
    }

    /** Starts the operator with {@code launcher} instead of this machine's java; before {@link #start()}. */
    public OperatorProcess launchedBy(Launcher launcher) {
        this.launcher = launcher;
        return this;
    }

    public OperatorProcess(Path jar, String apiServerUrl, String namespace, Path log, Map<String, String> extraEnv) {
        this.jar = jar;
        this.apiServerUrl = apiServerUrl;
        this.namespace = namespace;
        this.log = log;
        this.extraEnv = extraEnv;
    }

    /**
     * The operator's credentials on the embedded API server, as a ServiceAccount token would be on a cluster: the RBAC
     * audit tells the operator's requests from the test's own by it. One token per watched-namespaces setting, so
     * that each request is judged in the install mode of the operator that sent it; and one per shard
     * (FEDERATOR_SHARD), so that a test tells which shard sent what.
     */
    public static final String TOKEN_PREFIX = "sandbox-sa-federator-";

    public String bearerToken() {
        String namespaces = extraEnv.getOrDefault("QUARKUS_OPERATOR_SDK_NAMESPACES", "");
        String shard = extraEnv.get("FEDERATOR_SHARD");
        String identity = shard == null ? namespaces : namespaces + "|shard=" + shard;
        return TOKEN_PREFIX + java.util.UUID.nameUUIDFromBytes(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What the test set in the operator's environment on top of the API server's address. */
    public Map<String, String> extraEnv() { return extraEnv; }

    public static Path defaultJar() {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the operator first (./mvnw package -DskipTests)");
        }
        return jar;
    }

    /** Starts the JVM and waits until it reports ready. */
    public OperatorProcess start() {
        launch();
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** Starts the JVM without waiting for it to be ready: for a start that is expected to fail. */
    public OperatorProcess launch() {
        runs++;
        httpPort = freePort();
        // SerialGC is what the JVM picks in a pod of the chart's size (one CPU); the benchmark may set the heap.
        List<String> flags = new ArrayList<>(List.of("-Xmx" + System.getProperty("federator.test.operator-heap", "512m"),
                "-XX:+UseSerialGC"));
        if (apiServerUrl != null) {
            flags.addAll(List.of("-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false"));
        }
        List<String> command = new ArrayList<>();
        if (launcher != null) {
            command.addAll(launcher.command(flags));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(flags);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        if (apiServerUrl != null) {
            // The embedded API server; without it the operator uses KUBECONFIG like kubectl does.
            env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", apiServerUrl);
            env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
            env.put("QUARKUS_KUBERNETES_CLIENT_TOKEN", bearerToken());
            env.remove("KUBECONFIG");
        }
        env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", namespace);
        env.put("FEDERATOR_NAMESPACE", namespace);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the operator", e);
        }
        launchedAt = System.nanoTime();
        return this;
    }

    /** How a run ended: its exit code, and how long it took from the launch or the SIGTERM to the exit. */
    public record Exit(int code, Duration elapsed) {}

    /** Waits for the process to end by itself; empty (and the process killed) if it still runs at the deadline. */
    public Optional<Exit> awaitExit(Duration timeout) {
        return exitWithin(launchedAt, timeout);
    }

    /**
     * Sends SIGTERM, as the kubelet does on a rolling update, a drain or a pod deletion, and waits for the exit;
     * empty (and the process killed) if it still runs at the deadline.
     */
    public Optional<Exit> terminate(Duration timeout) {
        scrapeMetrics();
        long signalledAt = System.nanoTime();
        process.destroy();
        return exitWithin(signalledAt, timeout);
    }

    private Optional<Exit> exitWithin(long since, Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(new Exit(process.exitValue(), Duration.ofNanos(System.nanoTime() - since)));
            }
            process.destroyForcibly().waitFor();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException("the operator did not become ready within " + timeout + "; see " + log);
    }

    private static void pause() {
        try {
            Thread.sleep(200); // polling interval of a readiness probe, not a wait for convergence
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String metricsUrl() { return "http://127.0.0.1:" + httpPort + "/q/metrics"; }

    /**
     * Reads /q/metrics now and keeps the text for the secret scan (kill and close read it too, so that every run's
     * metrics are scanned, crashed ones included); empty when the operator does not answer.
     */
    public synchronized java.util.Optional<String> scrapeMetrics() {
        if (!isAlive()) {
            return java.util.Optional.empty();
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl()))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return java.util.Optional.empty();
            }
            metricScrapes.add(r.body());
            return java.util.Optional.of(r.body());
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** Every scrape of this process's metrics, oldest first. */
    public synchronized List<String> metricScrapes() { return List.copyOf(metricScrapes); }

    /** How many times this process was started. */
    public int runs() { return runs; }

    public Path log() { return log; }

    /** The operator JVM's process, for the benchmark's CPU and memory figures. */
    public ProcessHandle handle() {
        if (process == null) {
            throw new IllegalStateException("the operator is not started");
        }
        return process.toHandle();
    }

    public boolean isAlive() { return process != null && process.isAlive(); }

    /** A crash: no shutdown hooks, no graceful stop. */
    public void kill() {
        scrapeMetrics();
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        scrapeMetrics();
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.time.Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
