package dev.federator.e2e;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** What a user would read with kubectl, for the end-to-end tests: Ready as "status/reason", events as text. */
final class ConnectionProbe {
    private ConnectionProbe() {}

    static IdentityConnection get(KubernetesClient kube, String ns, String name) {
        return kube.resources(IdentityConnection.class).inNamespace(ns).withName(name).get();
    }

    /** Ready's "status/reason", or "none" without a Ready condition. */
    static String ready(List<Condition> conditions) {
        return conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .map(c -> c.getStatus() + "/" + c.getReason()).orElse("none");
    }

    /** "pending" until the status describes the current generation, then Ready's "status/reason". */
    static String ready(KubernetesClient kube, String ns, String name) {
        IdentityConnection c = get(kube, ns, name);
        if (c == null || c.getStatus() == null
                || !c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)) {
            return "pending";
        }
        return ready(c.getStatus().conditions);
    }

    /** Events on the named object as "Reason: message". */
    static List<String> events(KubernetesClient kube, String ns, String name) {
        return kube.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }
}
