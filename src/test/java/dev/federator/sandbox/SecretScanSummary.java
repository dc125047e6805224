package dev.federator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The whole-suite secret scan figure: when a test run includes end-to-end classes (*E2EIT), it clears old reports at
 * the start and, at the end, sums every environment's target/secret-scan/*.json into one line and summary.json, and
 * names the end-to-end classes that ran without a scan. Registered in META-INF/services, so failsafe runs it.
 */
public final class SecretScanSummary implements TestExecutionListener {
    static final String[] KINDS = {SecretScanner.LOG_LINES, SecretScanner.EVENTS, SecretScanner.STATUSES,
            SecretScanner.METRIC_LINES};
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path reports;
    private boolean endToEnd;
    private final Map<String, TestExecutionResult.Status> ran = new LinkedHashMap<>();

    public SecretScanSummary() { this(SecretScan.REPORTS); }

    SecretScanSummary(Path reports) { this.reports = reports; }

    private static Optional<String> endToEndClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getJavaClass().getSimpleName())
                .filter(name -> name.endsWith("E2EIT"));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        endToEnd = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(id -> endToEndClass(id).isPresent());
        if (endToEnd) {
            try (Stream<Path> old = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
                for (Path p : old.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot clear " + reports, e);
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        endToEndClass(id).ifPresent(name -> ran.put(name, result.getStatus()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (endToEnd) {
            ObjectNode summary = summarize();
            System.out.println(line(summary));
        }
    }

    /** Sums the reports, writes summary.json and returns it. */
    ObjectNode summarize() {
        ObjectNode summary = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        List<String> hits = new ArrayList<>();
        for (String counter : List.of("environments", "operatorRuns", "metricScrapes", "secretValues", "ignoredValues", "hits")) {
            summary.put(counter, 0L);
        }
        for (String kind : KINDS) {
            summary.put(kind, 0L);
        }
        try (Stream<Path> files = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("summary.json")).sorted()
                    .toList()) {
                JsonNode report = JSON.readTree(file.toFile());
                names.add(report.path("name").asText());
                summary.put("environments", summary.path("environments").asLong() + 1);
                for (String counter : List.of("operatorRuns", "metricScrapes", "secretValues", "ignoredValues", "hits")) {
                    summary.put(counter, summary.path(counter).asLong() + report.path(counter).asLong());
                }
                for (String kind : KINDS) {
                    summary.put(kind, summary.path(kind).asLong() + report.path(kind).asLong());
                }
                report.path("hitLocations").forEach(h -> hits.add(report.path("name").asText() + ": " + h.asText()));
            }
            TreeSet<String> unscanned = new TreeSet<>();
            ran.forEach((cls, status) -> {
                if (status != TestExecutionResult.Status.ABORTED && names.stream().noneMatch(n -> n.startsWith(cls))) {
                    unscanned.add(cls);
                }
            });
            names.forEach(summary.putArray("reports")::add);
            unscanned.forEach(summary.putArray("endToEndClassesWithoutScan")::add);
            hits.forEach(summary.putArray("hitLocations")::add);
            Files.createDirectories(reports);
            JSON.writerWithDefaultPrettyPrinter().writeValue(reports.resolve("summary.json").toFile(), summary);
        } catch (IOException e) {
            throw new IllegalStateException("cannot sum the secret-scan reports in " + reports, e);
        }
        return summary;
    }

    static String line(JsonNode s) {
        String line = String.format("secret scan: %,d operator runs in %,d environments, %,d secret values, "
                        + "%,d log lines, %,d events, %,d statuses, %,d metric lines (%,d scrapes): %,d hits",
                s.path("operatorRuns").asLong(), s.path("environments").asLong(), s.path("secretValues").asLong(),
                s.path(SecretScanner.LOG_LINES).asLong(), s.path(SecretScanner.EVENTS).asLong(),
                s.path(SecretScanner.STATUSES).asLong(), s.path(SecretScanner.METRIC_LINES).asLong(),
                s.path("metricScrapes").asLong(), s.path("hits").asLong());
        if (!s.path("endToEndClassesWithoutScan").isEmpty()) {
            line += "; NOT SCANNED: " + s.path("endToEndClassesWithoutScan");
        }
        return line;
    }
}
