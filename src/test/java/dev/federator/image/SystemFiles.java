package dev.federator.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few files a from-nothing image needs besides its programs: the operator's user (so that the JVM's user.name
 * and user.home resolve), name resolution for localhost, and the list of Debian packages the libraries came from.
 */
final class SystemFiles {
    static final String PACKAGE_LIST = "/usr/share/doc/federator-image/debian-packages.txt";

    private final Path dir;

    SystemFiles(Path dir) {
        this.dir = dir;
    }

    /** Writes the files under the work directory; returns them by their path in the image. */
    Map<String, Path> write(List<HostLibraries.Library> libraries) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        int id = ImageBuild.UID;
        files.put("/etc/passwd", file("passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
                // Home is /tmp: the only writable directory of the running pod.
                + "federator:x:" + id + ":" + id + ":Federator operator:/tmp:/sbin/nologin\n"));
        files.put("/etc/group", file("group", "root:x:0:\nfederator:x:" + id + ":\n"));
        files.put("/etc/nsswitch.conf", file("nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n"));
        // Kubernetes and container engines mount their own /etc/hosts; this one serves a bare chroot.
        files.put("/etc/hosts", file("hosts", "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"));
        StringBuilder packages = new StringBuilder("# library\tDebian package\tversion\n");
        for (HostLibraries.Library l : libraries) {
            packages.append(l.path()).append('\t').append(l.debianPackage()).append('\t').append(l.version()).append('\n');
        }
        files.put(PACKAGE_LIST, file("debian-packages.txt", packages.toString()));
        return files;
    }

    Path emptyDirectory() throws IOException {
        return Files.createDirectories(dir.resolve("empty"));
    }

    private Path file(String name, String content) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), content);
    }
}
