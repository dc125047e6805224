package dev.federator.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Scripted misbehaviour, consumed one request at a time in the order it was armed, so that
 * {@code failNext(2, 503); throttleNext(1, ...)} answers 503, 503, 429 and then behaves normally.
 * A fault is taken only by requests whose route template passes {@link #onlyFor(Predicate)}.
 */
public final class Faults {

    public enum Kind { FAIL, DELAY, RESET, THROTTLE }

    /** One armed fault; {@code duration} is the delay or the Retry-After, depending on the kind. */
    public record Fault(Kind kind, int status, Duration duration, boolean withHeaders) {}

    private final Deque<Fault> pending = new ArrayDeque<>();
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private Predicate<String> scope = route -> true;

    /** The next {@code n} requests are answered with {@code status} (a 4xx or 5xx) and the vendor's error body. */
    public synchronized Faults failNext(int n, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
        }
        return arm(n, new Fault(Kind.FAIL, status, null, false));
    }

    /** The next {@code n} requests are answered normally, but only after {@code delay}. */
    public synchronized Faults delayNext(int n, Duration delay) {
        return arm(n, new Fault(Kind.DELAY, 0, Objects.requireNonNull(delay), false));
    }

    /** The next {@code n} requests get their connection closed without any answer. */
    public synchronized Faults resetNext(int n) {
        return arm(n, new Fault(Kind.RESET, 0, null, false));
    }

    /**
     * The next {@code n} requests are answered 429; {@code withHeaders} decides whether the
     * vendor's rate-limit headers (at least {@code Retry-After}) are sent, since some vendors omit them.
     */
    public synchronized Faults throttleNext(int n, Duration retryAfter, boolean withHeaders) {
        return arm(n, new Fault(Kind.THROTTLE, 429, Objects.requireNonNull(retryAfter), withHeaders));
    }

    /** Restricts armed faults to route templates such as {@code "PUT /admin/realms/:realm"}. */
    public synchronized Faults onlyFor(Predicate<String> routeTemplate) {
        this.scope = Objects.requireNonNull(routeTemplate);
        return this;
    }

    /** Drops pending faults, the route restriction and the counters. */
    public synchronized void clear() {
        pending.clear();
        injected.clear();
        scope = route -> true;
    }

    public synchronized int pending() {
        return pending.size();
    }

    public synchronized int injected() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int injected(Kind kind) {
        return injected.getOrDefault(kind, 0);
    }

    /** Takes the next fault for this request, or null when it should be served normally. */
    synchronized Fault take(String routeTemplate) {
        if (pending.isEmpty() || !scope.test(routeTemplate)) {
            return null;
        }
        Fault fault = pending.removeFirst();
        injected.merge(fault.kind(), 1, Integer::sum);
        return fault;
    }

    private Faults arm(int n, Fault fault) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        for (int i = 0; i < n; i++) {
            pending.addLast(fault);
        }
        return this;
    }
}
