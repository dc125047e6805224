package dev.federator.secrets;

import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.Reason;

/** A referenced Secret, key or certificate is unusable; the reason and message go on the status as they are. */
public class SecretProblem extends ReconcileFailure {
    public SecretProblem(Reason reason, String message) { super(reason, message, null); }
}
