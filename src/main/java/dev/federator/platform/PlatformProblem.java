package dev.federator.platform;

import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.Reason;

/** The connection's platform is missing, not allowed, or unusable; reason and message go on the status. */
public class PlatformProblem extends ReconcileFailure {
    public PlatformProblem(Reason reason, String message) { super(reason, message, null); }
}
