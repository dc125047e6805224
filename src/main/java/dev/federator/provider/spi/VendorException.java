package dev.federator.provider.spi;

/**
 * A failure talking to a vendor. Subclasses name the kind of failure for adapters and tests; what the operator does
 * about it follows from {@link #reason()}. Neither reason nor message may contain a secret value.
 */
public abstract class VendorException extends ReconcileFailure {
    protected VendorException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
