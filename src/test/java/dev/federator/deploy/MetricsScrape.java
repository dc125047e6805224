package dev.federator.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series names in a Prometheus text scrape with the label names each carries, and a check that PromQL reads only
 * those. Summaries and histograms appear in the scrape under their _count/_sum/_max/_bucket names, which is also how
 * PromQL names them.
 */
public final class MetricsScrape {
    /** Added by Prometheus to every scraped series (job, instance) or by the Prometheus Operator's ServiceMonitor. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod", "service", "endpoint", "container");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? \\S+");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    public final Map<String, Set<String>> labelsBySeries = new TreeMap<>();

    public static MetricsScrape parse(String text) {
        MetricsScrape scrape = new MetricsScrape();
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            Set<String> labels = scrape.labelsBySeries.computeIfAbsent(sample.group(1), k -> new LinkedHashSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return scrape;
    }

    /** What {@code expr} reads that this scrape lacks (a metric, or a label none of the expression's metrics has). */
    public List<String> unknownIn(String expr) {
        List<String> problems = new ArrayList<>();
        PromQl.Reads reads = PromQl.parse(expr);
        Set<String> available = new LinkedHashSet<>(TARGET_LABELS);
        for (PromQl.Selector selector : reads.selectors()) {
            Set<String> labels = labelsBySeries.get(selector.metric());
            if (labels == null) {
                problems.add("metric " + selector.metric());
                continue;
            }
            available.addAll(labels);
            for (String label : selector.labels()) {
                if (!labels.contains(label) && !TARGET_LABELS.contains(label)) {
                    problems.add("label " + label + " on " + selector.metric());
                }
            }
        }
        if (reads.selectors().isEmpty()) {
            problems.add("no metric at all");
        }
        for (String label : reads.groupingLabels()) {
            if (!available.contains(label)) {
                problems.add("grouping label " + label);
            }
        }
        return problems;
    }
}
