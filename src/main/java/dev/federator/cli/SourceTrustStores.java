package dev.federator.cli;

import dev.federator.provider.spi.Reason;
import dev.federator.api.v1alpha1.CaBundleRef;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.TrustStores;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;

/** The operator's TLS setup, with a platform's CA bundle ConfigMap read from the CLI's sources. */
final class SourceTrustStores extends TrustStores {
    private final ObjectSource source;

    SourceTrustStores(ObjectSource source, SecretReader secrets) {
        super(null, secrets);
        this.source = source;
    }

    @Override
    public String bundle(ResolvedPlatform platform) {
        CaBundleRef ref = platform.spec().tls == null ? null : platform.spec().tls.caBundleRef;
        if (ref == null || ref.kind == CaBundleRef.Kind.Secret) {
            return super.bundle(platform);
        }
        String ns = platform.secretNamespace();
        return source.configMap(ns, ref.name).map(m -> m.getData() == null ? null : m.getData().get(ref.key))
                .orElseThrow(() -> new SecretProblem(Reason.CABundleNotFound, "ConfigMap " + ns + "/" + ref.name
                        + " with key '" + ref.key + "' (spec.tls.caBundleRef) does not exist"));
    }
}
