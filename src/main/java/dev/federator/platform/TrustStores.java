package dev.federator.platform;

import dev.federator.api.v1alpha1.CaBundleRef;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS towards vendors: the JVM's trust anchors, plus a platform's CA bundle when it names one. Always verified. */
@ApplicationScoped
public class TrustStores {
    private final KubernetesClient client;
    private final SecretReader secrets;

    public TrustStores(KubernetesClient client, SecretReader secrets) {
        this.client = client;
        this.secrets = secrets;
    }

    /** The PEM bundle text, or null when the platform adds no CA. */
    public String bundle(ResolvedPlatform platform) {
        if (platform.spec().tls == null || platform.spec().tls.caBundleRef == null) {
            return null;
        }
        CaBundleRef ref = platform.spec().tls.caBundleRef;
        String ns = platform.secretNamespace();
        if (ref.kind == CaBundleRef.Kind.Secret) {
            return secrets.value(ns, ref.name, ref.key).reveal();
        }
        ConfigMap map = client.configMaps().inNamespace(ns).withName(ref.name).get();
        if (map == null || map.getData() == null || map.getData().get(ref.key) == null) {
            throw new SecretProblem(Reason.CABundleNotFound, "ConfigMap " + ns + "/" + ref.name + " with key '" + ref.key
                    + "' (spec.tls.caBundleRef) does not exist");
        }
        return map.getData().get(ref.key);
    }

    public static SSLContext context(String pemBundle) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (pemBundle == null) {
                context.init(null, null, null);
                return context;
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int i = 0;
            for (var tm : defaults.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + i++, ca);
                    }
                }
            }
            Collection<? extends Certificate> extra = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pemBundle.getBytes(StandardCharsets.US_ASCII)));
            if (extra.isEmpty()) {
                throw new SecretProblem(Reason.InvalidCABundle, "spec.tls.caBundleRef holds no PEM certificate");
            }
            for (Certificate ca : extra) {
                store.setCertificateEntry("bundle-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (SecretProblem e) {
            throw e;
        } catch (Exception e) {
            throw new SecretProblem(Reason.InvalidCABundle, "spec.tls.caBundleRef could not be used: "
                    + e.getClass().getSimpleName());
        }
    }
}
