package dev.federator.provider.spi;

/** A token bucket: {@code requestsPerSecond} sustained, {@code burst} at once after a quiet period. */
public record RatePolicy(double requestsPerSecond, int burst) {
    public RatePolicy {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 and burst >= 1");
        }
    }
}
