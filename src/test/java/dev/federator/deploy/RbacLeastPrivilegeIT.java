package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege the other way round: after the end-to-end tests (its own failsafe execution, bound to
 * post-integration-test, so it runs inside {@code ./mvnw verify}), every grant the installs ship must have been used
 * by some operator request in some environment's RBAC audit, or be on the allow-list below with the reason it is
 * needed although no test exercises it. Writes target/rbac-audit/summary.md: each request kind seen and the rule
 * that grants it in each install, then each shipped grant and why it is there.
 *
 * <p>It judges only when the run covered every end-to-end class (a run of a few classes leaves grants unused that
 * the others use); then it is skipped with the unused grants in its message. {@code -Drbac.least-privilege.strict=true}
 * judges a partial run too.
 */
class RbacLeastPrivilegeIT {
    static final String PROPERTY = "rbac.least-privilege";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Grants needed on a real cluster although no test request uses them, keyed by "verb [group/]resource" as in the
     * grant keys. Keep it short: each entry is a permission no test proves.
     */
    static final Map<String, String> ALLOW_LIST = new LinkedHashMap<>();

    static {
        // Fabric8 renews the Lease by PATCH, but JOSDK refuses to start leader election unless a SelfSubjectRulesReview
        // lists create, update and get on leases (LeaderElectionManager.checkLeaseAccess). The mock API server answers
        // that review from the shipped RBAC, so every end-to-end start fails without this grant: proven, never sent.
        ALLOW_LIST.put("update coordination.k8s.io/leases", "JOSDK's start-up check of Lease access demands update");
        // JOSDK re-reads a resource whose finalizer patch conflicted (ReconciliationDispatcher); the tests provoke
        // conflicts on status writes only.
        ALLOW_LIST.put("get federator.dev/identityconnections", "JOSDK re-reads the resource after a conflicting finalizer patch");
        ALLOW_LIST.put("get federator.dev/identityplatforms", "JOSDK re-reads the resource after a conflicting finalizer patch");
        ALLOW_LIST.put("get federator.dev/clusteridentityplatforms", "JOSDK re-reads the resource after a conflicting finalizer patch");
        // With watchNamespaces, ConfigMaps are read where the chart lets the operator read Secrets; a CA bundle of a
        // ClusterIdentityPlatform lives in the operator's namespace, which no watchNamespaces test uses.
        ALLOW_LIST.put("get configmaps", "spec.tls.caBundleRef of kind ConfigMap (TlsE2EIT proves it with all namespaces)");
        // Namespace labels are read only for allowedNamespaces.from: Selector, which only some modes' tests use.
        ALLOW_LIST.put("get namespaces", "ClusterIdentityPlatform allowedNamespaces selectors");
    }

    @Test
    void everyShippedGrantIsUsedOrAllowListed() throws IOException {
        assumeTrue(Boolean.getBoolean(PROPERTY), "runs in its own failsafe execution after the end-to-end tests");
        Path dir = RbacAudit.REPORTS;
        Path runFile = dir.resolve(RbacAuditRun.RUN_FILE);
        assumeTrue(Files.exists(runFile), "no integration-test run in this build: nothing to judge");
        JsonNode run = JSON.readTree(runFile.toFile());
        List<JsonNode> reports = reports(dir);

        Set<String> used = new TreeSet<>();
        Map<String, RenderedInstall> installs = new LinkedHashMap<>();
        boolean listedMode = false;
        for (JsonNode report : reports) {
            report.path("grantsUsed").forEach(g -> used.add(g.asText()));
            for (JsonNode mode : report.path("modes")) {
                List<String> namespaces = Manifests.texts(mode.path("watchNamespaces"));
                listedMode |= !namespaces.isEmpty();
                new InstallMode(namespaces).installs().forEach(i -> installs.putIfAbsent(i.name(), i));
            }
        }
        Map<String, String> status = new TreeMap<>(); // grant key to "used", "allow-listed: why" or "UNUSED"
        List<String> problems = new ArrayList<>();
        Set<String> allowListUsed = new TreeSet<>();
        for (RenderedInstall install : installs.values()) {
            RbacAuthorizer authorizer = RbacAuthorizer.forServiceAccount(install, RenderedInstall.RELEASE_NAMESPACE,
                    RbacAudit.SERVICE_ACCOUNT);
            for (RbacAuthorizer.ShippedGrant g : authorizer.shippedGrants()) {
                String key = RbacAudit.grantKey(install.name(), g, RenderedInstall.RELEASE_NAMESPACE);
                String what = key.substring(key.lastIndexOf(" | ") + 3);
                if (used.contains(key)) {
                    status.put(key, "used");
                } else if (ALLOW_LIST.containsKey(what)) {
                    allowListUsed.add(what);
                    status.put(key, "allow-listed: " + ALLOW_LIST.get(what));
                } else {
                    status.put(key, "UNUSED");
                    problems.add("never used and not allow-listed: " + key);
                }
            }
        }
        if (!installs.isEmpty()) {
            ALLOW_LIST.keySet().stream().filter(k -> !allowListUsed.contains(k)
                            && status.keySet().stream().noneMatch(s -> s.endsWith(" | " + k)))
                    .forEach(k -> problems.add("allow-list entry '" + k + "' matches no shipped grant: remove it"));
        }
        Set<String> planned = new TreeSet<>(Manifests.texts(run.path("planned")));
        Set<String> missing = new TreeSet<>(Manifests.texts(run.path("compiled")));
        missing.removeAll(planned);
        boolean complete = missing.isEmpty() && !planned.isEmpty();
        if (complete && !listedMode) {
            problems.add("no end-to-end class ran the operator with " + InstallMode.NAMESPACES_ENV + " set: the chart's "
                    + "watchNamespaces RBAC is unproven");
        }
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, SummaryTable.render(reports, installs.keySet(), status, complete, missing));

