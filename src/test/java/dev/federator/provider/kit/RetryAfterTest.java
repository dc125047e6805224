package dev.federator.provider.kit;

import dev.federator.provider.spi.VendorResponse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static VendorResponse response(Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new VendorResponse(429, HttpHeaders.of(multi, (a, b) -> true), body);
    }

    @Test
    void retryAfterSeconds() {
        assertThat(RetryAfter.of(response(Map.of("Retry-After", "7"), ""), clock)).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterHttpDate() {
        assertThat(RetryAfter.of(response(Map.of("Retry-After", "Sun, 22 Nov 2026 10:00:30 GMT"), ""), clock))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitResetEpochSeconds() {
        long reset = Instant.parse("2026-11-22T10:00:12Z").getEpochSecond();
        assertThat(RetryAfter.of(response(Map.of("X-RateLimit-Reset", Long.toString(reset)), ""), clock))
                .contains(Duration.ofSeconds(12));
    }

    @Test
    void bodyRetryAfter() {
        assertThat(RetryAfter.of(response(Map.of(), "{\"type\":\"too_many_requests\",\"retry_after\":3}"), clock))
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void nothingSaid() {
        assertThat(RetryAfter.of(response(Map.of(), "{}"), clock)).isEmpty();
    }
}
