package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.deploy.MetricsScrape;
import dev.federator.deploy.ObservabilityChart;
import dev.federator.sandbox.SandboxEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every panel of the chart's dashboard and every alert of its PrometheusRule reads only metrics and labels that the
 * operator really exports: the samples are reconciled in the sandbox, Keycloak's simulator answers a 503 and 429s
 * (so that status and rate-limit series exist), and the operator's own /q/metrics is the reference.
 */
class ObservabilityE2EIT {
    @Test
    void dashboardAndAlertsReadOnlyWhatTheOperatorExports() {
        Map<String, String> expressions = ObservabilityChart.render().expressions();
        assertThat(expressions).hasSizeGreaterThan(10);
        try (SandboxEnvironment env = new SandboxEnvironment(Path.of("target", "e2e", "observability-operator.log"))) {
            env.simulators().keycloak().faults().onlyFor(route -> !route.startsWith("GET "))
                    .failNext(1, 503).throttleNext(2, Duration.ofSeconds(1), true);
            env.startOperator(Map.of());
            env.applySamplesAndAwaitReady();
            MetricsScrape scrape = MetricsScrape.parse(env.operator().scrapeMetrics().orElseThrow());
            assertThat(scrape.labelsBySeries).as("the faults were seen")
                    .containsKeys("federator_vendor_ratelimit_wait_seconds_sum", "federator_vendor_calls_seconds_count");

            assertThat(scrape.unknownIn("sum by (vendor) (federator_connections{status=\"429\"})"))
                    .as("the check tells a wrong label from a right one on this scrape")
                    .containsExactly("label status on federator_connections", "grouping label vendor");
            Map<String, List<String>> unknown = new LinkedHashMap<>();
            expressions.forEach((where, expr) -> {
                List<String> problems = scrape.unknownIn(expr);
                if (!problems.isEmpty()) {
                    unknown.put(where + ": " + expr, problems);
                }
            });
            assertThat(unknown).as("expressions naming what /q/metrics does not export; it has %s",
                    scrape.labelsBySeries.keySet()).isEmpty();
        }
    }
}