        boolean judge = complete || Boolean.getBoolean(PROPERTY + ".strict");
        assumeTrue(judge || problems.isEmpty(), "partial run (" + planned.size() + " end-to-end classes, not "
                + missing + "): least privilege not judged; so far " + problems.size() + " grants unused, see " + summary);
        // A partial run of ITs that start no operator (ShippedArtifactsIT alone) has no report and nothing to judge.
        assumeTrue(judge || !reports.isEmpty(), "no end-to-end class ran: least privilege not judged");
        assertThat(reports).as("RBAC audit reports in " + dir).isNotEmpty();
        assertThat(problems).as("least privilege (see " + summary + ")").isEmpty();
    }

    private static List<JsonNode> reports(Path dir) throws IOException {
        List<JsonNode> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".json")
                    && !p.getFileName().toString().equals(RbacAuditRun.RUN_FILE)).sorted().toList()) {
                reports.add(JSON.readTree(p.toFile()));
            }
        }
        return reports;
    }

    /** target/rbac-audit/summary.md: what a reader of the audit wants, in two tables. */
    static final class SummaryTable {
        private SummaryTable() { }

        static String render(List<JsonNode> reports, Set<String> installs, Map<String, String> grants, boolean complete,
                             Set<String> missing) {
            StringBuilder md = new StringBuilder("# RBAC audit\n\n");
            md.append(reports.size()).append(" environments audited: ")
                    .append(String.join(", ", reports.stream().map(r -> r.path("name").asText()).toList())).append(".\n");
            md.append(complete ? "The whole end-to-end suite ran: least privilege judged.\n"
                    : "Partial run (not run: " + missing + "): unused grants are not judged.\n");
            md.append("\n## Every request kind the operator sent, and the rule that grants it\n\n| request kind | requests |");
            installs.forEach(i -> md.append(' ').append(i).append(" |"));
            md.append("\n|---|---:|").append("---|".repeat(installs.size())).append('\n');
            Map<String, long[]> counts = new TreeMap<>();
            Map<String, Map<String, String>> grantedBy = new TreeMap<>();
            for (JsonNode report : reports) {
                for (JsonNode kind : report.path("kinds")) {
                    String k = kind.path("kind").asText();
                    counts.computeIfAbsent(k, x -> new long[1])[0] += kind.path("count").asLong();
                    kind.path("grantedBy").fields().forEachRemaining(e -> grantedBy.computeIfAbsent(k, x -> new TreeMap<>())
                            .merge(e.getKey(), e.getValue().asText(), (a, b) -> a.equals("FORBIDDEN") ? a : b.equals("FORBIDDEN") ? b : a));
                }
            }
            counts.forEach((k, n) -> {
                md.append("| ").append(k).append(" | ").append(n[0]).append(" |");
                installs.forEach(i -> md.append(' ').append(grantedBy.getOrDefault(k, Map.of()).getOrDefault(i, "(mode not run)"))
                        .append(" |"));
                md.append('\n');
            });
            md.append("\n## Every shipped grant\n\n| install | rule | grant | status |\n|---|---|---|---|\n");
            grants.forEach((key, s) -> {
                String[] parts = key.split(" \\| ");
                md.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" | ").append(parts[2])
                        .append(" | ").append(s).append(" |\n");
            });
            return md.toString();
        }
    }
}
