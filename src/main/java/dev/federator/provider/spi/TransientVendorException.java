package dev.federator.provider.spi;

import java.time.Duration;
import java.util.Optional;

/** The vendor may succeed later (5xx, timeout, rate limit): retry with backoff, or after {@link #retryAfter()}. */
public class TransientVendorException extends VendorException {
    private final Duration retryAfter;

    public TransientVendorException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(reason, message, cause);
        this.retryAfter = retryAfter;
    }

    public TransientVendorException(Reason reason, String message) { this(reason, message, null, null); }

    @Override
    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }
}
