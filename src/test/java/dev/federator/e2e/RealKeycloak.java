package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real Keycloak server, from the keycloak-quarkus-dist zip the build unpacks (no Docker): started in dev mode
 * on free loopback ports with a fresh database, an admin user with a random password, and stopped with the JVM.
 */
final class RealKeycloak implements KeycloakBackend, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Process process;
    private final String url;
    private final String password;

    private RealKeycloak(Process process, String url, String password) {
        this.process = process;
        this.url = url;
        this.password = password;
    }

    static RealKeycloak start() {
        String homeProperty = System.getProperty("keycloak.home");
        if (homeProperty == null || !Files.exists(Path.of(homeProperty, "bin", "kc.sh"))) {
            throw new IllegalStateException("the real Keycloak is not unpacked (keycloak.home=" + homeProperty
                    + "); run the tests through Maven: ./mvnw verify");
        }
        Path home = Path.of(homeProperty);
        deleteTree(home.resolve("data")); // a fresh database for every run
        int port = freePort();
        int management = freePort();
        String password = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
                "--health-enabled=false", "--metrics-enabled=false");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx768m -XX:+UseSerialGC -Djava.net.preferIPv4Stack=true");
        Path log = Path.of("target", "e2e", "keycloak.log");
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            RealKeycloak keycloak = new RealKeycloak(builder.start(), "http://127.0.0.1:" + port, password);
            keycloak.awaitStarted(Duration.ofSeconds(240), log);
            return keycloak;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Keycloak", e);
        }
    }

    private String adminPassword() { return password; }

    private void awaitStarted(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (send(HttpRequest.newBuilder(URI.create(url + "/realms/master")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            try {
                Thread.sleep(500); // poll interval of a readiness check
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak did not start within " + timeout + "; see " + log);
    }

    @Override public String url() { return url; }

    @Override public String authRealm() { return "master"; }

    @Override
    public Map<String, String> credentials() { return Map.of("username", "admin", "password", adminPassword()); }

    @Override
    public String newRealm() {
        String realm = "r-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = admin("POST", "/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating realm " + realm + " answered " + r.statusCode() + " " + r.body());
        }
        return realm;
    }

    @Override
    public Optional<JsonNode> identityProvider(String realm, String alias) {
        HttpResponse<String> r = admin("GET", idp(realm, alias), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(r));
    }

    @Override
    public void editOutOfBand(String realm, String alias, Consumer<ObjectNode> edit) {
        ObjectNode idp = (ObjectNode) identityProvider(realm, alias).orElseThrow();
        edit.accept(idp);
        HttpResponse<String> r = admin("PUT", idp(realm, alias), idp.toString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("out-of-band edit answered " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void createDirectly(String realm, ObjectNode representation) {
        HttpResponse<String> r = admin("POST", "/admin/realms/" + realm + "/identity-provider/instances",
                representation.toString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("direct create answered " + r.statusCode() + " " + r.body());
        }
    }

    /** The real server never shows a stored secret. */
    @Override
    public Optional<String> storedSecret(String realm, String alias) { return Optional.empty(); }

    private static String idp(String realm, String alias) {
        return "/admin/realms/" + realm + "/identity-provider/instances/" + alias;
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    private String token() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(adminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        return read(r).path("access_token").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.statusCode());
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
