package dev.federator.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The secret scan of one test environment. From the start it watches, through the test's own client, every Secret
 * (all values ever created or updated), every Event and every status of IdentityConnections, IdentityPlatforms and
 * ClusterIdentityPlatforms (every version, so deleted resources and overwritten statuses count too). At the end it
 * scans, for every secret value, the simulators' credentials and the tokens they issued, each operator log line, each event, each status and
 * each line of every metrics scrape, writes target/secret-scan/NAME.json and fails on any hit.
 */
public final class SecretScan {
    public static final Path REPORTS = Path.of("target", "secret-scan");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> NAMES = new ConcurrentHashMap<>();

    private final String name;
    private final KubernetesClient client;
    private final Predicate<String> namespaces;
    private final List<Watch> watches = new ArrayList<>();
    private final Map<List<String>, String[]> secretValues = new ConcurrentHashMap<>(); // [origin, key, value]
    private final Set<List<String>> events = ConcurrentHashMap.newKeySet(); // [where, json]
    private final Set<List<String>> statuses = ConcurrentHashMap.newKeySet();
    private final List<OperatorProcess> operators = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<? extends Collection<String>>> otherSecrets = new ConcurrentHashMap<>();

    private SecretScan(String name, KubernetesClient client, Predicate<String> namespaces) {
        int n = NAMES.merge(name, 1, Integer::sum);
        this.name = n == 1 ? name : name + "-" + n;
        this.client = client;
        this.namespaces = namespaces;
    }

    /**
     * Starts watching, before the test puts anything into the cluster.
     *
     * @param namespaces the namespaces the test owns (all of them on the mock API server; on a real cluster only the
     *                   test's own, so that other workloads' Secrets are neither read nor counted)
     */
    public static SecretScan start(String name, KubernetesClient client, Predicate<String> namespaces) {
        SecretScan scan = new SecretScan(name, client, namespaces);
        scan.watches.add(client.secrets().inAnyNamespace().watch(scan.watcher(scan::collect)));
        scan.watches.add(client.v1().events().inAnyNamespace().watch(scan.watcher(scan::record)));
        scan.watches.add(client.resources(IdentityConnection.class).inAnyNamespace().watch(scan.watcher(scan::record)));
        scan.watches.add(client.resources(IdentityPlatform.class).inAnyNamespace().watch(scan.watcher(scan::record)));
        scan.watches.add(client.resources(ClusterIdentityPlatform.class).watch(scan.watcher(scan::record)));
        return scan;
    }

    public void addOperator(OperatorProcess operator) { operators.add(operator); }

    /** Secret values that never sit in a Secret (tokens a simulator issued), read when the scan finishes. */
    public void addSecrets(String origin, Supplier<? extends Collection<String>> values) {
        otherSecrets.put(origin, values);
    }

    int secretValuesSeen() { return secretValues.size(); }

    int statusesSeen() { return statuses.size(); }

    private <T extends HasMetadata> Watcher<T> watcher(Consumer<T> sink) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                if (action != Action.ERROR && action != Action.BOOKMARK) {
                    sink.accept(resource);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // the final list in finish() still sees what is left
            }
        };
    }

    private boolean owned(HasMetadata r) {
        String ns = r.getMetadata().getNamespace();
        return ns == null || namespaces.test(ns);
    }

    private void collect(Secret secret) {
        if (!owned(secret)) {
            return;
        }
        String origin = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> {
                if (v != null) {
                    remember(origin, k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8));
                }
            });
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> remember(origin, k, v));
        }
    }

    private void remember(String origin, String key, String value) {
        if (value != null) {
            secretValues.putIfAbsent(List.of(key, value), new String[] {origin, key, value});
        }
    }

    private void record(HasMetadata r) {
        if (!owned(r)) {
            return;
        }
        String where = r.getKind() + " " + (r.getMetadata().getNamespace() == null ? ""
                : r.getMetadata().getNamespace() + "/") + r.getMetadata().getName();
        if (r instanceof Event e) {
            events.add(List.of(where + " (reason " + e.getReason() + ")", Serialization.asJson(e)));
        } else if (r instanceof CustomResource<?, ?> c && c.getStatus() != null) {
            statuses.add(List.of(where, Serialization.asJson(c.getStatus())));
        }
    }

    /**
     * Scans everything seen so far (call it after the operator stopped, so its whole log is in), stops watching and
     * writes the report.
     */
    public Report finish() {
        try {
            client.secrets().inAnyNamespace().list().getItems().forEach(this::collect);
            client.v1().events().inAnyNamespace().list().getItems().forEach(this::record);
            client.resources(IdentityConnection.class).inAnyNamespace().list().getItems().forEach(this::record);
            client.resources(IdentityPlatform.class).inAnyNamespace().list().getItems().forEach(this::record);
            client.resources(ClusterIdentityPlatform.class).list().getItems().forEach(this::record);
        } finally {
            watches.forEach(Watch::close);
        }
        SecretScanner scanner = new SecretScanner();
        SimulatorFleet.CREDENTIALS.forEach((what, value) -> scanner.add("SimulatorFleet." + what, value));
        secretValues.values().forEach(v -> scanner.addFromSecret(v[0], v[1], v[2]));
        otherSecrets.forEach((origin, values) -> values.get().forEach(v -> scanner.add(origin, v)));

        Set<Path> logs = new LinkedHashSet<>();
        operators.forEach(o -> logs.add(o.log()));
        for (Path log : logs) {
            try {
                scanner.scanLines(SecretScanner.LOG_LINES, log.getFileName().toString(),
                        new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the operator log " + log, e);
            }
        }
        events.forEach(e -> scanner.scan(SecretScanner.EVENTS, e.get(0), e.get(1)));
        statuses.forEach(s -> scanner.scan(SecretScanner.STATUSES, "status of " + s.get(0), s.get(1)));
        int runs = 0;
        int scrapes = 0;
        for (OperatorProcess o : operators) {
            for (String scrape : o.metricScrapes()) {
                scrapes++;
                scanner.scanLines(SecretScanner.METRIC_LINES, "metrics scrape " + scrapes, scrape);
            }
            runs += o.runs();
        }
        ObjectNode report = scanner.report(name, runs, scrapes);
        try {
            Files.createDirectories(REPORTS);
            JSON.writerWithDefaultPrettyPrinter().writeValue(REPORTS.resolve(name + ".json").toFile(), report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the secret-scan report", e);
        }
        return new Report(name, report, scanner.hits());
    }

    /** The outcome of one environment's scan. */
    public record Report(String name, ObjectNode counts, List<String> hits) {
        /** Fails on any hit, and on a scan that saw nothing of a running operator (a broken scan proves nothing). */
        public void assertClean() {
            List<String> problems = new ArrayList<>(hits.stream().limit(20).toList());
            if (hits.size() > 20) {
                problems.add("... and " + (hits.size() - 20) + " more");
            }
            if (counts.path("operatorRuns").asInt() > 0 && (counts.path(SecretScanner.LOG_LINES).asLong() == 0
                    || counts.path("metricScrapes").asInt() == 0)) {
                problems.add("the scan read no operator log line or no metrics scrape, so it proves nothing");
            }
            if (counts.path("secretValues").asInt() == 0) {
                problems.add("the scan knew no secret value, so it proves nothing");
            }
            if (!problems.isEmpty()) {
                throw new AssertionError("secret scan of " + name + " (report " + REPORTS.resolve(name + ".json")
                        + "):\n  " + String.join("\n  ", problems));
            }
        }
    }
}
