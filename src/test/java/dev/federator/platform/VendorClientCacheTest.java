package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.federator.api.v1alpha1.CaBundleRef;
import dev.federator.api.v1alpha1.DevRevPlatformSpec;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.RateLimitSpec;
import dev.federator.api.v1alpha1.SecretKeyRef;
import dev.federator.api.v1alpha1.TlsSpec;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import dev.federator.secrets.Fingerprints;
import dev.federator.secrets.ReferencedSecrets;
import dev.federator.secrets.SecretReader;
import dev.federator.testkit.Failures;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One client per platform: kept while nothing that shapes it changes, rebuilt (and the old one closed, so its pooled
 * connections and tokens go) when credentials, CA bundle or pace change, and closed when the platform goes.
 */
@EnableKubernetesMockClient(crud = true)
class VendorClientCacheTest {
    private static final String NS = "team-a";
    KubernetesClient client;
    private final RecordingProvider provider = new RecordingProvider();
    private VendorClientCache cache;

    @BeforeEach
    void cache() {
        SecretReader secrets = new SecretReader(client, new ReferencedSecrets(new SimpleMeterRegistry()));
        VendorRegistry registry = new VendorRegistry() {
            @Override public Optional<VendorProvider> provider(String vendor) {
                return vendor.equals(provider.vendor()) ? Optional.of(provider) : Optional.empty();
            }
        };
        cache = new VendorClientCache(registry, new PlatformAccounts(secrets), new TrustStores(client, secrets),
                new Fingerprints(new byte[32]), new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofSeconds(5));
        token("pat-1");
    }

    @Test
    void thePlatformsConnectionsShareOneClient() {
        VendorClientCache.Entry first = cache.get(platform(1, spec()));
        assertThat(cache.get(platform(1, spec())).client()).isSameAs(first.client());
        assertThat(cache.cached(NS + "/devrev")).map(VendorClientCache.Entry::client).containsSame(first.client());
        assertThat(provider.connected).hasSize(1);
        assertThat(provider.connected.get(0).account().credential("token").orElseThrow().reveal()).isEqualTo("pat-1");
        assertThat(first.fingerprint()).doesNotContain("pat-1");
    }

    @Test
    void aNewGenerationThatChangesNothingKeepsTheClient() {
        VendorClient first = cache.get(platform(1, spec())).client();
        VendorClientCache.Entry next = cache.get(platform(2, spec()));
        assertThat(next.client()).isSameAs(first);
        assertThat(next.generation()).isEqualTo(2);
        assertThat(provider.connected).hasSize(1);
        assertThat(provider.connected.get(0).closed()).isFalse();
    }

    @Test
    void changedCredentialsBuildANewClientAndCloseTheOldOne() {
        VendorClient first = cache.get(platform(1, spec())).client();
        token("pat-2");
        assertThat(cache.get(platform(1, spec())).client()).as("same generation: no Secret read").isSameAs(first);
        VendorClient second = cache.refresh(platform(1, spec())).client();
        assertThat(second).isNotSameAs(first);
        assertThat(provider.connected).hasSize(2);
        assertThat(provider.connected.get(0).closed()).isTrue();
        assertThat(provider.connected.get(1).closed()).isFalse();
        assertThat(provider.connected.get(1).account().credential("token").orElseThrow().reveal()).isEqualTo("pat-2");
        assertThat(cache.refresh(platform(1, spec())).client()).as("nothing changed since").isSameAs(second);
    }

    @Test
    void aChangedCaBundleBuildsANewClient() throws IOException {
        String pem = Files.readString(Path.of("src/test/resources/loginradius/idp-1.crt"), StandardCharsets.US_ASCII);
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withNamespace(NS)
                .withName("ca").endMetadata().withData(Map.of("ca.crt", pem)).build()).create();
        cache.get(platform(1, spec()));
        PlatformSpec withCa = spec();
        withCa.tls = new TlsSpec();
        withCa.tls.caBundleRef = new CaBundleRef();
        withCa.tls.caBundleRef.kind = CaBundleRef.Kind.ConfigMap;
        withCa.tls.caBundleRef.name = "ca";
        withCa.tls.caBundleRef.key = "ca.crt";
        cache.get(platform(2, withCa));
        assertThat(provider.connected).hasSize(2);
        assertThat(provider.connected.get(0).closed()).isTrue();

