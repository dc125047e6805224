package dev.federator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The chart rendered with its dashboard and alerts switched on, and every PromQL expression they hold, by where. */
public final class ObservabilityChart {
    final Manifests manifests;

    private ObservabilityChart(Manifests manifests) { this.manifests = manifests; }

    public static ObservabilityChart render() {
        try {
            return new ObservabilityChart(Manifests.parse(new Helm(RenderedInstall.CHART).template()
                    .withName(RenderedInstall.RELEASE).withNamespace(RenderedInstall.RELEASE_NAMESPACE)
                    .set("grafanaDashboard.enabled", "true").set("prometheusRule.enabled", "true").call()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode dashboard() {
        JsonNode configMap = manifests.ofKind("ConfigMap").stream()
                .filter(c -> "1".equals(c.at("/metadata/labels/grafana_dashboard").asText())).findFirst().orElseThrow();
        try {
            return new ObjectMapper().readTree(configMap.at("/data/federator.json").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode rule() { return manifests.one("PrometheusRule"); }

    /** "panel <title> <refId>" or "alert <name>" to its expression. */
    public Map<String, String> expressions() {
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        for (JsonNode group : rule().at("/spec/groups")) {
            for (JsonNode r : group.path("rules")) {
                exprs.put("alert " + r.path("alert").asText(r.path("record").asText()), r.path("expr").asText());
            }
        }
        return exprs;
    }
}
