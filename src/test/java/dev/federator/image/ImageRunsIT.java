package dev.federator.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.sandbox.OperatorProcess;
import dev.federator.sandbox.SandboxEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image runs: its layers unpacked into a root filesystem, its entrypoint started there as its user, as a
 * container engine would (a chroot in a private mount namespace: the root read-only, /tmp an empty tmpfs like the
 * Deployment's emptyDir, /proc and /dev from the host), against the sandbox's API server and simulators. Nothing of
 * this machine's Java or libraries is visible to it. Needs root for the mounts and the chroot; skipped otherwise.
 */
class ImageRunsIT {
    private static SandboxEnvironment env;
    private static Path root;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(OciArchive.isRoot(), "starting the image in a chroot needs root; this run is not root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "no unshare(1) on this machine");
        Path work = Directories.empty(Path.of("target", "image-runs-it").toAbsolutePath());
        OciArchive image = OciArchive.built(work.resolve("layout"));
        root = work.resolve("root");
        image.unpackRootFilesystem(root);
        // What a container engine adds to every container: mount points for /proc and /dev.
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        JsonNode config = image.config().path("config");
        env = new SandboxEnvironment(Path.of("target", "e2e", "image-runs-operator.log"));
        env.startOperator(Map.of(), new ChrootLauncher(root, config));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void theImageReconcilesTheSamplesToReady() {
        env.applySamplesAndAwaitReady();
    }

    @Test
    void theOperatorRunsOnTheImagesJavaAsItsUser() throws IOException {
        ProcessHandle java = env.operator().handle();
        // Seen from outside the chroot, the JVM's executable is the image's java under the unpacked root.
        assertThat(java.info().command()).hasValue(root.resolve("opt/java/bin/java").toString());
        String status = Files.readString(Path.of("/proc", Long.toString(java.pid()), "status"));
        assertThat(status).containsPattern("(?m)^Uid:\\s+" + ImageBuild.UID + "\\s");
    }

    /**
     * The image's entrypoint, with the test's JVM flags after the java command, in a chroot of {@code root} with the
     * image's environment. unshare and chroot exec in place, so the test's process is the operator's JVM itself.
     */
    private record ChrootLauncher(Path root, JsonNode config) implements OperatorProcess.Launcher {
        private static final String MOUNTS = "set -e; R=\"$1\"; shift;"
                + " mount --bind \"$R\" \"$R\"; mount -o remount,bind,ro \"$R\";"
                + " mount -t proc proc \"$R/proc\"; mount --rbind /dev \"$R/dev\";"
                + " mount -t tmpfs -o mode=1777 tmpfs \"$R/tmp\";"
                + " exec /usr/bin/env \"$@\"";

        @Override
        public List<String> command(List<String> jvmFlags) {
            List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "/bin/sh", "-c", MOUNTS, "sh",
                    root.toString()));
            config.path("Env").forEach(e -> command.add(e.asText()));
            String user = config.path("User").asText();
            command.addAll(List.of("/usr/sbin/chroot", "--userspec=" + user + ":" + user, root.toString()));
            List<String> entrypoint = new ArrayList<>();
            config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
            command.add(entrypoint.get(0));
            command.addAll(jvmFlags);
            command.addAll(entrypoint.subList(1, entrypoint.size()));
            return command;
        }
    }
}
