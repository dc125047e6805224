package dev.federator.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void record(String method, String route, int status) {
        calls.add(new Call(method, route, status));
    }

    public int count() {
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
        return (int) calls.stream().filter(filter).count();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void reset() {
        calls.clear();
    }

    @Override
    public String toString() {
        return calls.toString();
    }
}
