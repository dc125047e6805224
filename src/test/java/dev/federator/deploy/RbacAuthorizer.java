package dev.federator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes RBAC authorizer over rendered install manifests, for one ServiceAccount: a request is allowed when a
 * rule of a (Cluster)Role bound to the account matches its verb, API group, resource (with subresource) and name,
 * where a ClusterRoleBinding applies everywhere and a RoleBinding only in its own namespace. Like a real cluster it
 * also allows what the built-in roles give every authenticated user (access reviews of oneself, discovery).
 */
public final class RbacAuthorizer {
    /** {@code system:basic-user} and {@code system:discovery}/{@code system:public-info-viewer}: every user has them. */
    private static final List<Rule> BUILT_IN = List.of(
            new Rule(Grant.builtIn("system:basic-user"), List.of("authorization.k8s.io"),
                    List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"), List.of("create"), List.of(), List.of()),
            new Rule(Grant.builtIn("system:basic-user"), List.of("authentication.k8s.io"),
                    List.of("selfsubjectreviews"), List.of("create"), List.of(), List.of()),
            new Rule(Grant.builtIn("system:discovery"), List.of(), List.of(), List.of("get"), List.of(),
                    List.of("/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/",
                            "/healthz", "/livez", "/readyz")));

    private final List<Rule> rules;
    private final Set<ShippedGrant> shipped;

    private RbacAuthorizer(List<Rule> rules) {
        this.rules = rules;
        this.shipped = expand(rules);
    }

    /**
     * The rules bound to ServiceAccount {@code namespace/name} in {@code install}.
     *
     * @throws IllegalArgumentException for what this authorizer does not model (aggregated ClusterRoles), so that
     *                                  an install using it cannot pass unjudged
     */
    public static RbacAuthorizer forServiceAccount(RenderedInstall install, String namespace, String name) {
        List<Rule> rules = new ArrayList<>();
        for (RenderedInstall.Doc binding : install.docs()) {
            String kind = binding.json().path("kind").asText();
            if (!kind.equals("ClusterRoleBinding") && !kind.equals("RoleBinding")) {
                continue;
            }
            if (!bindsServiceAccount(binding.json(), namespace, name)) {
                continue;
            }
            String bindingNamespace = kind.equals("RoleBinding") ? binding.json().at("/metadata/namespace").asText() : "";
            JsonNode ref = binding.json().path("roleRef");
            String roleNamespace = ref.path("kind").asText().equals("Role") ? bindingNamespace : "";
            RenderedInstall.Doc role = install.docs().stream()
                    .filter(d -> d.json().path("kind").asText().equals(ref.path("kind").asText())
                            && d.json().at("/metadata/name").asText().equals(ref.path("name").asText())
                            && d.json().at("/metadata/namespace").asText().equals(roleNamespace))
                    .findFirst().orElse(null);
            if (role == null) {
                continue; // a binding to a missing role grants nothing, as on a cluster
            }
            if (role.json().has("aggregationRule")) {
                throw new IllegalArgumentException("aggregated ClusterRole " + ref.path("name").asText() + " in "
                        + role.source() + " is not modelled");
            }
            int index = 0;
            for (JsonNode rule : role.json().path("rules")) {
                Grant grant = new Grant(role.source(), ref.path("kind").asText(), ref.path("name").asText(),
                        kind + " " + binding.json().at("/metadata/name").asText(), bindingNamespace, index++);
                rules.add(new Rule(grant, Manifests.texts(rule.path("apiGroups")), Manifests.texts(rule.path("resources")),
                        Manifests.texts(rule.path("verbs")), Manifests.texts(rule.path("resourceNames")),
                        Manifests.texts(rule.path("nonResourceURLs"))));
            }
        }
        return new RbacAuthorizer(rules);
    }

    private static boolean bindsServiceAccount(JsonNode binding, String namespace, String name) {
        Set<String> groups = Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
        for (JsonNode s : binding.path("subjects")) {
            String kind = s.path("kind").asText();
            if (kind.equals("ServiceAccount") && s.path("name").asText().equals(name)
                    && s.path("namespace").asText().equals(namespace)
                    || kind.equals("User") && s.path("name").asText().equals("system:serviceaccount:" + namespace + ":" + name)
                    || kind.equals("Group") && groups.contains(s.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The first rule that allows {@code request}, shipped rules before built-in ones; empty = forbidden. */
    public Optional<Grant> authorize(ApiRequest request) {
        return allowing(request).stream().findFirst();
    }

    /** Every rule that allows {@code request}, shipped ones first. */
    public List<Grant> allowing(ApiRequest request) {
        List<Grant> found = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.appliesIn(request) && rule.allows(request)) {
                found.add(rule.grant());
            }
        }
        if (found.isEmpty()) {
            BUILT_IN.stream().filter(r -> r.allows(request)).findFirst().ifPresent(r -> found.add(r.grant()));
        }
        return found;
    }

    /** Every (verb, API group, resource) the shipped rules grant, one entry per combination, in rule order. */
    public Set<ShippedGrant> shippedGrants() { return shipped; }

    private static Set<ShippedGrant> expand(List<Rule> rules) {
        Set<ShippedGrant> all = new LinkedHashSet<>();
        for (Rule rule : rules) {
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    for (String verb : rule.verbs()) {
                        all.add(new ShippedGrant(rule.grant(), verb, group, resource, rule.resourceNames()));
                    }
                }
            }
            for (String url : rule.nonResourceUrls()) {
                for (String verb : rule.verbs()) {
                    all.add(new ShippedGrant(rule.grant(), verb, "", url, List.of()));
                }
            }
        }
        return java.util.Collections.unmodifiableSet(all);
    }

    /**
     * What a SelfSubjectRulesReview in {@code namespace} answers: every (verb, group, resource) the account may use
     * there, from ClusterRoleBindings and that namespace's RoleBindings (rules limited by resourceNames left out).
     */
    public Set<List<String>> rulesIn(String namespace) {
        Set<List<String>> triples = new LinkedHashSet<>();
        for (ShippedGrant g : shipped) {
            String bound = g.grant().bindingNamespace();
            if (g.resourceNames().isEmpty() && (bound.isEmpty() || bound.equals(namespace))) {
                triples.add(List.of(g.verb(), g.apiGroup(), g.resource()));
            }
        }
        return triples;
    }

    /** Whether one shipped (verb, group, resource) combination, as {@link #shippedGrants()} lists it, allows the request. */
    public static boolean grantAllows(ShippedGrant g, ApiRequest request) {
        Rule single = new Rule(g.grant(), List.of(g.apiGroup()), List.of(g.resource()), List.of(g.verb()),
                g.resourceNames(), request.isResourceRequest() ? List.of() : List.of(g.resource()));
        return single.appliesIn(request) && single.allows(request);
    }

    /** Where a rule comes from: file, role, binding and the rule's position. Built-in grants have an empty source. */
    public record Grant(String source, String roleKind, String roleName, String binding, String bindingNamespace,
                        int rule) {
        static Grant builtIn(String clusterRole) {
            return new Grant("", "ClusterRole", clusterRole, "built in: every authenticated user", "", -1);
        }

        public boolean isBuiltIn() { return source.isEmpty(); }

        @Override
        public String toString() {
            if (isBuiltIn()) {
                return "built-in ClusterRole " + roleName + " (every authenticated user)";
            }
            return source + ": " + roleKind + " " + roleName + " rule " + (rule + 1) + " (" + binding
                    + (bindingNamespace.isEmpty() ? "" : " in " + bindingNamespace) + ")";
        }
    }

    /** One verb on one resource of one API group, as granted by a shipped rule. */
    public record ShippedGrant(Grant grant, String verb, String apiGroup, String resource, List<String> resourceNames) { }

    private record Rule(Grant grant, List<String> apiGroups, List<String> resources, List<String> verbs,
                        List<String> resourceNames, List<String> nonResourceUrls) {
        /** A RoleBinding grants only inside its namespace, and never for cluster-scoped or non-resource requests. */
        boolean appliesIn(ApiRequest request) {
            return grant.bindingNamespace().isEmpty()
                    || request.isResourceRequest() && grant.bindingNamespace().equals(request.namespace());
        }

        boolean allows(ApiRequest request) {
            if (!verbs.contains(request.verb()) && !verbs.contains("*")) {
                return false;
            }
            if (!request.isResourceRequest()) {
                return nonResourceUrls.stream().anyMatch(u -> u.equals("*") || u.equals(request.path())
                        || u.endsWith("*") && request.path().startsWith(u.substring(0, u.length() - 1)));
            }
            if (!apiGroups.contains(request.apiGroup()) && !apiGroups.contains("*")) {
                return false;
            }
            String combined = request.resourceWithSubresource();
            boolean resourceMatches = resources.stream().anyMatch(r -> r.equals("*") || r.equals(combined)
                    || !request.subresource().isEmpty() && r.equals("*/" + request.subresource()));
            if (!resourceMatches) {
                return false;
            }
            // resourceNames restrict to named objects: a create, or a list without a name, never matches them.
            return resourceNames.isEmpty() || !request.name().isEmpty() && resourceNames.contains(request.name());
        }
    }
}
