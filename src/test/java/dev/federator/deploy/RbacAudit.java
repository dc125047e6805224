package dev.federator.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RBAC audit of one test environment: every request the operator sent to the API server (told apart from the
 * test's own by the operator's bearer token), judged by the shipped RBAC of each install that matches how the
 * operator was started ({@link InstallMode}). Writes target/rbac-audit/NAME.json (the request kinds, the rule that
 * granted each, the grants used) and fails on any request that an install forbids.
 */
public final class RbacAudit {
    public static final Path REPORTS = Path.of("target", "rbac-audit");
    public static final String SERVICE_ACCOUNT = RenderedInstall.RELEASE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> NAMES = new ConcurrentHashMap<>();

    private final String name;
    private final Path reports;
    private final String operatorNamespace;
    private final Map<String, InstallMode> modeByToken = new ConcurrentHashMap<>();
    private int operatorRuns;

    public RbacAudit(String name, String operatorNamespace) { this(name, operatorNamespace, REPORTS); }

    RbacAudit(String name, String operatorNamespace, Path reports) {
        this.reports = reports;
        int n = NAMES.merge(name, 1, Integer::sum);
        this.name = n == 1 ? name : name + "-" + n;
        this.operatorNamespace = operatorNamespace;
    }

    /** An operator started with {@code env}, sending {@code bearerToken}: its requests are audited in its mode. */
    public synchronized void addOperator(String bearerToken, Map<String, String> env) {
        InstallMode mode = InstallMode.fromOperatorEnv(env);
        InstallMode before = modeByToken.putIfAbsent(bearerToken, mode);
        if (before != null && !before.equals(mode)) {
            throw new IllegalStateException("one token for two install modes (" + before + ", " + mode + ")");
        }
        operatorRuns++;
    }

    /**
     * The answer a cluster with the shipped RBAC gives to the operator's SelfSubjectRulesReview in {@code namespace}
     * (JOSDK checks its Lease access so before electing a leader): what every install of its mode grants there.
     * Empty for a token that is no audited operator's.
     */
    public Optional<SubjectRulesReviewStatus> rulesReview(String bearerToken, String namespace) {
        InstallMode mode = modeByToken.get(bearerToken);
        if (mode == null) {
            return Optional.empty();
        }
        Set<List<String>> common = null;
        for (RenderedInstall install : mode.installs()) {
            Set<List<String>> granted = RbacAuthorizer.forServiceAccount(install, RenderedInstall.RELEASE_NAMESPACE,
                    SERVICE_ACCOUNT).rulesIn(namespace);
            if (common == null) {
                common = new LinkedHashSet<>(granted);
            } else {
                common.retainAll(granted);
            }
        }
        Map<List<String>, List<String>> verbsByResource = new LinkedHashMap<>();
        common.forEach(t -> verbsByResource.computeIfAbsent(List.of(t.get(1), t.get(2)), k -> new ArrayList<>()).add(t.get(0)));
        var status = new SubjectRulesReviewStatusBuilder().withIncomplete(false);
        verbsByResource.forEach((groupAndResource, verbs) -> status.addNewResourceRule()
                .withApiGroups(groupAndResource.get(0)).withResources(groupAndResource.get(1)).withVerbs(verbs)
                .endResourceRule());
        return Optional.of(status.build());
    }

