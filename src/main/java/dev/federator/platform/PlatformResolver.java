package dev.federator.platform;

import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.provider.spi.Reason;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Finds the platform a connection names and checks that the connection's namespace may use it. */
@ApplicationScoped
public class PlatformResolver {
    private final KubernetesClient client;
    private final String operatorNamespace;

    public PlatformResolver(KubernetesClient client, @ConfigProperty(name = "federator.namespace") String operatorNamespace) {
        this.client = client;
        this.operatorNamespace = operatorNamespace;
    }

    public String operatorNamespace() { return operatorNamespace; }

    /**
     * The key of the platform a connection names ({@link ResolvedPlatform#key()}): namespace/name for an
     * IdentityPlatform, name for a ClusterIdentityPlatform. Also what the platform controllers look their users up by.
     */
    public static String keyOf(IdentityConnection connection) {
        PlatformRef ref = connection.getSpec().platformRef;
        return ref.kind() == PlatformRef.Kind.IdentityPlatform
                ? connection.getMetadata().getNamespace() + "/" + ref.name : ref.name;
    }

    public ResolvedPlatform resolve(IdentityConnection connection, Optional<IdentityPlatform> namespaced,
                                    Optional<ClusterIdentityPlatform> clusterScoped) {
        PlatformRef ref = connection.getSpec().platformRef;
        String ns = connection.getMetadata().getNamespace();
        if (ref.kind() == PlatformRef.Kind.IdentityPlatform) {
            IdentityPlatform platform = namespaced.orElseThrow(() -> new PlatformProblem(Reason.PlatformNotFound,
                    "IdentityPlatform " + ns + "/" + ref.name + " does not exist; create it or fix spec.platformRef"));
            return resolved(keyOf(connection), platform, platform.getSpec(), ns);
        }
        ClusterIdentityPlatform platform = clusterScoped.orElseThrow(() -> new PlatformProblem(Reason.PlatformNotFound,
                "ClusterIdentityPlatform " + ref.name + " does not exist; create it or fix spec.platformRef"));
        if (!allows(platform.getSpec().allowedNamespaces, ns)) {
            throw new PlatformProblem(Reason.NamespaceNotAllowed, "ClusterIdentityPlatform " + ref.name
                    + " does not allow namespace " + ns + "; add it to spec.allowedNamespaces of the platform");
        }
        return resolved(keyOf(connection), platform, platform.getSpec(), operatorNamespace);
    }

    private static ResolvedPlatform resolved(String key, io.fabric8.kubernetes.api.model.HasMetadata resource,
                                             dev.federator.api.v1alpha1.PlatformSpec spec, String secretNamespace) {
        String vendor = PlatformAccounts.vendorOf(spec).orElseThrow(() -> new PlatformProblem(Reason.InvalidPlatform,
                "platform " + key + " sets no vendor block"));
        return new ResolvedPlatform(key, resource, spec, vendor, secretNamespace);
    }

    boolean allows(AllowedNamespaces allowed, String namespace) {
        AllowedNamespaces.From from = allowed == null || allowed.from == null ? AllowedNamespaces.From.Same : allowed.from;
        return switch (from) {
            case All -> true;
            case Same -> operatorNamespace.equals(namespace);
            case Selector -> {
                Namespace ns = client.namespaces().withName(namespace).get();
                Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null
                        ? Map.of() : ns.getMetadata().getLabels();
                yield matches(allowed.selector, labels);
            }
        };
    }

    static boolean matches(io.fabric8.kubernetes.api.model.LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> labels.containsKey(r.getKey());
                    case "DoesNotExist" -> !labels.containsKey(r.getKey());
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
