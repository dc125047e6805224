package dev.federator.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The write requests (POST, PUT, PATCH, DELETE) the operators sent to the API server, from the request audit of
 * {@link MockKubernetes} (every request, told apart by the operators' bearer tokens): subtract two snapshots to count
 * the writes of a window.
 */
public final class OperatorWrites {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private OperatorWrites() {}

    /** "METHOD path" to how many came so far, for paths that name {@code resource} (e.g. "/identityconnections"). */
    public static Map<String, Long> snapshot(MockKubernetes kubernetes, String resource) {
        Map<String, Long> writes = new TreeMap<>();
        kubernetes.requestsByToken(OperatorProcess.TOKEN_PREFIX).values().forEach(requests -> requests.forEach(
                (request, count) -> {
                    String method = request.substring(0, request.indexOf(' '));
                    if (WRITES.contains(method) && request.contains(resource)) {
                        writes.merge(request, count, Long::sum);
                    }
                }));
        return writes;
    }

    /** What {@code after} has more of than {@code before}: the writes in between. */
    public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> added = new TreeMap<>();
        after.forEach((request, count) -> {
            long more = count - before.getOrDefault(request, 0L);
            if (more > 0) {
                added.put(request, more);
            }
        });
        return added;
    }

    public static long total(Map<String, Long> writes) {
        return writes.values().stream().mapToLong(Long::longValue).sum();
    }
}
