package dev.federator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The series a Prometheus scrape shows, with their exact names and labels. */
class ConnectionMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConnectionMetrics metrics = new ConnectionMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsConnectionsByReadyState() {
        metrics.record("team-a", "okta", "True", null);
        metrics.record("team-a", "adfs", "True", null);
        metrics.record("team-b", "azure", "False", null);
        metrics.record("team-b", "new", null, null);
        String scrape = registry.scrape();
        assertThat(scrape).contains("federator_connections{ready=\"True\",} 2.0")
                .contains("federator_connections{ready=\"False\",} 1.0")
                .contains("federator_connections{ready=\"Unknown\",} 1.0");

        metrics.record("team-b", "azure", "True", null);
        metrics.forget("team-a", "adfs");
        assertThat(registry.scrape()).contains("federator_connections{ready=\"True\",} 2.0")
                .contains("federator_connections{ready=\"False\",} 0.0");
    }

    @Test
    void reportsSecondsUntilTheSigningCertificateExpires() {
        metrics.record("team-a", "adfs", "True", NOW.plus(Duration.ofDays(10)));
        assertThat(registry.scrape()).contains(
                "federator_signing_certificate_expiry_seconds{name=\"adfs\",namespace=\"team-a\",} 864000.0");

        metrics.record("team-a", "adfs", "True", NOW.minus(Duration.ofHours(1)));
        assertThat(registry.scrape()).contains(
                "federator_signing_certificate_expiry_seconds{name=\"adfs\",namespace=\"team-a\",} -3600.0");

        metrics.record("team-a", "adfs", "True", null); // switched to OIDC, or the certificate is gone
        assertThat(registry.scrape()).doesNotContain("name=\"adfs\"");

        metrics.record("team-a", "adfs", "True", NOW.plusSeconds(60));
        metrics.forget("team-a", "adfs");
        assertThat(registry.scrape()).doesNotContain("federator_signing_certificate_expiry_seconds{");
    }

    @Test
    void showsWhenEachConnectionWasLastComparedUntilItIsForgotten() {
        metrics.compared("team-a", "okta", "uid-1", "team-a/keycloak");
        assertThat(registry.scrape()).contains("federator_connection_last_compared_timestamp_seconds{name=\"okta\","
                + "namespace=\"team-a\",platform=\"team-a/keycloak\",} " + (double) NOW.getEpochSecond());
        assertThat(metrics.lastCompared("team-a", "okta", "uid-1")).contains(NOW);
        assertThat(metrics.lastCompared("team-a", "okta", "uid-2")).as("a new connection of that name").isEmpty();

        metrics.compared("team-a", "okta", "uid-1", "shared-auth0"); // moved to a cluster platform
        assertThat(registry.scrape()).contains("platform=\"shared-auth0\"").doesNotContain("team-a/keycloak");

        metrics.forget("team-a", "okta"); // deleted, or relabelled to another shard
        assertThat(registry.scrape()).doesNotContain("federator_connection_last_compared_timestamp_seconds{");
        assertThat(metrics.lastCompared("team-a", "okta", "uid-1")).isEmpty();
    }
}