        String other = Files.readString(Path.of("src/test/resources/loginradius/idp-2.crt"), StandardCharsets.US_ASCII);
        client.configMaps().inNamespace(NS).withName("ca").edit(c -> {
            c.setData(Map.of("ca.crt", other));
            return c;
        });
        cache.refresh(platform(2, withCa));
        assertThat(provider.connected).hasSize(3);
        assertThat(provider.connected.get(1).closed()).isTrue();
    }

    @Test
    void aChangedRateLimitBuildsANewClientWithThatPace() {
        cache.get(platform(1, spec()));
        PlatformSpec slower = spec();
        slower.rateLimit = new RateLimitSpec();
        slower.rateLimit.requestsPerSecond = 0.5;
        VendorClientCache.Entry entry = cache.get(platform(2, slower));
        assertThat(provider.connected).hasSize(2);
        assertThat(provider.connected.get(0).closed()).isTrue();
        assertThat(entry.http()).isSameAs(provider.connected.get(1).http());
    }

    @Test
    void evictingThePlatformClosesItsClient() {
        cache.get(platform(1, spec()));
        cache.evict(NS + "/devrev");
        assertThat(provider.connected.get(0).closed()).isTrue();
        assertThat(cache.cached(NS + "/devrev")).isEmpty();
        cache.evict(NS + "/devrev"); // a second removal is harmless
        cache.get(platform(1, spec()));
        assertThat(provider.connected).as("used again after removal: a new client").hasSize(2);
    }

    @Test
    void aVendorWithoutAdapterIsRefusedByName() {
        PlatformSpec spec = spec();
        ResolvedPlatform unknown = new ResolvedPlatform(NS + "/x", platform(1, spec).resource(), spec, "acme", NS);
        Throwable refused = catchThrowable(() -> cache.get(unknown));
        assertThat(Failures.reason(refused)).isEqualTo("UnsupportedVendor");
        assertThat(refused).hasMessageContaining("acme");
        assertThat(provider.connected).isEmpty();
    }

    private void token(String value) {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withNamespace(NS)
                .withName("devrev").endMetadata().withStringData(Map.of("token", value)).build())
                .createOr(s -> s.update());
    }

    private static PlatformSpec spec() {
        PlatformSpec spec = new PlatformSpec();
        spec.devrev = new DevRevPlatformSpec();
        spec.devrev.url = "http://127.0.0.1:1";
        spec.devrev.tokenRef = new SecretKeyRef("devrev", "token");
        return spec;
    }

    private static ResolvedPlatform platform(long generation, PlatformSpec spec) {
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("devrev").withGeneration(generation)
                .build());
        platform.setSpec(spec);
        return new ResolvedPlatform(NS + "/devrev", platform, spec, "devrev", NS);
    }

    /** A provider whose clients only record that they were closed: nothing here may call a vendor. */
    static final class RecordingProvider implements VendorProvider {
        record Connected(PlatformAccount account, VendorHttp http, AtomicBoolean closedFlag) {
            boolean closed() { return closedFlag.get(); }
        }

        final List<Connected> connected = new CopyOnWriteArrayList<>();

        @Override public String vendor() { return "devrev"; }

        @Override public Set<ConnectionKind> supportedKinds() { return Set.of(ConnectionKind.OIDC); }

        @Override public RatePolicy defaultRate() { return new RatePolicy(5, 5); }

        @Override
        public VendorClient connect(PlatformAccount account, VendorHttp http) {
            AtomicBoolean closed = new AtomicBoolean();
            connected.add(new Connected(account, http, closed));
            return (VendorClient) Proxy.newProxyInstance(VendorClient.class.getClassLoader(),
                    new Class<?>[] {VendorClient.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            closed.set(true);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "client " + connected.size();
                        default -> throw new UnsupportedOperationException("the cache must not call " + method.getName());
                    });
        }
    }
}
