package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chart's opt-in dashboard and alerts render to valid objects, and the PromQL reader that the end-to-end check
 * (ObservabilityE2EIT) relies on sees what an expression reads.
 */
class ObservabilityChartTest {
    @Test
    void offByDefault() throws Exception {
        Manifests m = Manifests.parse(new Helm(RenderedInstall.CHART).template().withName("federator")
                .withNamespace("federator-system").call());
        assertThat(m.ofKind("ConfigMap")).isEmpty();
        assertThat(m.ofKind("PrometheusRule")).isEmpty();
    }

    @Test
    void dashboardIsAConfigMapForTheGrafanaSidecar() {
        ObservabilityChart chart = ObservabilityChart.render();
        JsonNode dashboard = chart.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("federator");
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(p.path("targets")).isNotEmpty();
        });
        List<Integer> ids = dashboard.path("panels").findValues("id").stream().map(JsonNode::asInt).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(chart.manifests.one("ConfigMap").at("/metadata/namespace").asText()).isEqualTo("federator-system");
    }

    @Test
    void everyAlertHasAnExpressionASeverityAndASummary() {
        JsonNode rule = ObservabilityChart.render().rule();
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        List<JsonNode> rules = rule.at("/spec/groups/0/rules").findParents("alert");
        assertThat(rules).extracting(r -> r.path("alert").asText()).contains("FederatorConnectionsNotReady",
                "FederatorSigningCertificateExpiring", "FederatorSigningCertificateExpired",
                "FederatorVendorServerErrors", "FederatorVendorThrottled", "FederatorRateLimitWaits",
                "FederatorReconcileErrors");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.path("expr").asText()).isNotBlank().doesNotContain("{{").doesNotContain("<no value>");
            assertThat(Set.of("info", "warning", "critical")).contains(r.at("/labels/severity").asText());
            assertThat(r.at("/annotations/summary").asText()).isNotBlank().doesNotContain("<no value>");
        });
        assertThat(rules.get(1).at("/annotations/summary").asText()).contains("{{ $labels.name }}")
                .contains("within 14 days");
    }

    @Test
    void thresholdsComeFromValues() throws Exception {
        Manifests m = Manifests.parse(new Helm(RenderedInstall.CHART).template().withName("federator")
                .withNamespace("federator-system").set("prometheusRule.enabled", "true")
                .set("prometheusRule.certificateExpiringDays", "30").call());
        assertThat(m.one("PrometheusRule").at("/spec/groups/0/rules").findParents("alert").stream()
                .filter(r -> r.path("alert").asText().equals("FederatorSigningCertificateExpiring")).findFirst()
                .orElseThrow().path("expr").asText()).contains("< 30 * 86400");
    }

    @Test
    void promQlReaderFindsMetricsLabelsAndGrouping() {
        PromQl.Reads reads = PromQl.parse("histogram_quantile(0.95, sum by (le, controller) (rate("
                + "operator_sdk_x_bucket{job=~\"$job\"}[$__rate_interval]))) / on (controller) "
                + "max(federator_connections{ready!=\"True, by\"}) > 14 * 86400");
        assertThat(reads.selectors()).containsExactly(
                new PromQl.Selector("operator_sdk_x_bucket", new java.util.LinkedHashSet<>(List.of("job"))),
                new PromQl.Selector("federator_connections", new java.util.LinkedHashSet<>(List.of("ready"))));
        assertThat(reads.groupingLabels()).containsExactlyInAnyOrder("le", "controller");
    }

    @Test
    void scrapeCheckNamesWhatIsMissing() {
        MetricsScrape scrape = MetricsScrape.parse("""
                # TYPE federator_connections gauge
                federator_connections{ready="True",} 3.0
                federator_vendor_calls_seconds_count{operation="read",status="200",vendor="auth0"} 2.0
                """);
        assertThat(scrape.unknownIn("max(federator_connections{ready=\"False\"})")).isEmpty();
        assertThat(scrape.unknownIn("sum by (vendor) (rate(federator_vendor_calls_seconds_count{status=\"429\"}[5m]))"))
                .isEmpty();
        assertThat(scrape.unknownIn("federator_connection{ready=\"False\"}")).containsExactly("metric federator_connection");
        assertThat(scrape.unknownIn("federator_connections{state=\"False\"}"))
                .containsExactly("label state on federator_connections");
        assertThat(scrape.unknownIn("sum by (kind) (federator_connections)")).containsExactly("grouping label kind");
    }
}
