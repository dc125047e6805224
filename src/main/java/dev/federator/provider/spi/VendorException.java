package dev.federator.provider.spi;

/**
 * A failure talking to a vendor. Subclasses say what the operator should do about it; {@link #reason()} becomes the
 * condition reason and the message is shown to users, so neither may contain a secret value.
 */
public abstract class VendorException extends RuntimeException {
    private final String reason;

    protected VendorException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** CamelCase condition reason, for example VendorUnavailable or InvalidField. */
    public String reason() { return reason; }
}
