package dev.federator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.RateLimitSpec;
import dev.federator.api.v1alpha1.SecretRef;
import dev.federator.e2e.Manifests;
import dev.federator.sandbox.OperatorProcess;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sandbox.StatusTable;
import dev.federator.shard.Shard;
import dev.federator.sim.RateLimit;
import dev.federator.sim.keycloak.KeycloakSimulator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Issue 22's benchmark: the same N connections over the same P rate-limited platforms, converged by 1, 2 and 4 shards
 * in one run (each in a fresh API server). Platform j is labelled for shard j mod k, each platform has its own
 * simulator enforcing its rate, so calls, 429s and utilisation are per platform.
 * {@code ./mvnw -q -Pbench verify -Dbench.main=dev.federator.bench.ShardedBenchmark -Dbench.connections=10000}
 * ({@code -Dbench.shards=1,2,4 -Dbench.platforms=4 -Dbench.rps=100}). Writes target/bench/shards.json.
 */
public final class ShardedBenchmark {
    private static final String NS = "bench-shards";

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        int n = Integer.getInteger("bench.connections", 1000);
        int platforms = Integer.getInteger("bench.platforms", 4);
        double rps = Double.parseDouble(System.getProperty("bench.rps", "100"));
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        List<Map<String, Object>> runs = new ArrayList<>();
        int exit = 0;
        try {
            for (String k : System.getProperty("bench.shards", "1,2,4").split(",")) {
                runs.add(run(Integer.parseInt(k.trim()), n, platforms, rps, out));
            }
        } catch (Exception | AssertionError e) {
            System.err.println("benchmark stopped: " + e);
            exit = 1;
        }
        System.out.printf("%n| shards | connections | converge | vendor calls / connection | answered 429 | "
                + "slowest platform's use of its rate | peak RSS per shard | live heap per shard after converge | CPU s per shard (from its start) |%n"
                + "|---|---|---|---|---|---|---|---|---|%n");
        for (Map<String, Object> r : runs) {
            System.out.printf("| %s | %s | %s s | %s | %s | %s %% | %s MiB | %s MiB | %s |%n", r.get("shards"),
                    r.get("connections"), r.get("convergeSeconds"), r.get("callsPerConnection"), r.get("answered429"),
                    r.get("slowestPlatformPercentOfRate"), r.get("peakRssMiBPerShard"), r.get("liveHeapMiBPerShard"),
                    r.get("cpuSecondsPerShard"));
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("shards.json").toFile(),
                Map.of("platforms", platforms, "rpsPerPlatform", rps, "runs", runs));
        System.exit(exit);
    }

    private static Map<String, Object> run(int k, int n, int platformCount, double rps, Path out) throws Exception {
        List<KeycloakSimulator> sims = new ArrayList<>();
        Path log = out.resolve("operator-" + k + "-shards-default.log");
        Files.deleteIfExists(log);
        try (SandboxEnvironment env = new SandboxEnvironment(log, "ShardedBenchmark" + k)) {
            List<String> named = new ArrayList<>();
            for (int i = 1; i < k; i++) {
                named.add("s" + i);
            }
            env.kubernetes().ensureNamespace(NS);
            // Connections and platforms exist before any shard starts, so the clock (started with the shard processes)
            // measures shards converging a backlog from a cold start (JVM, informers, leader election, vendor calls),
            // not how fast the harness can create objects.
            long c0 = System.nanoTime();
            parallel(n, i -> {
                String name = "c" + i;
                int j = i % platformCount;
                env.client().resource(Manifests.secret(NS, name + "-client", Map.of("client-secret", "s-" + name))).create();
                IdentityConnection c = Manifests.oidc(NS, name, "p" + j, name + "-client");
                if (j % k != 0) {
                    c.getMetadata().setLabels(Map.of(Shard.LABEL, "s" + (j % k)));
                }
                env.client().resource(c).create();
            });
            double createSeconds = (System.nanoTime() - c0) / 1e9;
            for (int j = 0; j < platformCount; j++) {
                KeycloakSimulator sim = new KeycloakSimulator().withAuthRealm(SimulatorFleet.KEYCLOAK_REALM)
                        .withServiceClient(SimulatorFleet.KEYCLOAK_CLIENT_ID, SimulatorFleet.KEYCLOAK_CLIENT_SECRET)
                        .withRateLimit(RateLimit.of(rps, (int) rps));
                sims.add(sim.start());
                env.alsoScanFor("benchmark simulator tokens", sim::issuedTokens);
                String shard = j % k == 0 ? null : "s" + (j % k);
                platform(env, "p" + j, sim, shard, rps);
            }
            long t0 = System.nanoTime();
            Map<String, OperatorProcess> processes = new LinkedHashMap<>();
            env.startOperator(named.isEmpty() ? Map.of() : Map.of("FEDERATOR_SHARDS", String.join(",", named)));
            processes.put(Shard.DEFAULT, env.operator());
            for (String key : named) {
                Path shardLog = out.resolve("operator-" + k + "-shards-" + key + ".log");
                Files.deleteIfExists(shardLog);
                processes.put(key, env.startReplica(shardLog,
                        Map.of("FEDERATOR_SHARD", key, "FEDERATOR_SHARDS", String.join(",", named))));
            }
            awaitAllReady(env, n, Duration.ofMinutes(Long.getLong("bench.timeout-minutes", 30)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            int calls = sims.stream().mapToInt(s -> s.calls().count()).sum();
            int throttled = sims.stream().mapToInt(s -> s.calls().count(c -> c.status() == 429)).sum();
            double slowest = sims.stream().mapToDouble(s -> {
                int ok = s.calls().count(c -> c.status() != 429);
                double span = Math.max(1e-3, s.calls().span().toNanos() / 1e9);
                return (ok - 1) / span / rps;
            }).min().orElse(0);
            Map<String, Long> rss = new LinkedHashMap<>();
            processes.forEach((shard, p) -> rss.put(shard, ProcessFigures.peakRssMiB(p.handle())));
            Map<String, Double> cpu = new LinkedHashMap<>();
            processes.forEach((shard, p) -> cpu.put(shard, round(ProcessFigures.cpuSeconds(p.handle()))));
            Map<String, Long> live = new LinkedHashMap<>();
            for (var e : processes.entrySet()) {
                live.put(e.getKey(), ProcessFigures.liveHeapMiB(e.getValue().handle()));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("shards", k);
            r.put("connections", n);
            r.put("createSeconds", round(createSeconds));
            r.put("convergeSeconds", round(seconds));
            r.put("callsPerConnection", round((double) calls / n));
            r.put("answered429", throttled);
            r.put("slowestPlatformPercentOfRate", Math.round(100 * slowest));
            r.put("peakRssMiBPerShard", rss);
            r.put("cpuSecondsPerShard", cpu);
            r.put("liveHeapMiBPerShard", live);
            System.out.println("[bench] " + r);
            return r;
        } finally {
            sims.forEach(KeycloakSimulator::close);
        }
    }

    private static String platform(SandboxEnvironment env, String name, KeycloakSimulator sim, String shard, double rps) {
        env.client().resource(Manifests.secret(NS, name + "-kc", Map.of("client-id", SimulatorFleet.KEYCLOAK_CLIENT_ID,
                "client-secret", SimulatorFleet.KEYCLOAK_CLIENT_SECRET))).create();
        IdentityPlatform platform = new IdentityPlatform();
        platform.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withLabels(shard == null ? Map.of() : Map.of(Shard.LABEL, shard)).build());
        platform.setSpec(new PlatformSpec());
        platform.getSpec().keycloak = new KeycloakPlatformSpec();
        platform.getSpec().keycloak.url = sim.baseUrl();
        platform.getSpec().keycloak.realm = SimulatorFleet.KEYCLOAK_REALM;
        platform.getSpec().keycloak.authRealm = sim.authRealm();
        platform.getSpec().keycloak.credentialsRef = new SecretRef(name + "-kc");
        platform.getSpec().rateLimit = new RateLimitSpec();
        platform.getSpec().rateLimit.requestsPerSecond = rps;
        platform.getSpec().rateLimit.burst = (int) rps;
        env.client().resource(platform).create();
        return name;
    }

    private static void awaitAllReady(SandboxEnvironment env, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int ready = 0;
        try (var informer = env.client().resources(IdentityConnection.class).inNamespace(NS).inform()) {
            while (System.nanoTime() < deadline) {
                ready = (int) informer.getStore().list().stream().filter(StatusTable::isReady).count();
                if (ready >= n) {
                    return;
                }
                Thread.sleep(100); // polling a local cache, not waiting for a fixed time
            }
        }
        throw new IllegalStateException("only " + ready + " of " + n + " connections Ready within " + timeout);
    }

    private static void parallel(int n, java.util.function.IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int item = i;
            futures.add(pool.submit(() -> work.accept(item)));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        for (var f : futures) {
            f.get();
        }
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
