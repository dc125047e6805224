package dev.federator.testkit;

import dev.federator.provider.kit.CallObserver;
import dev.federator.provider.kit.PacedHttp;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An adapter's client wired the way the operator wires it (the paced, retrying {@link PacedHttp} under the adapter),
 * towards a simulator on plain-http loopback. Test pace: faster than any vendor's default, the tests are about what is
 * sent, not how fast.
 */
public final class VendorClients {
    /** Pace for tests that talk to one simulator. */
    public static final RatePolicy TEST_RATE = new RatePolicy(50, 50);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private VendorClients() {}

    /** HTTP/1.1: no h2c upgrade dance with the plain-http simulators (as the operator does for http:// URLs). */
    public static HttpClient http11() { return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); }

    public static VendorHttp http() { return http(CallObserver.NONE); }

    public static VendorHttp http(CallObserver observer) { return http(http11(), TEST_RATE, observer); }

    public static VendorHttp http(HttpClient transport, RatePolicy rate, CallObserver observer) {
        return new PacedHttp(transport, rate, REQUEST_TIMEOUT, observer, Clock.systemUTC());
    }

    /** An account with plain-text credentials by role (token, client-id, api-key...). */
    public static PlatformAccount account(String id, Map<String, String> settings, Map<String, String> credentials) {
        Map<String, SecretValue> secrets = new LinkedHashMap<>();
        credentials.forEach((role, value) -> secrets.put(role, SecretValue.of(value)));
        return new PlatformAccount(id, settings, secrets);
    }

    /** {@code provider}'s client for {@code account}, over a fresh {@link #http()}. */
    public static VendorClient connect(VendorProvider provider, PlatformAccount account) {
        return provider.connect(account, http());
    }
}
