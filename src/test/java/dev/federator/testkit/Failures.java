package dev.federator.testkit;

import dev.federator.provider.spi.ReconcileFailure;

/** What the operator reports for a failure. */
public final class Failures {
    private Failures() {}

    /** The reason a failure carries, as the condition and event show it. */
    public static String reason(Throwable failure) {
        if (failure == null) {
            throw new AssertionError("expected a failure, but nothing was thrown");
        }
        if (!(failure instanceof ReconcileFailure typed)) {
            throw new AssertionError(failure.getClass().getName() + " is not a ReconcileFailure", failure);
        }
        return typed.reason().name();
    }
}
