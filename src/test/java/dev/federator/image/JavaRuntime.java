package dev.federator.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java runtime of the image: the build JDK cut down by jlink to the modules the operator uses. jlink is the
 * slowest step of the image build, so its output is kept in target/ and reused while the JDK and the module list stay
 * the same.
 */
final class JavaRuntime {
    /**
     * What jdeps finds in target/quarkus-app (java.logging, java.naming, jdk.unsupported, java.management,
     * java.net.http, java.sql, jdk.management), plus providers loaded by name at run time: ECDSA certificates and
     * X25519 key exchange, common on managed API servers (jdk.crypto.ec; the sandbox's servers use RSA, so ImageRunsIT
     * passes without it), DNS lookups (jdk.naming.dns), SASL and zip file systems. jdeps also names java.desktop
     * (Jackson's optional java.beans support) and java.compiler/jdk.compiler, left out: ImageRunsIT runs every sample
     * to Ready without them.
     */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.net.http", "java.sql", "java.xml", "java.security.sasl", "java.instrument", "jdk.unsupported",
            "jdk.crypto.ec", "jdk.management", "jdk.naming.dns", "jdk.zipfs");

    private JavaRuntime() {}

    /** Links the runtime into {@code output}, or reuses the one already there when it was linked the same way. */
    static Path link(Path output) throws IOException, InterruptedException {
        String recipe = String.join(",", MODULES) + " from " + System.getProperty("java.home") + " "
                + System.getProperty("java.runtime.version");
        Path stamp = output.resolveSibling(output.getFileName() + ".linked");
        if (Files.isDirectory(output) && Files.exists(stamp) && Files.readString(stamp).equals(recipe)) {
            return output;
        }
        // jlink refuses an existing output directory.
        Files.delete(Directories.empty(output));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages", "--no-header-files",
                // The layer is gzipped anyway; jlink's own compression would only cost build time and startup.
                "--compress=0", "--output", output.toString()));
        Commands.run(command);
        Files.writeString(stamp, recipe);
        return output;
    }
}
