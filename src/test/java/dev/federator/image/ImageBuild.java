package dev.federator.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the operator's container image without a Docker daemon or a registry, as an OCI image archive in target/
 * (run by the build in the package phase, see pom.xml). By default the image starts from nothing: a jlink'ed Java
 * runtime, the Debian shared libraries it needs, the operator's user, and the Quarkus fast-jar. With
 * -Dfederator.image.base=eclipse-temurin:17-jre (or any image with java on its PATH) it is the fast-jar on that base
 * instead, which needs the registry that serves it.
 */
public final class ImageBuild {
    /** The UID and GID the Deployment's securityContext runs as (deploy/operator.yaml, the Helm chart). */
    public static final int UID = 185;
    public static final String ARCHIVE = "federator-image.oci.tar";
    static final String JAVA_HOME = "/opt/java";
    static final String APP_DIR = "/deployments";
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError",
            // No hsperfdata files: nothing reads them in a pod, and /tmp is the only writable place.
            "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");
    // Every file gets the same time, so that the same inputs give the same layer digests.
    private static final Instant FILE_TIME = Instant.ofEpochSecond(1);

    private final Path target;
    private final Path quarkusApp;
    private final String version;
    private final String base;

    ImageBuild(Path target, String version, String base) {
        this.target = target;
        this.quarkusApp = target.resolve("quarkus-app");
        this.version = version;
        this.base = base == null ? "" : base.trim();
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        ImageBuild build = new ImageBuild(Path.of(args[0]), args[1], System.getProperty("federator.image.base"));
        Path archive = build.write();
        System.out.printf("[image] %s (%d KiB) in %d s%n", archive, Files.size(archive) / 1024,
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    Path write() throws Exception {
        if (!Files.exists(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(quarkusApp + " has no quarkus-run.jar: the Quarkus build must run first");
        }
        Path work = target.resolve("image");
        Files.createDirectories(work);
        JibContainerBuilder image;
        List<String> java;
        Map<String, String> labels = new LinkedHashMap<>(ociLabels());
        if (base.isEmpty()) {
            Path runtime = JavaRuntime.link(work.resolve("java"));
            List<HostLibraries.Library> libraries = HostLibraries.neededBy(runtime);
            labels.put("dev.federator.image.debian-packages", libraries.stream()
                    .map(l -> l.packageName() + "=" + l.version()).distinct().sorted().collect(Collectors.joining(",")));
            image = Jib.fromScratch()
                    .addFileEntriesLayer(systemLayer(libraries, new SystemFiles(work.resolve("system"))))
                    .addFileEntriesLayer(directoryLayer("java-runtime", runtime, JAVA_HOME))
                    .setEnvironment(Map.of("JAVA_HOME", JAVA_HOME, "PATH", JAVA_HOME + "/bin", "LANG", "C.UTF-8"));
            java = List.of(JAVA_HOME + "/bin/java");
        } else {
            labels.put("org.opencontainers.image.base.name", base);
            image = Jib.from(base);
            java = List.of("java");
        }
        List<String> entrypoint = new ArrayList<>(java);
        entrypoint.addAll(JVM_FLAGS);
        entrypoint.addAll(List.of("-jar", APP_DIR + "/quarkus-run.jar"));
        image.addFileEntriesLayer(directoryLayer("dependencies", quarkusApp.resolve("lib"), APP_DIR + "/lib"))
                .addFileEntriesLayer(quarkusLayer())
                .addFileEntriesLayer(directoryLayer("application", quarkusApp.resolve("app"), APP_DIR + "/app"))
                .setPlatforms(Set.of(new Platform("amd64", "linux")))
                .setUser(Integer.toString(UID))
                .setWorkingDirectory(AbsoluteUnixPath.get(APP_DIR))
                .setExposedPorts(Set.of(Port.tcp(8080)))
                .setEntrypoint(entrypoint)
                .setLabels(labels)
                .setCreationTime(Instant.EPOCH)
                .setFormat(ImageFormat.OCI);
        Path archive = target.resolve(ARCHIVE);
        image.containerize(Containerizer.to(TarImage.at(archive).named("federator:" + version))
                .setApplicationLayersCache(work.resolve("jib-cache"))
                .setBaseImageLayersCache(work.resolve("jib-base-cache"))
                .setToolName("federator-image-build"));
        return archive;
    }

    private Map<String, String> ociLabels() {
        return Map.of("org.opencontainers.image.title", "Federator",
                "org.opencontainers.image.description",
                "Kubernetes operator that reconciles SSO connections on identity platforms",
                "org.opencontainers.image.version", version,
                "org.opencontainers.image.source", "https://github.com/federator-dev/federator",
                "org.opencontainers.image.licenses", "Apache-2.0");
    }

    private static FileEntriesLayer systemLayer(List<HostLibraries.Library> libraries, SystemFiles files)
            throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system");
        for (Map.Entry<String, Path> file : files.write(libraries).entrySet()) {
            layer.addEntry(file.getValue(), AbsoluteUnixPath.get(file.getKey()), READABLE, FILE_TIME);
        }
        for (HostLibraries.Library library : libraries) {
            layer.addEntry(library.path(), AbsoluteUnixPath.get(library.path().toString()), EXECUTABLE, FILE_TIME);
            Path copyright = Path.of("/usr/share/doc", library.packageName(), "copyright");
            if (Files.exists(copyright)) {
                layer.addEntry(copyright, AbsoluteUnixPath.get(copyright.toString()), READABLE, FILE_TIME);
            }
        }
        // The only writable place: the Deployment mounts an emptyDir here and keeps the root filesystem read-only.
        layer.addEntry(files.emptyDirectory(), AbsoluteUnixPath.get("/tmp"), EXECUTABLE, FILE_TIME, UID + ":" + UID);
        return layer.build();
    }

    private FileEntriesLayer quarkusLayer() {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("quarkus")
                .setEntries(withDirectory(quarkusApp.resolve("quarkus"), APP_DIR + "/quarkus"));
        return layer.addEntry(quarkusApp.resolve("quarkus-run.jar"), AbsoluteUnixPath.get(APP_DIR + "/quarkus-run.jar"),
                READABLE, FILE_TIME).build();
    }

    private static FileEntriesLayer directoryLayer(String name, Path source, String destination) throws IOException {
        return FileEntriesLayer.builder().setName(name).setEntries(withDirectory(source, destination)).build();
    }

    private static List<com.google.cloud.tools.jib.api.buildplan.FileEntry> withDirectory(Path source, String destination) {
        try {
            return FileEntriesLayer.builder().addEntryRecursive(source, AbsoluteUnixPath.get(destination),
                    (file, inImage) -> Files.isDirectory(file) || Files.isExecutable(file) && !file.toString().endsWith(".jar")
                            ? EXECUTABLE : READABLE,
                    (file, inImage) -> FILE_TIME).build().getEntries().stream()
                    .sorted(java.util.Comparator.comparing(e -> e.getExtractionPath().toString())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
