package dev.federator.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Token bucket: {@code burst} requests at once, refilled at {@code perSecond}. A simulator with
 * one answers 429 once the bucket is empty, like a vendor enforcing its plan's limit.
 */
public final class RateLimit {

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;
    private int rejected;

    RateLimit(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("need perSecond > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastRefill = nanoTime.getAsLong();
    }

    public static RateLimit of(double perSecond, int burst) {
        return new RateLimit(perSecond, burst, System::nanoTime);
    }

    /** A bucket on a clock the test moves. */
    public static RateLimit of(double perSecond, int burst, LongSupplier nanoTime) {
        return new RateLimit(perSecond, burst, nanoTime);
    }

    /** Empty when the request may proceed; otherwise how long until a token is available. */
    public synchronized Optional<Duration> tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        rejected++;
        double waitSeconds = (1 - tokens) / perSecond;
        return Optional.of(Duration.ofNanos((long) Math.ceil(waitSeconds * 1e9)));
    }

    public synchronized int rejected() {
        return rejected;
    }

    public double perSecond() {
        return perSecond;
    }

    public int burst() {
        return burst;
    }

    /** Whole requests the bucket would let through now, for vendors that report it (x-ratelimit-remaining). */
    public synchronized int available() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        return (int) Math.floor(tokens);
    }

    /** How long until the bucket is full again. */
    public synchronized Duration untilFull() {
        available();
        return Duration.ofNanos((long) Math.ceil((burst - tokens) / perSecond * 1e9));
    }
}
