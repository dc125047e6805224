package dev.federator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by diff and export: where platforms, Secrets and the cluster's view come from. */
final class SourceOptions {
    @Option(names = "--local", description = "Do not contact the cluster: platforms and Secrets come from "
            + "--platforms, --secrets and the manifests only (a CI job holding the vendor credentials).")
    boolean local;

    @Option(names = "--platforms", paramLabel = "PATH", split = ",",
            description = "Files or directories with IdentityPlatform / ClusterIdentityPlatform manifests; they take "
                    + "precedence over the cluster's.")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--secrets", paramLabel = "PATH", split = ",",
            description = "Files or directories with Secret manifests (platform credentials, connection secrets).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG or "
            + "~/.kube/config).")
    File kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = {"-n", "--namespace"}, description = "Namespace of manifests that name none (default: the "
            + "kubeconfig context's, else default).")
    String namespace;

    @Option(names = "--operator-namespace", defaultValue = "federator-system",
            description = "Namespace of the operator: ClusterIdentityPlatform Secrets and its fingerprint key "
                    + "(default: ${DEFAULT-VALUE}).")
    String operatorNamespace;

    @Option(names = "--fingerprint-key-secret", defaultValue = "federator-fingerprint-key", hidden = true)
    String fingerprintKeySecret;

    /** The cluster's client, or null with --local. Read-only use: get and list. */
    KubernetesClient cluster() {
        if (local) {
            return null;
        }
        Config config = kubeconfig != null ? Config.fromKubeconfig(context, kubeconfig) : Config.autoConfigure(context);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    String namespace(KubernetesClient cluster) {
        if (namespace != null) {
            return namespace;
        }
        String fromConfig = cluster == null ? null : cluster.getNamespace();
        return fromConfig == null ? "default" : fromConfig;
    }

    /** --platforms and --secrets, for the same reader as the manifests. */
    List<String> files() {
        List<String> all = new ArrayList<>(platforms);
        all.addAll(secrets);
        return all;
    }
}
