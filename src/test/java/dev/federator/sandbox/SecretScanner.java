package dev.federator.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Looks for known secret values in what the operator prints: log lines, events, statuses, metric lines. Knows each
 * value in the forms a leak would take (as is, base64 as in a Secret's data, URL-encoded as in a form body,
 * JSON-escaped, and line by line for multi-line values such as PEM keys), counts what it scanned and names every hit
 * by where it was and a masked prefix of the value, never the value itself.
 */
public final class SecretScanner {
    /**
     * Shorter values are not scanned: a value of a few characters ("s", "first", "rotated" in the scenarios) matches
     * ordinary words and identifiers in logs by coincidence, so a hit would say nothing. From 8 characters on, a test
     * secret ("change-me", "secret-crash", "rotated-secret") does not occur in the operator's output unless leaked.
     */
    public static final int MIN_LENGTH = 8;

    /**
     * Keys whose values are identifiers, not secrets: a client ID or a user name sits next to its secret in a
     * credentials Secret but is public (Auth0 and Keycloak client IDs appear in vendor configuration, in URLs and in
     * the operator's own messages by design), so finding it is no leak.
     */
    private static final Pattern IDENTIFIER_KEY = Pattern.compile("(?i)(client[-_.]?id|user(name)?|login)");

    /** A value that is only PEM certificates (tls.crt, ca.crt) is public material, not a secret. */
    private static final Pattern CERTIFICATES_ONLY = Pattern.compile(
            "(\\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----\\s*)+");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the scan counts, as named in the reports. */
    public static final String LOG_LINES = "logLines";
    public static final String EVENTS = "events";
    public static final String STATUSES = "statuses";
    public static final String METRIC_LINES = "metricLines";

    /** One form of one secret value, as searched for. */
    private record Needle(String text, String form, String origin, String masked) {}

    private final Map<String, Needle> needles = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>(); // value -> origin
    private final Map<String, Long> scanned = new LinkedHashMap<>();
    private final List<String> hits = new ArrayList<>();
    private final java.util.Set<String> ignored = new java.util.HashSet<>();

    public SecretScanner() {
        for (String kind : List.of(LOG_LINES, EVENTS, STATUSES, METRIC_LINES)) {
            scanned.put(kind, 0L);
        }
    }

    /** A value read from a Secret's key; ignored when too short, an identifier or a public certificate. */
    public synchronized boolean addFromSecret(String origin, String key, String value) {
        if (key != null && IDENTIFIER_KEY.matcher(key).matches()) {
            ignored.add(value);
            return false;
        }
        return add(origin + " key " + key, value);
    }

    /** A value known to be secret (a simulator's credential); ignored only when too short. */
    public synchronized boolean add(String origin, String value) {
        if (value == null || value.strip().length() < MIN_LENGTH || CERTIFICATES_ONLY.matcher(value).matches()) {
            ignored.add(String.valueOf(value));
            return false;
        }
        if (values.putIfAbsent(value, origin) != null) {
            return true;
        }
        String masked = mask(value);
        needle(value, "plain", origin, masked);
        if (value.contains("\n")) {
            for (String line : value.split("\\R")) {
                String l = line.strip();
                if (l.length() >= MIN_LENGTH && !l.startsWith("-----")) {
                    needle(l, "line of a multi-line value", origin, masked);
                }
            }
        }
        String[] jwt = value.split("\\.");
        if (jwt.length == 3 && jwt[2].length() >= MIN_LENGTH) {
            // A token's header and claims are no secret and the same in many tokens; its signature is.
            needle(jwt[2], "token signature", origin, masked);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        needle(Base64.getEncoder().withoutPadding().encodeToString(bytes), "base64", origin, masked);
        needle(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), "base64url", origin, masked);
        needle(URLEncoder.encode(value, StandardCharsets.UTF_8), "URL-encoded", origin, masked);
        String json = JSON.valueToTree(value).toString();
        needle(json.substring(1, json.length() - 1), "JSON-escaped", origin, masked);
        return true;
    }

    private void needle(String text, String form, String origin, String masked) {
        needles.putIfAbsent(text, new Needle(text, form, origin, masked));
    }

    /** The first three characters and the length: enough to tell which value it was, useless to an attacker. */
    static String mask(String value) {
        return value.substring(0, 3) + "…(" + value.length() + " chars)";
    }

    /** Scans one unit (one log line, one event, one status, one metric line) of a kind. */
    public synchronized void scan(String kind, String where, String text) {
        scanned.merge(kind, 1L, Long::sum);
        if (text == null) {
            return;
        }
        for (Needle n : needles.values()) {
            if (text.contains(n.text())) {
                hits.add(kind + " " + where + ": secret " + n.masked() + " from " + n.origin() + " (" + n.form() + ")");
                return; // one hit per unit is enough to fail and to point at it
            }
        }
    }

    /** Scans every line of a text (a log file, a metrics scrape). */
    public void scanLines(String kind, String where, String text) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            scan(kind, where + ":" + (i + 1), lines[i]);
        }
    }

    public synchronized int values() { return values.size(); }

    public synchronized long scanned(String kind) { return scanned.getOrDefault(kind, 0L); }

    public synchronized List<String> hits() { return List.copyOf(hits); }

    /** The report: counts and hit locations, no value. */
    public synchronized ObjectNode report(String name, int operatorRuns, int metricScrapes) {
        ObjectNode report = JSON.createObjectNode().put("name", name).put("operatorRuns", operatorRuns)
                .put("metricScrapes", metricScrapes).put("secretValues", values.size()).put("forms", needles.size())
                .put("ignoredValues", ignored.stream().filter(v -> !values.containsKey(v)).count());
        scanned.forEach(report::put);
        report.put("hits", hits.size());
        hits.forEach(report.putArray("hitLocations")::add);
        return report;
    }
}
