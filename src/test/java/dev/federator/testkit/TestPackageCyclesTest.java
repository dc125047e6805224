package dev.federator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The test packages depend on each other one way only (e2e on sandbox, sandbox on sim, never back), so a fixture can
 * be moved or reused without dragging the end-to-end suite along. Only dependencies on test classes count: a test
 * package may share its name with the main package it tests.
 */
class TestPackageCyclesTest {
    private static final Path ROOT = Path.of("src", "test", "java", "dev", "federator");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.federator\\.([a-z][\\w.]*?)\\.([A-Z]\\w*)");

    @Test
    void noTestPackageDependsOnOneThatDependsOnIt() {
        Map<String, Set<String>> uses = testPackageDependencies();
        assertThat(uses).as("the scan found the test packages").containsKeys("e2e", "sandbox", "sim", "testkit");
        List<String> cycles = new ArrayList<>();
        uses.forEach((from, targets) -> targets.forEach(to -> {
            if (from.compareTo(to) < 0 && reachable(uses, to).contains(from)) {
                cycles.add(from + " <-> " + to);
            }
        }));
        assertThat(cycles).as("test packages that depend on each other; dependencies: %s", uses).isEmpty();
        assertThat(reachable(uses, "sandbox")).as("the sandbox is below the end-to-end tests").doesNotContain("e2e");
        assertThat(uses.get("testkit")).as("the shared harness needs only the simulators").isSubsetOf(Set.of("sim"));
    }

    private static Map<String, Set<String>> testPackageDependencies() {
        Map<Path, String> packages = new TreeMap<>();
        Set<String> classes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = ROOT.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
                packages.put(f, pkg);
                classes.add(pkg + "." + f.getFileName().toString().replace(".java", ""));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> uses = new TreeMap<>();
        packages.forEach((file, pkg) -> {
            Set<String> targets = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(read(file));
            while (m.find()) {
                if (!m.group(1).equals(pkg) && classes.contains(m.group(1) + "." + m.group(2))) {
                    targets.add(m.group(1));
                }
            }
        });
        return uses;
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String next : uses.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
