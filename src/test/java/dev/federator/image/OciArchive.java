package dev.federator.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image archive (an OCI image layout in a tar) as a registry or a container engine reads it: the index, the
 * manifest it names, the config and the layers, each a blob named by its digest.
 */
public final class OciArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path layout;

    private OciArchive(Path layout) {
        this.layout = layout;
    }

    /** The image archive the build wrote, unpacked into {@code dir} (emptied first). */
    public static OciArchive built(Path dir) throws IOException {
        Directories.empty(dir);
        Path archive = Path.of("target", ImageBuild.ARCHIVE);
        if (!Files.exists(archive)) {
            throw new IllegalStateException(archive + " is missing: build it first (./mvnw package)");
        }
        return unpack(archive, dir);
    }

    static OciArchive unpack(Path archive, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            extract(in, dir);
        }
        return new OciArchive(dir);
    }

    public JsonNode index() throws IOException { return JSON.readTree(layout.resolve("index.json").toFile()); }

    /** The image's name and tag in the index, as podman load and skopeo read it. */
    public String indexRefName() {
        try {
            return index().path("manifests").path(0).path("annotations").path("org.opencontainers.image.ref.name").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public JsonNode manifest() throws IOException {
        return JSON.readTree(blob(index().path("manifests").path(0).path("digest").asText()).toFile());
    }

    public JsonNode config() throws IOException {
        return JSON.readTree(blob(manifest().path("config").path("digest").asText()).toFile());
    }

    public Path blob(String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** The compressed layer blobs, base first. */
    public List<Path> layers() throws IOException {
        List<Path> layers = new ArrayList<>();
        for (JsonNode layer : manifest().path("layers")) {
            layers.add(blob(layer.path("digest").asText()));
        }
        return layers;
    }

    /** The layers applied in order onto {@code root}, as a container engine builds the root filesystem. */
    public void unpackRootFilesystem(Path root) throws IOException {
        for (Path layer : layers()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(layer))) {
                extract(in, root);
            }
        }
    }

    /** Every entry of a layer, read without unpacking. */
    public static List<TarArchiveEntry> entries(Path layer) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(layer)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.add(e);
            }
        }
        return entries;
    }

    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extract(InputStream in, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("an entry outside the archive's root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    continue;
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, permissions(e.getMode()));
                if (isRoot()) {
                    Files.setAttribute(target, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
