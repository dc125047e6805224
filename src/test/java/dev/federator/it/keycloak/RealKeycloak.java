package dev.federator.it.keycloak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real Keycloak server from the unpacked keycloak-quarkus-dist (no Docker), in dev mode on free loopback ports.
 *
 * <p>The unpacked distribution is treated as read-only and shareable: database and transaction log go to a fresh
 * directory per start, passed as runtime options only, so that the build options (and so lib/quarkus) stay those of
 * the first start and two servers from one home do not rebuild or delete each other's files.
 */
public final class RealKeycloak implements AutoCloseable {
    /** 180 s by default; a busy 2-core machine (parallel builds) has been seen to need over 100 s. */
    public static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("keycloak.start-timeout-seconds", 180));
    private static final String ADMIN_USER = "admin";

    private final Process process;
    private final String url;
    private final String adminPassword;
    private final Path runDir;
    private final Path log;
    private Duration startTime;
    private final Thread shutdownHook;
    private final KeycloakAdmin admin;

    private RealKeycloak(Process process, String url, String adminPassword, Path runDir, Path log) {
        this.process = process;
        this.url = url;
        this.adminPassword = adminPassword;
        this.runDir = runDir;
        this.log = log;
        // A killed Maven fork (Ctrl-C, timeout) never closes the JUnit store; the server must not outlive it.
        this.shutdownHook = new Thread(this::stop, "stop-keycloak-" + process.pid());
        this.admin = new KeycloakAdmin(url, ADMIN_USER, adminPassword);
    }

    /** Starts a server from {@code home} (the directory holding bin/kc.sh); returns once it serves the master realm. */
    public static RealKeycloak start(Path home) {
        if (!Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            throw new IllegalArgumentException("no bin/kc.sh under " + home);
        }
        int port = freePort();
        Path target = buildDirectory();
        Path runDir = target.resolve("keycloak-" + port);
        Path log = target.resolve("keycloak-" + port + ".log");
        String password = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                // only bound when health or metrics are on; private anyway, so turning them on cannot clash on 9000
                "--http-management-port=" + freePort(),
                "--hostname-strict=false",
                "--db-url=jdbc:h2:file:" + runDir.resolve("h2").resolve("keycloakdb") + ";NON_KEYWORDS=VALUE",
                "-Dquarkus.transaction-manager.object-store.directory=" + runDir.resolve("transaction-logs")));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
        // Replaces kc.sh's defaults entirely: sized for a 2-core CI machine shared with the operator and Maven.
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx768m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m"
                + " -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -Djava.net.preferIPv4Stack=true");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            deleteTree(runDir); // a port reused from an earlier build must not inherit its database
            Files.createDirectories(runDir);
            Instant started = Instant.now();
            RealKeycloak keycloak = new RealKeycloak(builder.start(), "http://127.0.0.1:" + port, password, runDir, log);
            Runtime.getRuntime().addShutdownHook(keycloak.shutdownHook);
            try {
                keycloak.awaitReady(started);
            } catch (RuntimeException e) {
                keycloak.close();
                throw e;
            }
            keycloak.startTime = Duration.between(started, Instant.now());
            return keycloak;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Keycloak from " + home + "; see " + log, e);
        }
    }

    /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
    public String url() { return url; }

    /** The bootstrap admin of the master realm (password grant through client admin-cli). */
    public String adminUser() { return ADMIN_USER; }

    public String adminPassword() { return adminPassword; }

    /** Admin REST calls as the bootstrap admin. */
    public KeycloakAdmin admin() { return admin; }

    /** The server's combined stdout and stderr. */
    public Path log() { return log; }

    /** From process start until the master realm answered 200. */
    public Duration startTime() { return startTime; }

    public long pid() { return process.pid(); }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same
        }
        stop();
    }

    private void stop() {
        destroyTree(process);
        try {
            deleteTree(runDir); // the log stays for post-mortems; the database is of no use once the server is gone
        } catch (IOException e) {
            // leftovers in target/ are harmless
        }
    }

    private static void destroyTree(Process process) {
        // kc.sh runs a build JVM before exec'ing the server: take the children too, and snapshot them first
        // because they are reparented once the shell is gone.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .collect(Collectors.toList());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle p : tree) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                p.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly();
            }
        }
    }

    private void awaitReady(Instant started) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest master = HttpRequest.newBuilder(URI.create(url + "/realms/master"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = started.plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                if (http.send(master, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak started", e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Keycloak did not serve /realms/master within " + START_TIMEOUT + "; see " + log);
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis()); // interval between readiness polls, not a wait for readiness
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Keycloak started", e);
        }
    }

    private static Path buildDirectory() {
        // surefire and failsafe set basedir; a plain java launch runs from the project directory
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target").toAbsolutePath().normalize();
        try {
            return Files.createDirectories(target);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
