package dev.federator.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request a simulator answered (or dropped), as method, route template and status.
 * Bodies and headers are deliberately never kept: they carry client secrets and tokens.
 */
public final class CallLog {

    /** Status recorded for a request whose connection was closed without an answer. */
    public static final int NO_RESPONSE = 0;

    /**
     * One request. {@code route} is the template including the method, e.g.
     * {@code "PUT /admin/realms/:realm/identity-provider/instances/:alias"}.
     */
    public record Call(String method, String route, int status) {
        public boolean isWrite() {
            return !"GET".equals(method);
        }

        @Override
        public String toString() {
            return route + " -> " + status;
        }
    }

    // Not a CopyOnWriteArrayList: the benchmark records tens of thousands of calls, and each add would copy them all.
    private final List<Call> calls = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private long firstNanos;
    private long lastNanos;

    synchronized void record(String method, String route, int status) {
        long now = System.nanoTime();
        if (calls.isEmpty()) {
            firstNanos = now;
        }
        lastNanos = now;
        calls.add(new Call(method, route, status));
        nanos.add(now);
    }

    /** Time from the first to the last call since the last reset: the span a rate is measured over. */
    public synchronized Duration span() {
        return calls.isEmpty() ? Duration.ZERO : Duration.ofNanos(lastNanos - firstNanos);
    }

    /** Calls in each {@code bucket} since the first call: where a rate-limited run left its budget unused. */
    public synchronized List<Integer> histogram(Duration bucket) {
        List<Integer> counts = new ArrayList<>();
        for (long t : nanos) {
            int i = (int) ((t - firstNanos) / bucket.toNanos());
            while (counts.size() <= i) {
                counts.add(0);
            }
            counts.set(i, counts.get(i) + 1);
        }
        return counts;
    }

    public synchronized int count() {
        return calls.size();
    }

    public int count(String method) {
        return count(c -> c.method().equalsIgnoreCase(method));
    }

    /** Calls on one route template, e.g. {@code countRoute("PUT /admin/realms/:realm")}. */
    public int countRoute(String route) {
        return count(c -> c.route().equals(route));
    }

    /** Calls that are not GETs. */
    public int writes() {
        return count(Call::isWrite);
    }

    public int count(Predicate<Call> filter) {
        return (int) calls().stream().filter(filter).count();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void reset() {
        calls.clear();
        nanos.clear();
    }

    @Override
    public synchronized String toString() {
        return calls.toString();
    }
}
