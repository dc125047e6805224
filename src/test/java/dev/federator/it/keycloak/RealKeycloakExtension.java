package dev.federator.it.keycloak;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Keycloak per test JVM, shared by every class that registers this extension, started on first use and
 * stopped when the JVM's tests are done: {@code @ExtendWith(RealKeycloakExtension.class)}, then {@link #server()}.
 *
 * <p>Needs system property {@code keycloak.home}, the unpacked keycloak-quarkus-dist, which the Maven build provides.
 */
public final class RealKeycloakExtension implements BeforeAllCallback {
    public static final String HOME_PROPERTY = "keycloak.home";

    private static volatile RealKeycloak server;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store outlives every class and closes its AutoCloseable values once, when the JVM's tests end.
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.create(RealKeycloakExtension.class))
                .getOrComputeIfAbsent(Started.class, key -> Started.attempt(), Started.class);
        server = started.server();
    }

    /** The shared server; only valid in classes that registered this extension. */
    public static RealKeycloak server() {
        RealKeycloak current = server;
        if (current == null) {
            throw new IllegalStateException("no real Keycloak: register @ExtendWith(RealKeycloakExtension.class)");
        }
        return current;
    }

    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set: the real Keycloak"
                    + " comes from the keycloak-quarkus-dist zip the Maven build unpacks; run the tests through Maven"
                    + " (./mvnw verify), or pass -D" + HOME_PROPERTY + "=<dir with bin/kc.sh>");
        }
        Path path = Path.of(home);
        if (!Files.isRegularFile(path.resolve("bin").resolve("kc.sh"))) {
            throw new IllegalStateException(HOME_PROPERTY + "=" + home + " holds no bin/kc.sh: the Maven build unpacks"
                    + " keycloak-quarkus-dist there; run the tests through Maven (./mvnw verify)");
        }
        return path;
    }

    /** The outcome of the one start attempt, so a failed start fails every class at once instead of retrying. */
    private record Started(RealKeycloak keycloak, RuntimeException failure) implements AutoCloseable {
        static Started attempt() {
            try {
                return new Started(RealKeycloak.start(home()), null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        RealKeycloak server() {
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return keycloak;
        }

        @Override
        public void close() {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }
}
