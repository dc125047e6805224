package dev.federator.platform;

import dev.federator.provider.kit.PacedHttp;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.Fingerprints;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One vendor client per platform, shared by all its connections, so tokens, connections and the rate limit are
 * per vendor account. A client is rebuilt only when the platform's spec or credentials change, which the platform
 * reconciler notices through its Secret watch.
 */
@ApplicationScoped
public class VendorClientCache {
    /** {@code http} is the platform's paced HTTP layer, consulted for how long its next call would wait. */
    public record Entry(String fingerprint, long generation, VendorProvider<?> provider, VendorClient client,
                        VendorHttp http) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final VendorRegistry registry;
    private final PlatformAccounts accounts;
    private final TrustStores trust;
    private final Fingerprints fingerprints;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration requestTimeout;

    public VendorClientCache(VendorRegistry registry, PlatformAccounts accounts, TrustStores trust,
                             Fingerprints fingerprints, MeterRegistry meters, Clock clock,
                             @ConfigProperty(name = "federator.vendor.request-timeout") Duration requestTimeout) {
        this.registry = registry;
        this.accounts = accounts;
        this.trust = trust;
        this.fingerprints = fingerprints;
        this.meters = meters;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    /** The platform's client, built on first use or when the platform's generation moved on. */
    public Entry get(ResolvedPlatform platform) {
        Entry entry = entries.get(platform.key());
        if (entry != null && entry.generation() == platform.generation()) {
            return entry;
        }
        return refresh(platform);
    }

    /** Re-reads the platform's Secrets and replaces the client if anything that shapes it changed. */
    public synchronized Entry refresh(ResolvedPlatform platform) {
        return refresh(platform, registry.provider(platform.vendor()).orElseThrow(() -> new InvalidRequestException(
                Reason.UnsupportedVendor, "this Federator build has no adapter for " + platform.vendor()
                + "; available: " + registry.vendors())));
    }

    private <S extends Record> Entry refresh(ResolvedPlatform platform, VendorProvider<S> provider) {
        PlatformAccount<S> account = accounts.account(platform, provider.settingsType());
        String bundle = trust.bundle(platform);
        RatePolicy rate = rate(platform, provider);
        String fingerprint = fingerprint(platform, account, bundle, rate);
        Entry existing = entries.get(platform.key());
        if (existing != null && existing.fingerprint().equals(fingerprint)) {
            Entry same = new Entry(fingerprint, platform.generation(), provider, existing.client(),
                    existing.http());
            entries.put(platform.key(), same);
            return same;
        }
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(TrustStores.context(bundle));
        if (PlatformAccounts.plainHttp(account)) {
            http.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-http local servers
        }
        VendorHttp vendorHttp = new PacedHttp(http.build(), rate, requestTimeout,
                new VendorCallMetrics(meters, platform.vendor()), clock);
        Entry entry = new Entry(fingerprint, platform.generation(), provider, provider.connect(account, vendorHttp),
                vendorHttp);
        Entry old = entries.put(platform.key(), entry);
        if (old != null) {
            old.client().close();
        }
        return entry;
    }

    /** The client this process built for the platform, whatever has happened to the platform since. */
    public java.util.Optional<Entry> cached(String key) { return java.util.Optional.ofNullable(entries.get(key)); }

    public void evict(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            old.client().close();
        }
    }

    private static RatePolicy rate(ResolvedPlatform platform, VendorProvider<?> provider) {
        RatePolicy defaults = provider.defaultRate();
        var spec = platform.spec().rateLimit;
        if (spec == null) {
            return defaults;
        }
        return new RatePolicy(spec.requestsPerSecond == null ? defaults.requestsPerSecond() : spec.requestsPerSecond,
                spec.burst == null ? defaults.burst() : spec.burst);
    }

    private String fingerprint(ResolvedPlatform platform, PlatformAccount<?> account, String bundle,
                               RatePolicy rate) {
        Map<String, String> parts = new TreeMap<>();
        parts.put("settings", account.settings().toString());
        account.credentials().forEach((k, v) -> parts.put("credential:" + k, v.reveal()));
        parts.put("tls", bundle == null ? "" : bundle);
        parts.put("rate", rate.toString());
        return fingerprints.of(platform.key(), "platform", parts.toString());
    }
}
