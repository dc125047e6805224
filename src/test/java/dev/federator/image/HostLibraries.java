package dev.federator.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build machine's shared libraries that a linked Java runtime needs (glibc, libstdc++, zlib...), found with ldd,
 * each with the Debian package it came from, so that the image can say what it contains and ship their licences.
 */
final class HostLibraries {
    /** A library as the dynamic loader finds it, and the Debian package (name=version) that installed it. */
    record Library(Path path, String debianPackage, String version) {
        String packageName() { return debianPackage.replaceFirst(":.*$", ""); }
    }

    private static final Pattern RESOLVED = Pattern.compile("^\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)$");

    private HostLibraries() {}

    /** The libraries outside {@code runtime} that its executables and libraries load, sorted by path. */
    static List<Library> neededBy(Path runtime) throws IOException, InterruptedException {
        Map<Path, Library> libraries = new TreeMap<>();
        for (Path elf : elfFiles(runtime)) {
            for (String line : Commands.run(List.of("ldd", elf.toString())).split("\n")) {
                Matcher m = RESOLVED.matcher(line);
                if (m.matches()) {
                    Path library = Path.of(m.group(1)).normalize();
                    if (!library.startsWith(runtime.toAbsolutePath()) && !libraries.containsKey(library)) {
                        libraries.put(library, describe(library));
                    }
                }
            }
        }
        return List.copyOf(libraries.values());
    }

    private static List<Path> elfFiles(Path runtime) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(runtime.toAbsolutePath())) {
            paths.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".so") || p.getParent().getFileName().toString().equals("bin"))
                    .sorted().forEach(files::add);
        }
        return files;
    }

    private static Library describe(Path library) throws IOException, InterruptedException {
        // With Debian's merged /usr, dpkg knows a file by the path its package installed, which may be any of these.
        List<Path> candidates = List.of(library, library.toRealPath(),
                Path.of("/usr").resolve(Path.of("/").relativize(library)),
                Path.of(library.toString().replaceFirst("^/usr", "")));
        for (Path candidate : candidates) {
            try {
                String owner = Commands.run(List.of("dpkg-query", "-S", candidate.toString())).split(":\\s", 2)[0].trim();
                String version = Commands.run(List.of("dpkg-query", "-W", "-f=${Version}", owner)).trim();
                return new Library(library, owner, version);
            } catch (IOException notThisPath) {
                // try the next spelling
            }
        }
        throw new IOException(library + " belongs to no Debian package; the image only ships packaged libraries");
    }
}