    /**
     * Judges what was recorded and writes the report.
     *
     * @param recorded bearer token to "METHOD path?query" to how many such requests came
     */
    public Report finish(Map<String, Map<String, Long>> recorded) {
        ObjectNode report = JSON.createObjectNode();
        report.put("name", name);
        report.put("operatorRuns", operatorRuns);
        Map<String, ObjectNode> kinds = new TreeMap<>();
        Set<String> forbidden = new TreeSet<>();
        Set<String> grantsUsed = new TreeSet<>();
        ArrayNode modes = report.putArray("modes");
        long total = 0;
        for (var byToken : modeByToken.entrySet()) {
            InstallMode mode = byToken.getValue();
            ObjectNode m = modes.addObject();
            m.put("mode", mode.toString());
            mode.watchNamespaces().forEach(m.putArray("watchNamespaces")::add);
            List<RenderedInstall> installs = mode.installs();
            ArrayNode installNames = m.putArray("installs");
            installs.forEach(i -> installNames.add(i.name()));
            Map<String, RbacAuthorizer> authorizers = new LinkedHashMap<>();
            installs.forEach(i -> authorizers.put(i.name(),
                    RbacAuthorizer.forServiceAccount(i, RenderedInstall.RELEASE_NAMESPACE, SERVICE_ACCOUNT)));
            for (var line : recorded.getOrDefault(byToken.getKey(), Map.of()).entrySet()) {
                String[] methodAndTarget = line.getKey().split(" ", 2);
                ApiRequest request = ApiRequest.of(methodAndTarget[0], methodAndTarget[1]);
                total += line.getValue();
                ObjectNode kind = kinds.computeIfAbsent(kindOf(request), k -> newKind(k, request));
                kind.put("count", kind.path("count").asLong() + line.getValue());
                for (var a : authorizers.entrySet()) {
                    List<RbacAuthorizer.Grant> allowing = a.getValue().allowing(request);
                    if (allowing.isEmpty()) {
                        forbidden.add(a.getKey() + " forbids " + request + " (" + line.getKey() + ")");
                        ((ObjectNode) kind.get("grantedBy")).put(a.getKey(), "FORBIDDEN");
                        continue;
                    }
                    if (!((ObjectNode) kind.get("grantedBy")).has(a.getKey())) {
                        ((ObjectNode) kind.get("grantedBy")).put(a.getKey(), allowing.get(0).toString());
                    }
                    for (RbacAuthorizer.ShippedGrant g : a.getValue().shippedGrants()) {
                        if (allowing.contains(g.grant()) && RbacAuthorizer.grantAllows(g, request)) {
                            grantsUsed.add(grantKey(a.getKey(), g, operatorNamespace));
                        }
                    }
                }
            }
        }
        report.put("requests", total);
        ArrayNode k = report.putArray("kinds");
        kinds.values().forEach(k::add);
        forbidden.forEach(report.putArray("forbidden")::add);
        grantsUsed.forEach(report.putArray("grantsUsed")::add);
        try {
            Files.createDirectories(reports);
            JSON.writerWithDefaultPrettyPrinter().writeValue(reports.resolve(name + ".json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the RBAC audit report", e);
        }
        return new Report(name, reports.resolve(name + ".json"), report, List.copyOf(forbidden));
    }

    /** A request without its object: verb, resource and where (cluster-wide, the operator's namespace, another). */
    String kindOf(ApiRequest r) {
        if (!r.isResourceRequest()) {
            return r.verb() + " " + r.path();
        }
        return r.verb() + " " + (r.apiGroup().isEmpty() ? "" : r.apiGroup() + "/") + r.resourceWithSubresource()
                + " " + where(r);
    }

    private String where(ApiRequest r) {
        if (r.namespace().isEmpty() || r.resource().equals("namespaces")) {
            return "cluster-wide";
        }
        return r.namespace().equals(operatorNamespace) ? "in the operator namespace" : "in a watched namespace";
    }

    private ObjectNode newKind(String kind, ApiRequest r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", kind);
        n.put("verb", r.verb());
        n.put("apiGroup", r.apiGroup());
        n.put("resource", r.isResourceRequest() ? r.resourceWithSubresource() : r.path());
        n.put("where", r.isResourceRequest() ? where(r) : "non-resource URL");
        n.put("count", 0L);
        n.putObject("grantedBy");
        return n;
    }

    /**
     * One shipped grant, the same in every environment's report and in the least-privilege check: install, file,
     * role, where its binding applies, verb and resource.
     */
    public static String grantKey(String install, RbacAuthorizer.ShippedGrant g, String operatorNamespace) {
        RbacAuthorizer.Grant grant = g.grant();
        String scope = grant.bindingNamespace().isEmpty() ? "cluster-wide"
                : grant.bindingNamespace().equals(operatorNamespace) ? "operator namespace" : "each watched namespace";
        return install + " | " + grant.source() + " " + grant.roleKind() + " " + grant.roleName() + " (" + scope
                + ") | " + g.verb() + " " + (g.apiGroup().isEmpty() ? "" : g.apiGroup() + "/") + g.resource()
                + (g.resourceNames().isEmpty() ? "" : " " + g.resourceNames());
    }

    /** The outcome of one environment's audit. */
    public record Report(String name, Path file, ObjectNode json, List<String> forbidden) {
        /** Fails on a forbidden request, and on an audit that saw no request of a running operator. */
        public void assertAllowed() {
            List<String> problems = new ArrayList<>(new LinkedHashSet<>(forbidden).stream().limit(30).toList());
            if (forbidden.size() > 30) {
                problems.add("... and " + (forbidden.size() - 30) + " more");
            }
            if (json.path("operatorRuns").asInt() > 0 && json.path("requests").asLong() == 0) {
                problems.add("no request of the operator was recorded (is its bearer token sent?), so the audit "
                        + "proves nothing");
            }
            if (!problems.isEmpty()) {
                throw new AssertionError("RBAC audit of " + name + " (report " + file
                        + "): the shipped RBAC would forbid what the operator does:\n  "
                        + String.join("\n  ", problems));
            }
        }
    }
}
