package dev.federator.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the operator last compared each connection with its vendor, as its /q/metrics shows it
 * ({@code federator_connection_last_compared_timestamp_seconds}): how a test, or a user, tells that drift checks
 * happen now that an idle one writes nothing.
 */
public final class LastCompared {
    public static final String SERIES = "federator_connection_last_compared_timestamp_seconds";
    private static final Pattern SAMPLE = Pattern.compile("(?m)^" + SERIES + "\\{([^}]*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private LastCompared() {}

    /** "namespace/name" to the last comparison, in seconds since the epoch. */
    public static Map<String, Double> parse(String scrape) {
        Map<String, Double> byConnection = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            byConnection.put(labels.get("namespace") + "/" + labels.get("name"), Double.parseDouble(sample.group(2)));
        }
        return byConnection;
    }

    /** The operator's current figures; empty when it does not answer. */
    public static Map<String, Double> of(OperatorProcess operator) {
        return operator.scrapeMetrics().map(LastCompared::parse).orElse(Map.of());
    }

    public static Optional<Double> of(OperatorProcess operator, String namespace, String name) {
        return Optional.ofNullable(of(operator).get(namespace + "/" + name));
    }
}
