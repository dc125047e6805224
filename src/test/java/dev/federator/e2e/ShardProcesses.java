package dev.federator.e2e;

import dev.federator.sandbox.MockKubernetes;
import dev.federator.sandbox.OperatorProcess;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.shard.Shard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operator process per shard on one embedded API server, as one Deployment per shard would run them, and what
 * each of them wrote: the API server records every request by bearer token, and each shard has its own.
 */
final class ShardProcesses {
    private static final Pattern CONNECTION_WRITE = Pattern.compile(
            "(?:PATCH|PUT) /apis/federator\\.dev/v1alpha1/namespaces/([^/]+)/identityconnections/([^/]+)(?:/status)?");

    private final SandboxEnvironment env;
    private final Map<String, OperatorProcess> byShard = new LinkedHashMap<>();

    /**
     * Starts the default shard (told the named ones) and one process per named shard, one after the other: three
     * JVMs starting at once on a small machine time out against the API server.
     */
    ShardProcesses(SandboxEnvironment env, Path logs, List<String> named) {
        this.env = env;
        String all = String.join(",", named);
        env.startOperator(Map.of("FEDERATOR_SHARDS", all));
        byShard.put(Shard.DEFAULT, env.operator());
        for (String key : named) {
            byShard.put(key, env.startReplica(logs.resolve("shard-" + key + ".log"),
                    Map.of("FEDERATOR_SHARD", key, "FEDERATOR_SHARDS", all)));
        }
    }

    OperatorProcess process(String shard) { return byShard.get(shard); }

    /** The connections ("namespace/name") the shard's process wrote (status, finalizer) so far. */
    Set<String> connectionsWrittenBy(String shard) {
        return connectionWrites(env.kubernetes(), byShard.get(shard).bearerToken()).keySet();
    }

    /** How many writes the shard's process sent to each connection so far. */
    Map<String, Long> writesBy(String shard) {
        return connectionWrites(env.kubernetes(), byShard.get(shard).bearerToken());
    }

    private static Map<String, Long> connectionWrites(MockKubernetes kubernetes, String token) {
        Map<String, Long> writes = new java.util.TreeMap<>();
        kubernetes.requestsByToken(OperatorProcess.TOKEN_PREFIX).getOrDefault(token, Map.of()).forEach((request, n) -> {
            Matcher m = CONNECTION_WRITE.matcher(request);
            if (m.matches()) {
                writes.merge(m.group(1) + "/" + m.group(2), n, Long::sum);
            }
        });
        return writes;
    }

    static Set<String> keys(String ns, List<String> names) {
        Set<String> keys = new TreeSet<>();
        names.forEach(n -> keys.add(ns + "/" + n));
        return keys;
    }
}
