package dev.federator.provider.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Every failure the operator reports to users: a vendor call ({@link VendorException}), a referenced Secret or a
 * platform. The reason becomes the condition and event reason, the message is shown as it is (so it never holds a
 * secret value; a cause may, and is never shown), and the reason's {@link RetryClass} says when to try again.
 */
public abstract class ReconcileFailure extends RuntimeException {
    private final Reason reason;

    protected ReconcileFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    public RetryClass retry() { return reason.retry(); }

    /** When the vendor said to come back; empty unless it did. */
    public Optional<Duration> retryAfter() { return Optional.empty(); }
}
