package dev.federator.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts each integration-test run's RBAC audit afresh: clears old reports and writes target/rbac-audit/run.json with
 * the end-to-end classes this run plans and those compiled, so that {@link RbacLeastPrivilegeIT} judges unused grants
 * only after a run of the whole suite. Registered in META-INF/services; does nothing in unit-test runs (no *IT class)
 * nor in the least-privilege execution itself.
 */
public final class RbacAuditRun implements TestExecutionListener {
    static final String RUN_FILE = "run.json";
    static final Path TEST_CLASSES = Path.of("target", "test-classes");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path reports;

    public RbacAuditRun() { this(RbacAudit.REPORTS); }

    RbacAuditRun(Path reports) { this.reports = reports; }

    private static Optional<String> testClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance)
                .map(s -> ((ClassSource) s).getJavaClass().getSimpleName());
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (Boolean.getBoolean(RbacLeastPrivilegeIT.PROPERTY)) {
            return;
        }
        TreeSet<String> classes = new TreeSet<>();
        plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> testClass(id).ifPresent(classes::add)));
        if (classes.stream().noneMatch(c -> c.endsWith("IT"))) {
            return;
        }
        try {
            if (Files.exists(reports)) {
                try (Stream<Path> old = Files.list(reports)) {
                    for (Path p : old.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".md")).toList()) {
                        Files.delete(p);
                    }
                }
            }
            ObjectNode run = JSON.createObjectNode();
            classes.stream().filter(c -> c.endsWith("E2EIT")).forEach(run.putArray("planned")::add);
            compiledEndToEndClasses().forEach(run.putArray("compiled")::add);
            Files.createDirectories(reports);
            JSON.writerWithDefaultPrettyPrinter().writeValue(reports.resolve(RUN_FILE).toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RBAC audit in " + reports, e);
        }
    }

    static TreeSet<String> compiledEndToEndClasses() throws IOException {
        TreeSet<String> compiled = new TreeSet<>();
        if (Files.isDirectory(TEST_CLASSES)) {
            try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("E2EIT.class") && !n.contains("$"))
                        .forEach(n -> compiled.add(n.substring(0, n.length() - ".class".length())));
            }
        }
        return compiled;
    }
}
