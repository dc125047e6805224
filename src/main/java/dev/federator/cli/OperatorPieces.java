package dev.federator.cli;

import dev.federator.api.v1alpha1.AllowedNamespaces;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.connection.DesiredStateBuilder;
import dev.federator.idp.IdpChangeReports;
import dev.federator.idp.IdpDocuments;
import dev.federator.idp.IdpSources;
import dev.federator.platform.PlatformAccounts;
import dev.federator.platform.PlatformProblem;
import dev.federator.platform.PlatformResolver;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.platform.VendorRegistry;
import dev.federator.secrets.FingerprintKeyProvider;
import dev.federator.secrets.Fingerprints;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's own components, built by hand (no CDI) over the CLI's sources: platform resolution, platform
 * accounts, vendor clients (same adapters, pacing and TLS), desired state and Secret reading.
 */
final class OperatorPieces {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectSource source;
    private final PlatformResolver resolver;
    private final VendorClientCache clients;
    private final DesiredStateBuilder desired;
    private final Fingerprints fingerprints;
    private final boolean operatorKey;
    private final VendorRegistry registry = new VendorRegistry();

    /**
     * @param cluster the live cluster's client, or null when working from files only
     * @param fingerprintKeySecret where the operator keeps its fingerprint key (in {@code operatorNamespace})
     */
    OperatorPieces(ObjectSource source, KubernetesClient cluster, String operatorNamespace,
                   String fingerprintKeySecret, Redactor redactor) {
        this.source = source;
        this.resolver = new PlatformResolver(cluster, operatorNamespace);
        SourceSecretReader secrets = new SourceSecretReader(source, redactor);
        Optional<byte[]> key = source.secret(operatorNamespace, fingerprintKeySecret)
                .map(s -> s.getData() == null ? null : s.getData().get(FingerprintKeyProvider.KEY))
                .map(Base64.getDecoder()::decode);
        this.operatorKey = key.isPresent();
        this.fingerprints = new Fingerprints(key.orElseGet(OperatorPieces::randomKey));
        Clock clock = Clock.systemUTC();
        SourceTrustStores trust = new SourceTrustStores(source, secrets);
        this.clients = new VendorClientCache(registry, new PlatformAccounts(secrets), trust, fingerprints,
                new SimpleMeterRegistry(), clock, REQUEST_TIMEOUT);
        // The IdP's documents complete the desired state as in the operator (same limits, the platform's CA bundle):
        // without them a metadataUrl connection would show its certificate and endpoints as removed.
        this.desired = new DesiredStateBuilder(secrets, clock,
                new IdpSources(new IdpDocuments(clock), trust, IdpChangeReports.none(), clock));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    ObjectSource source() { return source; }

    VendorRegistry registry() { return registry; }

    DesiredStateBuilder desired() { return desired; }

    /** The operator's fingerprints; {@link #knowsOperatorKey()} tells whether they can match the recorded ones. */
    Fingerprints fingerprints() { return fingerprints; }

    boolean knowsOperatorKey() { return operatorKey; }

    VendorClientCache.Entry client(ResolvedPlatform platform) { return clients.get(platform); }

    ResolvedPlatform resolve(IdentityConnection connection) {
        PlatformRef ref = connection.getSpec().platformRef;
        String ns = connection.getMetadata().getNamespace();
        boolean namespaced = ref.kind() == PlatformRef.Kind.IdentityPlatform;
        Optional<IdentityPlatform> platform = namespaced ? source.platform(ns, ref.name) : Optional.empty();
        Optional<ClusterIdentityPlatform> cluster = namespaced ? Optional.empty() : source.clusterPlatform(ref.name);
        if (!source.live() && cluster.map(c -> c.getSpec().allowedNamespaces)
                .map(a -> a.from == AllowedNamespaces.From.Selector).orElse(false)) {
            throw new NeedsCluster("ClusterIdentityPlatform " + ref.name + " admits namespaces by "
                    + "label selector; that needs the cluster's namespaces (run without --local)");
        }
        return resolver.resolve(connection, platform, cluster);
    }

}
